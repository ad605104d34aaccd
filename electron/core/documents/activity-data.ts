import { daysBetween, type IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { agingReport } from '../ledger/aging-query';
import { getSetting } from '../settings';
import { dayBefore, documentBasics, type DocumentBasics } from './statement-data';

export interface ActivityLine {
  date: IsoDate;
  reference: string;
  description: string;
  /** Positive raises what is owed (an invoice), negative lowers it (a payment, a credit). */
  amountMinor: number;
  balanceMinor: number;
}

export interface ActivitySection {
  currency: string;
  openingMinor: number;
  lines: ActivityLine[];
  closingMinor: number;
}

export interface ActivityStatement extends DocumentBasics {
  kind: 'activity';
  from: IsoDate;
  to: IsoDate;
  sections: ActivitySection[];
}

interface Movement {
  date: IsoDate;
  currency: string;
  reference: string;
  description: string;
  amountMinor: number;
  order: number;
}

/** The day an allocation moved the balance: once both it and its invoice are dated, or on its payment's day if that is earlier. */
const MOVED = `min(COALESCE(p.received_date, '9999-12-31'), max(i.issue_date, a.applied_date))`;

/**
 * Everything that moved the balance in [from, to], in the terms of the aging (ledger/aging-query.ts):
 * invoices issued (+), credit notes and payments on account issued (−), and what was applied to
 * invoices other than from a credit note (payments, ERP adjustments, closings: −). A credit note
 * applied to an invoice moves nothing: it lowers the invoice and the credit alike. What was applied
 * moves the balance once the invoice is issued and the allocation dated, or on the day its payment
 * was received if that is earlier: from then the aging holds it as credit (ledger/paid-ahead.ts).
 */
const MOVEMENTS = `
  SELECT issue_date AS date, currency, number AS reference, 'Invoice' AS description, amount_minor AS amountMinor, 0 AS ord
  FROM invoices WHERE customer_id = @customerId AND status != 'void' AND issue_date BETWEEN @from AND @to
  UNION ALL
  SELECT issue_date, currency, number, CASE kind WHEN 'credit_note' THEN 'Credit note' ELSE 'Payment on account' END, -amount_minor, 1
  FROM credit_notes WHERE customer_id = @customerId AND issue_date BETWEEN @from AND @to
  UNION ALL
  SELECT ${MOVED} AS moved, i.currency, COALESCE(NULLIF(p.reference, ''), p.external_id, i.number),
         CASE WHEN a.payment_id IS NOT NULL THEN 'Payment' ELSE 'Adjustment to ' || i.number END, -SUM(a.amount_minor), 2
  FROM allocations a JOIN invoices i ON i.id = a.invoice_id LEFT JOIN payments p ON p.id = a.payment_id
  WHERE i.customer_id = @customerId AND i.status != 'void' AND a.credit_note_id IS NULL AND ${MOVED} BETWEEN @from AND @to
  GROUP BY moved, i.currency, COALESCE(a.payment_id, -a.id)
  ORDER BY 1, 6, 3`;

/**
 * An activity statement for a period: per currency the balance at the end of the day before it, each
 * movement with the running balance, and the balance at the end of its last day. Opening and closing
 * are the aging's own totals on those days; should the movements not explain the difference (an ERP
 * that rewrote history), the remainder shows as one line saying so, never hidden.
 */
export function activityStatement(sqlite: SqliteDb, customerId: number, from: IsoDate, to: IsoDate): ActivityStatement {
  if (daysBetween(from, to) < 0) throw new AppError('INVALID_INPUT', `The period ends (${to}) before it starts (${from}).`);
  const basics = documentBasics(sqlite, customerId);
  const edges = getSetting(sqlite, 'agingEdges');
  const opening = agingReport(sqlite, dayBefore(from), edges, customerId).customers;
  const closing = agingReport(sqlite, to, edges, customerId).customers;
  const movements = prepareCached(sqlite, MOVEMENTS).all({ customerId, from, to }) as Movement[];
  const currencies = [...new Set([...opening, ...closing].map((row) => row.currency).concat(movements.map((m) => m.currency)))].sort();
  const sections = currencies.map((currency): ActivitySection => {
    const openingMinor = opening.find((row) => row.currency === currency)?.total ?? 0;
    const closingMinor = closing.find((row) => row.currency === currency)?.total ?? 0;
    let balance = openingMinor;
    const lines = movements
      .filter((m) => m.currency === currency && m.amountMinor !== 0)
      .map((m): ActivityLine => {
        balance += m.amountMinor;
        return { date: m.date, reference: m.reference, description: m.description, amountMinor: m.amountMinor, balanceMinor: balance };
      });
    if (balance !== closingMinor)
      lines.push({
        date: to,
        reference: '',
        description: 'Other changes recorded by the ERP',
        amountMinor: closingMinor - balance,
        balanceMinor: closingMinor,
      });
    return { currency, openingMinor, lines, closingMinor };
  });
  return { ...basics, kind: 'activity', from, to, sections };
}
