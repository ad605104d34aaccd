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
  /** An ERP payment's whole amount, on the line of its day. */
  wholeMinor: number | null;
}

/** The day an allocation moved the balance: once both it and its invoice are dated, or on its payment's day if that is earlier. */
const MOVED = `min(COALESCE(p.received_date, '9999-12-31'), max(i.issue_date, a.applied_date))`;

/**
 * A payment an ERP connector keeps as its own unapplied-payment credit (external id
 * `payment:<the ERP's payment id>`, sync/odoo-reconciliation.ts and sync/qbo-records.ts): the credit
 * is the whole payment with its unmatched part open, and each match with an invoice is a payment of
 * the same source. QuickBooks names a match `<payment id>:<invoice id>`; an Odoo match
 * (`partial:<id>`) carries the payment's journal entry name as its reference, the credit's number.
 * One row per such match with its credit. (A generic import's `unapplied:` credit holds only what
 * its payment left unapplied, and is listed apart.)
 */
const OWN_CREDIT = `
  SELECT p.id AS paymentId, MIN(n.id) AS creditId, MIN(n.number) AS number
  FROM credit_notes n JOIN payments p ON p.customer_id = n.customer_id AND p.source = n.source AND p.currency = n.currency
  WHERE n.customer_id = @customerId AND n.kind = 'unapplied_payment' AND n.external_id LIKE 'payment:%'
    AND (substr(p.external_id, 1, length(n.external_id) - 7) = substr(n.external_id, 9) || ':'
         OR p.external_id LIKE 'partial:%' AND p.reference = n.number)
  GROUP BY p.id`;

/** An ERP payment's own credit: on the aging from its date in what is unmatched now, its matches on their invoices. */
const ERP_PAYMENT = `kind = 'unapplied_payment' AND external_id LIKE 'payment:%'`;

/**
 * Everything that moved the balance in [from, to], in the terms of the aging (ledger/aging-query.ts):
 * invoices issued (+), credit notes and payments on account issued (−), and what was applied to
 * invoices other than from a credit note (payments, ERP adjustments, closings: −). A credit note
 * applied to an invoice moves nothing: it lowers the invoice and the credit alike. What was applied
 * moves the balance once the invoice is issued and the allocation dated, or on the day its payment
 * was received if that is earlier: from then the aging holds it as credit (ledger/paid-ahead.ts).
 * An ERP's payment (OWN_CREDIT) is one line a day: its credit's open part with its matches, which
 * is its whole amount; unless the ERP undid a match since, which the ledger keeps as history with
 * an adjustment to that invoice when the undoing was read: see `undoneMatch`.
 */
const MOVEMENTS = `
  WITH own AS (${OWN_CREDIT}),
  moves AS (
    SELECT issue_date AS date, currency, number AS reference, 'Invoice' AS description, amount_minor AS amountMinor, 0 AS ord, 'i' || id AS item,
           NULL AS whole
    FROM invoices WHERE customer_id = @customerId AND status != 'void' AND issue_date BETWEEN @from AND @to
    UNION ALL
    SELECT issue_date, currency, number,
           CASE WHEN kind = 'credit_note' THEN 'Credit note' WHEN id IN (SELECT creditId FROM own) THEN 'Payment' ELSE 'Payment on account' END,
           CASE WHEN ${ERP_PAYMENT} THEN -open_minor ELSE -amount_minor END, 1, 'n' || id,
           CASE WHEN id IN (SELECT creditId FROM own) THEN amount_minor END
    FROM credit_notes WHERE customer_id = @customerId AND issue_date BETWEEN @from AND @to
    UNION ALL
    SELECT ${MOVED}, i.currency, COALESCE(o.number, NULLIF(p.reference, ''), p.external_id, i.number),
           CASE WHEN a.payment_id IS NOT NULL THEN 'Payment' ELSE 'Adjustment to ' || i.number END, -a.amount_minor, 2,
           CASE WHEN o.creditId IS NOT NULL THEN 'n' || o.creditId WHEN a.payment_id IS NOT NULL THEN 'p' || a.payment_id ELSE 'a' || a.id END, NULL
    FROM allocations a JOIN invoices i ON i.id = a.invoice_id LEFT JOIN payments p ON p.id = a.payment_id LEFT JOIN own o ON o.paymentId = a.payment_id
    WHERE i.customer_id = @customerId AND i.status != 'void' AND a.credit_note_id IS NULL AND ${MOVED} BETWEEN @from AND @to)
  SELECT date, currency, MIN(reference) AS reference, MAX(description) AS description, SUM(amountMinor) AS amountMinor, MIN(ord) AS ord,
         MAX(whole) AS wholeMinor
  FROM moves GROUP BY date, currency, item
  ORDER BY 1, 6, 3`;

/**
 * An ERP payment whose open part and matches on its day come to more than the payment: a match the
 * ERP undid later (Odoo's "Unreconcile") that the ledger keeps, since the day's aging still holds
 * it. The payment shows in its whole amount and that match apart, so the later adjustment to the
 * invoice visibly takes it back.
 */
function undoneMatch(m: Movement): Movement[] {
  if (m.wholeMinor === null || -m.amountMinor <= m.wholeMinor) return [m];
  return [
    { ...m, amountMinor: -m.wholeMinor },
    { ...m, description: 'Match undone later in the ERP', amountMinor: m.amountMinor + m.wholeMinor },
  ];
}

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
      .flatMap(undoneMatch)
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
