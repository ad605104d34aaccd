import type { AgingEdges, AgingReport } from '../../../shared/aging';
import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { ageItems, type AgingItem } from './aging';

/** An open item with what names it, for the lists behind a chart. */
export interface AgingItemDetail extends AgingItem {
  number: string;
  issueDate: IsoDate;
}

/**
 * Open items as of a date: invoices issued on or before it, with their balance then (today's open
 * balance plus whatever was applied to them after the date), and unapplied credits likewise.
 * Raw SQL here because the correlated sums read clearer than their query-builder form.
 */
const openItemsAsOf = (only: string): string => `
  SELECT c.id AS customerId, c.external_id AS externalId, c.name AS name, i.currency AS currency,
         i.due_date AS dueDate, i.number AS number, i.issue_date AS issueDate,
         i.open_minor + COALESCE((SELECT SUM(a.amount_minor) FROM allocations a
                                   WHERE a.invoice_id = i.id AND a.applied_date > @asOf), 0) AS balanceMinor
  FROM invoices i JOIN customers c ON c.id = i.customer_id
  WHERE i.issue_date <= @asOf AND i.status != 'void' ${only.replace('?', 'i')}
  UNION ALL
  SELECT c.id, c.external_id, c.name, n.currency, n.issue_date, n.number, n.issue_date,
         -(n.open_minor + COALESCE((SELECT SUM(a.amount_minor) FROM allocations a
                                     WHERE a.credit_note_id = n.id AND a.applied_date > @asOf), 0))
  FROM credit_notes n JOIN customers c ON c.id = n.customer_id
  WHERE n.issue_date <= @asOf ${only.replace('?', 'n')}
`;
/** Every open item as of @asOf: exported so the bench can run the very same SQL in the sqlite3 CLI. */
export const OPEN_ITEMS_SQL = openItemsAsOf('');
const ALL = OPEN_ITEMS_SQL;
const ONE_CUSTOMER = openItemsAsOf('AND ?.customer_id = @customerId');

/** Every item open (non-zero) on a date, with its number: what a chart's bar is made of. */
export function openItemDetails(sqlite: SqliteDb, asOf: IsoDate): AgingItemDetail[] {
  return (sqlite.prepare(ALL).all({ asOf }) as AgingItemDetail[]).filter((item) => item.balanceMinor !== 0);
}

/** Every customer's aging, or one customer's (its page's small chart). */
export function agingReport(sqlite: SqliteDb, asOf: IsoDate, edges: AgingEdges, customerId?: number): AgingReport {
  const items = (customerId === undefined ? prepareCached(sqlite, ALL).all({ asOf }) : prepareCached(sqlite, ONE_CUSTOMER).all({ asOf, customerId })) as AgingItem[];
  return ageItems(items, asOf, edges);
}

/**
 * The same "as of" balances on many dates in one pass, for a month-end trend. An item whose
 * balance is zero today and had nothing applied after a date was zero on that date too, so only
 * items still open or settled later are joined to each date: one scan instead of one per date.
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
         l.open_minor + COALESCE((SELECT SUM(a.amount_minor) FROM allocations a WHERE a.invoice_id = l.id AND a.applied_date > d.asOf), 0) AS balanceMinor
  FROM live_i l JOIN d ON l.issue_date <= d.asOf AND l.settled > d.asOf JOIN customers c ON c.id = l.customer_id
  UNION ALL
  SELECT d.asOf, c.id, c.external_id, c.name, l.currency, l.issue_date,
         -(l.open_minor + COALESCE((SELECT SUM(a.amount_minor) FROM allocations a WHERE a.credit_note_id = l.id AND a.applied_date > d.asOf), 0))
  FROM live_n l JOIN d ON l.issue_date <= d.asOf AND l.settled > d.asOf JOIN customers c ON c.id = l.customer_id`;
}

/** Aging reports on each of `dates` (ascending), computed from history as the single-date report is. */
export function agingReportsOn(sqlite: SqliteDb, dates: readonly IsoDate[], edges: AgingEdges): AgingReport[] {
  const byDate = new Map<IsoDate, AgingItem[]>(dates.map((date) => [date, []]));
  for (const row of sqlite.prepare(itemsOnDates(dates.length)).iterate(...dates) as Iterable<AgingItem & { asOf: IsoDate }>) {
    byDate.get(row.asOf)!.push(row);
  }
  return dates.map((date) => ageItems(byDate.get(date)!, date, edges));
}
