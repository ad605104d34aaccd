import type { AgingAmounts, AgingEdges } from '../../../shared/aging';
import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { inScope, scopeParams, type CustomerScope } from './customer-scope';
import { agingReport } from './aging-query';
import { aheadAllocations } from './paid-ahead';

/**
 * THE open balance of a customer in one currency as of a date, which every screen shows (customer
 * page, Customers, the worklist, aging, the forecast's footnote): the balances of its invoices issued
 * by then, less its unapplied credits (credit notes and payments not yet applied) issued by then.
 * It is the aging report's total; overdue is the part not in the Current bucket, so a credit dated
 * before the day counts against what is overdue, as it does in an ERP's aging report.
 */
export interface OpenBalance {
  openMinor: number;
  overdueMinor: number;
  /** Unapplied credits included above (zero or negative), shown on their own line. */
  creditsMinor: number;
}

export function openBalanceOf(amounts: AgingAmounts): OpenBalance {
  return { openMinor: amounts.total, overdueMinor: amounts.total - amounts.current, creditsMinor: amounts.credits };
}

/** Every customer's open balances (one per currency), or one customer's, from the aging report. */
export function openBalances(
  sqlite: SqliteDb,
  asOf: IsoDate,
  edges: AgingEdges,
  customerId?: number,
): (OpenBalance & { customerId: number; currency: string })[] {
  return agingReport(sqlite, asOf, edges, customerId).customers.map((row) => ({ customerId: row.customerId, currency: row.currency, ...openBalanceOf(row) }));
}

const CREDITS_SQL = (only: string): string => `
  SELECT id, SUM(credit) AS creditsMinor, SUM(CASE WHEN issued < @today THEN credit ELSE 0 END) AS pastDueMinor
  FROM (SELECT n.customer_id || '|' || n.currency AS id, -(n.open_minor + COALESCE(l.amount, 0)) AS credit, n.issue_date AS issued
        FROM credit_notes n
        LEFT JOIN (SELECT credit_note_id AS id, SUM(amount_minor) AS amount FROM allocations
                   WHERE applied_date > @today AND credit_note_id IS NOT NULL GROUP BY credit_note_id) l ON l.id = n.id
        WHERE n.issue_date <= @today AND (n.open_minor != 0 OR l.amount IS NOT NULL) ${only.replaceAll('?', 'n')}
        UNION ALL
        SELECT w.customerId || '|' || w.currency, -w.amountMinor, w.receivedDate FROM (${aheadAllocations('@today', '@today', only)}) w)
  GROUP BY id`;

/**
 * Unapplied credits on `today` by "customerId|currency", for readers that sum invoices themselves
 * (the worklist's facts): the same items, dated and aged as the aging report dates and ages them,
 * what payments received by then paid ahead of the day (ledger/paid-ahead.ts) included.
 */
export function unappliedCredits(sqlite: SqliteDb, today: IsoDate, scope: CustomerScope): Map<string, { creditsMinor: number; pastDueMinor: number }> {
  const rows = prepareCached(sqlite, CREDITS_SQL(inScope('?.customer_id', scope))).all({ today, ...scopeParams(scope) }) as {
    id: string;
    creditsMinor: number;
    pastDueMinor: number;
  }[];
  return new Map(rows.filter((row) => row.creditsMinor !== 0).map(({ id, ...credits }) => [id, credits]));
}
