import type { AgingEdges, AgingReport } from '../../../shared/aging';
import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { ageItems, type AgingItem } from './aging';

/**
 * Open items as of a date: invoices issued on or before it, with their balance then (today's open
 * balance plus whatever was applied to them after the date), and unapplied credits likewise.
 * Raw SQL here because the correlated sums read clearer than their query-builder form.
 */
const openItemsAsOf = (only: string): string => `
  SELECT c.id AS customerId, c.external_id AS externalId, c.name AS name, i.currency AS currency,
         i.due_date AS dueDate,
         i.open_minor + COALESCE((SELECT SUM(a.amount_minor) FROM allocations a
                                   WHERE a.invoice_id = i.id AND a.applied_date > @asOf), 0) AS balanceMinor
  FROM invoices i JOIN customers c ON c.id = i.customer_id
  WHERE i.issue_date <= @asOf AND i.status != 'void' ${only.replace('?', 'i')}
  UNION ALL
  SELECT c.id, c.external_id, c.name, n.currency, n.issue_date,
         -(n.open_minor + COALESCE((SELECT SUM(a.amount_minor) FROM allocations a
                                     WHERE a.credit_note_id = n.id AND a.applied_date > @asOf), 0))
  FROM credit_notes n JOIN customers c ON c.id = n.customer_id
  WHERE n.issue_date <= @asOf ${only.replace('?', 'n')}
`;
/** Every open item as of @asOf: exported so the bench can run the very same SQL in the sqlite3 CLI. */
export const OPEN_ITEMS_SQL = openItemsAsOf('');
const ALL = OPEN_ITEMS_SQL;
const ONE_CUSTOMER = openItemsAsOf('AND ?.customer_id = @customerId');

/** Every customer's aging, or one customer's (its page's small chart). */
export function agingReport(sqlite: SqliteDb, asOf: IsoDate, edges: AgingEdges, customerId?: number): AgingReport {
  const items = (customerId === undefined ? prepareCached(sqlite, ALL).all({ asOf }) : prepareCached(sqlite, ONE_CUSTOMER).all({ asOf, customerId })) as AgingItem[];
  return ageItems(items, asOf, edges);
}
