import type { AgingAmounts, AgingEdges, AgingReport } from '../../../shared/aging';
import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import type { ColumnsRow, RenamedRow } from '../../db/typed-row';
import { ageItems, agingFromRows, type AgingItem } from './aging';
import { aheadAllocations } from './paid-ahead';

/** An open item with what names it, for the lists behind a chart. */
export interface AgingItemDetail extends AgingItem {
  number: string;
  issueDate: IsoDate;
}

/**
 * Open items as of a date: invoices issued on or before it, with their balance then (today's open
 * balance plus whatever was applied to them after the date), and unapplied credits likewise.
 * An item settled today with nothing applied after the date was settled then too, so only items
 * open today or touched after the date are read: for "as of today" that is the open items alone.
 * (A non-void invoice has a non-zero balance exactly when its status is 'open'.) The few items
 * touched after the date lead their joins, which the planner cannot know without statistics. What
 * payments received by the date paid ahead of it (ledger/paid-ahead.ts) is credit then, one item per
 * payment (its parts over several invoices, or an ERP's several matches of it, summed).
 */
const openItemsAsOf = (only: string): string => `
  WITH later_i AS (SELECT invoice_id AS id, SUM(amount_minor) AS amount FROM allocations INDEXED BY allocations_applied
                   WHERE applied_date > @asOf GROUP BY invoice_id),
       later_n AS (SELECT credit_note_id AS id, SUM(amount_minor) AS amount FROM allocations INDEXED BY allocations_applied
                   WHERE applied_date > @asOf AND credit_note_id IS NOT NULL GROUP BY credit_note_id)
  SELECT i.customer_id AS customerId, i.currency AS currency, i.due_date AS dueDate, i.number AS number, i.issue_date AS issueDate,
         i.open_minor + COALESCE(l.amount, 0) AS balanceMinor, 0 AS credit, i.amount_minor AS amountMinor, 'invoice' AS kind
  FROM invoices i LEFT JOIN later_i l ON l.id = i.id
  WHERE i.status = 'open' AND i.issue_date <= @asOf ${only.replace('?', 'i')}
  UNION ALL
  SELECT i.customer_id, i.currency, i.due_date, i.number, i.issue_date, i.open_minor + l.amount, 0, i.amount_minor, 'invoice'
  FROM later_i l CROSS JOIN invoices i ON i.id = l.id
  WHERE i.status NOT IN ('open', 'void') AND i.issue_date <= @asOf ${only.replace('?', 'i')}
  UNION ALL
  SELECT n.customer_id, n.currency, n.issue_date, n.number, n.issue_date, -(n.open_minor + COALESCE(l.amount, 0)), 1, -n.amount_minor, n.kind
  FROM credit_notes n LEFT JOIN later_n l ON l.id = n.id
  WHERE n.issue_date <= @asOf AND (n.open_minor != 0 OR l.amount IS NOT NULL) ${only.replace('?', 'n')}
  UNION ALL
  SELECT w.customerId, w.currency, w.receivedDate, w.number, w.receivedDate, -SUM(w.ahead), 1, -SUM(w.paymentMinor), 'unapplied_payment'
  FROM (SELECT customerId, currency, receivedDate, number, paymentMinor, SUM(amountMinor) AS ahead
        FROM (${aheadAllocations('@asOf', '@asOf', only)}) GROUP BY paymentId) w
  GROUP BY w.customerId, w.currency, w.receivedDate, w.number
`;

/**
 * The aging report in SQL: open items summed per customer and currency into the six buckets, by
 * whole days past due against the edges @e1…@e4 (the agingBuckets setting), named and ordered as
 * the report shows them. Items that were zero on the date make no row. The database does the
 * summing, so a million open items never cross into JavaScript.
 */
