import type { IsoDate } from '../../../shared/dates';
import type { InboxHold } from '../../../shared/outreach/guard';
import type { SqliteDb } from '../../db/sqlite';
import type { RenamedRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import { inScope, scopeParams, type CustomerScope } from '../ledger/customer-scope';

/**
 * What came back from customers that holds every message to them, for the send guard (read with the
 * ladder's facts, so every path sees it: ladder, bulk, single, a resend and the sender's last look).
 */

/** Each customer's latest reply still waiting to be handled (the worklist's "Replied 2 h ago", the guard's `replied`), by customer id. */
export function openReplies(sqlite: SqliteDb, scope: CustomerScope): Map<number, string> {
  const rows = prepareCached(
    sqlite,
    `SELECT customer_id AS id, MAX(received_at) AS at FROM inbox_messages
    WHERE kind = 'reply' AND state = 'open' AND customer_id IS NOT NULL ${inScope('customer_id', scope)} GROUP BY customer_id`,
  ).all(scopeParams(scope)) as (RenamedRow<'inbox_messages', { at: 'received_at' }> & { id: number })[]; // id: the customer's, not null by the WHERE
  return new Map(rows.map((row) => [row.id, row.at]));
}

/**
 * A reply not yet handled holds until the collector handles it; an out-of-office answer holds until
 * the day the ladder may write again (the day after the return date), unless the collector found
 * someone else to write to meanwhile. A reply outranks an absence: the customer has answered.
 */
export function inboxHolds(sqlite: SqliteDb, today: IsoDate, scope: CustomerScope): Map<number, InboxHold> {
  const holds = new Map<number, InboxHold>();
  const absent = prepareCached(
    sqlite,
    `SELECT customer_id AS id, MAX(resume_on) AS until FROM inbox_messages
    WHERE kind = 'auto_reply' AND resume_on > @today AND customer_id IS NOT NULL AND coalesce(handled_action, '') != 'new_contact'
      ${inScope('customer_id', scope)} GROUP BY customer_id`,
  ).all({ today, ...scopeParams(scope) }) as { id: number; until: IsoDate }[];
  for (const row of absent) holds.set(row.id, { reason: 'out_of_office', until: row.until });
  for (const [id, since] of openReplies(sqlite, scope)) holds.set(id, { reason: 'replied', since });
  return holds;
}
