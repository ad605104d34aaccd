import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';

/**
 * Why the ladder waits for a customer because of what came back: a reply not yet handled (until the
 * collector handles it), or an out-of-office answer (until the day after its return date). The send
 * guard asks this for the customers of a send; these are its `replied` and `out_of_office` holds.
 */
export type InboxHold = { reason: 'replied'; since: string } | { reason: 'out_of_office'; until: IsoDate };

export function inboxHolds(sqlite: SqliteDb, today: IsoDate, customerIds?: readonly number[]): Map<number, InboxHold> {
  const holds = new Map<number, InboxHold>();
  const only = customerIds ? `AND customer_id IN (${customerIds.map(Number).join(', ') || 'NULL'})` : '';
  const absent = prepareCached(sqlite, `SELECT customer_id AS id, MAX(resume_on) AS until FROM inbox_messages
    WHERE kind = 'auto_reply' AND resume_on > ? AND customer_id IS NOT NULL ${only} GROUP BY customer_id`).all(today) as { id: number; until: IsoDate }[];
  for (const row of absent) holds.set(row.id, { reason: 'out_of_office', until: row.until });
  // A reply outranks an absence: the customer has answered, a person has to read it.
  const replied = prepareCached(sqlite, `SELECT customer_id AS id, MAX(received_at) AS since FROM inbox_messages
    WHERE kind = 'reply' AND state = 'open' AND customer_id IS NOT NULL ${only} GROUP BY customer_id`).all() as { id: number; since: string }[];
  for (const row of replied) holds.set(row.id, { reason: 'replied', since: row.since });
  return holds;
}