const agingByCustomer = (only: string): string => `
  SELECT g.customerId AS customerId, c.external_id AS externalId, c.name AS name, g.currency AS currency,
         g.current AS current, g.d1_30 AS d1_30, g.d31_60 AS d31_60, g.d61_90 AS d61_90, g.d91_120 AS d91_120,
         g.d120_plus AS d120_plus, g.credits AS credits, g.total AS total
  FROM (
    SELECT customerId, currency,
           SUM(CASE WHEN age <= 0 THEN balanceMinor ELSE 0 END) AS current,
           SUM(CASE WHEN age > 0 AND age <= @e1 THEN balanceMinor ELSE 0 END) AS d1_30,
           SUM(CASE WHEN age > @e1 AND age <= @e2 THEN balanceMinor ELSE 0 END) AS d31_60,
           SUM(CASE WHEN age > @e2 AND age <= @e3 THEN balanceMinor ELSE 0 END) AS d61_90,
           SUM(CASE WHEN age > @e3 AND age <= @e4 THEN balanceMinor ELSE 0 END) AS d91_120,
           SUM(CASE WHEN age > @e4 THEN balanceMinor ELSE 0 END) AS d120_plus,
           SUM(CASE WHEN credit = 1 THEN balanceMinor ELSE 0 END) AS credits,
           SUM(balanceMinor) AS total
    FROM (SELECT customerId, currency, balanceMinor, credit, CAST(julianday(@asOf) - julianday(dueDate) AS INTEGER) AS age
          FROM (${openItemsAsOf(only)}) WHERE balanceMinor != 0)
    GROUP BY customerId, currency
  ) g JOIN customers c ON c.id = g.customerId
  ORDER BY g.currency, g.total DESC, c.name
`;
/** The whole book's aging as of @asOf: exported so the bench runs the very same SQL in the sqlite3 CLI. */
export const AGING_SQL = agingByCustomer('');
const AGING_ONE_CUSTOMER = agingByCustomer('AND ?.customer_id = @customerId');

/** The statement parameters for aging as of a date with these bucket edges. */
export function agingParameters(asOf: IsoDate, edges: AgingEdges): { asOf: IsoDate; e1: number; e2: number; e3: number; e4: number } {
  return { asOf, e1: edges[0], e2: edges[1], e3: edges[2], e4: edges[3] };
}

const ITEM_DETAILS = `SELECT it.customerId AS customerId, c.external_id AS externalId, c.name AS name, it.currency AS currency,
    it.dueDate AS dueDate, it.number AS number, it.issueDate AS issueDate, it.balanceMinor AS balanceMinor, it.credit AS credit
  FROM (${openItemsAsOf('')}) it JOIN customers c ON c.id = it.customerId
  WHERE it.balanceMinor != 0`;

/** One open item on a statement: an invoice (positive) or a credit note or unapplied payment (negative). */
export interface OpenItem {
  currency: string;
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  amountMinor: number;
  balanceMinor: number;
  kind: 'invoice' | 'credit_note' | 'unapplied_payment';
}

const CUSTOMER_ITEMS = `SELECT it.currency AS currency, it.number AS number, it.issueDate AS issueDate, it.dueDate AS dueDate,
    it.amountMinor AS amountMinor, it.balanceMinor AS balanceMinor, it.kind AS kind
  FROM (${openItemsAsOf('AND ?.customer_id = @customerId')}) it
  WHERE it.balanceMinor != 0
  ORDER BY it.currency, it.kind != 'invoice', it.dueDate, it.number`;

/** A customer's items open on a date, the very ones its aging sums: what its statement lists. */
export function customerOpenItems(sqlite: SqliteDb, asOf: IsoDate, customerId: number): OpenItem[] {
  return prepareCached(sqlite, CUSTOMER_ITEMS).all({ asOf, customerId }) as OpenItem[];
}

/** Every item open (non-zero) on a date, with its number: what a chart's bar is made of. */
export function openItemDetails(sqlite: SqliteDb, asOf: IsoDate): AgingItemDetail[] {
  return prepareCached(sqlite, ITEM_DETAILS).all({ asOf }) as AgingItemDetail[];
}

/** AGING_SQL's row: the customer's and its items' columns, then the sums it computes. */
type AgingSqlRow = RenamedRow<'customers', { customerId: 'id'; externalId: 'external_id'; name: 'name' }> & ColumnsRow<'invoices', 'currency'> & AgingAmounts;

/** Every customer's aging, or one customer's (its page's small chart). */
export function agingReport(sqlite: SqliteDb, asOf: IsoDate, edges: AgingEdges, customerId?: number): AgingReport {
  const parameters = agingParameters(asOf, edges);
  const rows = (
    customerId === undefined ? prepareCached(sqlite, AGING_SQL).all(parameters) : prepareCached(sqlite, AGING_ONE_CUSTOMER).all({ ...parameters, customerId })
  ) as AgingSqlRow[];
  return agingFromRows(rows, asOf, edges);
}

/**
 * The same "as of" balances on many dates in one pass, for a month-end trend. An item whose
 * balance is zero today and had nothing applied after a date was zero on that date too, so only
 * items still open or settled later are joined to each date: one scan instead of one per date.
 * What was paid ahead of a date is credit on it, as in the single-date report.
 */
function itemsOnDates(dates: number): string {
  return `
  WITH d(asOf) AS (VALUES ${Array.from({ length: dates }, () => '(?)').join(', ')}),
  live_i AS MATERIALIZED (
    SELECT i.id, i.customer_id, i.currency, i.due_date, i.issue_date, i.open_minor,
           CASE WHEN i.open_minor != 0 THEN '9999-12-31' ELSE COALESCE((SELECT MAX(a.applied_date) FROM allocations a WHERE a.invoice_id = i.id), '') END AS settled
    FROM invoices i WHERE i.status != 'void'),
  live_n AS MATERIALIZED (
    SELECT n.id, n.customer_id, n.currency, n.issue_date, n.open_minor,
           CASE WHEN n.open_minor != 0 THEN '9999-12-31' ELSE COALESCE((SELECT MAX(a.applied_date) FROM allocations a WHERE a.credit_note_id = n.id), '') END AS settled
    FROM credit_notes n)
  SELECT d.asOf AS asOf, c.id AS customerId, c.external_id AS externalId, c.name AS name, l.currency AS currency, l.due_date AS dueDate,
         l.open_minor + COALESCE((SELECT SUM(a.amount_minor) FROM allocations a WHERE a.invoice_id = l.id AND a.applied_date > d.asOf), 0) AS balanceMinor, 0 AS credit
  FROM live_i l JOIN d ON l.issue_date <= d.asOf AND l.settled > d.asOf JOIN customers c ON c.id = l.customer_id
  UNION ALL
  SELECT d.asOf, c.id, c.external_id, c.name, l.currency, l.issue_date,
         -(l.open_minor + COALESCE((SELECT SUM(a.amount_minor) FROM allocations a WHERE a.credit_note_id = l.id AND a.applied_date > d.asOf), 0)), 1
  FROM live_n l JOIN d ON l.issue_date <= d.asOf AND l.settled > d.asOf JOIN customers c ON c.id = l.customer_id
  UNION ALL
  SELECT d.asOf, c.id, c.external_id, c.name, w.currency, w.receivedDate, -w.amountMinor, 1
  FROM (${aheadAllocations('(SELECT MIN(asOf) FROM d)', '(SELECT MAX(asOf) FROM d)')}) w
  JOIN d ON w.receivedDate <= d.asOf AND w.until > d.asOf JOIN customers c ON c.id = w.customerId`;
}

/** Aging reports on each of `dates` (ascending), computed from history as the single-date report is. */
export function agingReportsOn(sqlite: SqliteDb, dates: readonly IsoDate[], edges: AgingEdges): AgingReport[] {
  const byDate = new Map<IsoDate, AgingItem[]>(dates.map((date) => [date, []]));
  for (const row of sqlite.prepare(itemsOnDates(dates.length)).iterate(...dates) as Iterable<AgingItem & { asOf: IsoDate }>) {
    byDate.get(row.asOf)!.push(row);
  }
  return dates.map((date) => ageItems(byDate.get(date)!, date, edges));
}
