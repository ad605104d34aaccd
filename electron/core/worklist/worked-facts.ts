import { addDays, localToday, type IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import type { RenamedRow } from '../../db/typed-row';
import { inScope, scopeParams, type CustomerScope } from '../ledger/customer-scope';
import { bookParams, type Book } from '../ledger/book';
import type { CustomerFacts } from './priority-score';
import { WORK_KINDS } from './worked-rest';

/** How far back work is read: a follow-up or promise can keep a customer out of the queue this long. */
const WORK_WINDOW_DAYS = 90;

/** An activity time (UTC) as the collector's local day, the day "today" means. */
const localDay = (at: string): IsoDate => localToday(new Date(at));

/**
 * For each customer worked in the last WORK_WINDOW_DAYS: the local day of its latest work and the
 * follow-up date of its latest call that set one. Read through the activities' (kind, time) index.
 */
export function readWorked(sqlite: SqliteDb, book: Book, scope: CustomerScope): Map<number, NonNullable<CustomerFacts['worked']>> {
  // A day of margin: times are UTC, the window is in local days.
  const params = { since: `${addDays(book.day, -WORK_WINDOW_DAYS - 1)}T00:00:00.000Z`, ...bookParams(book), ...scopeParams(scope) };
  const only = inScope('a.customer_id', scope);
  const latest = sqlite
    .prepare(
      `SELECT a.customer_id AS id, MAX(a.occurred_at) AS at FROM ${book.activities} a
    WHERE a.kind IN (${WORK_KINDS.map((k) => `'${k}'`).join(', ')}) AND a.occurred_at >= @since AND a.deleted_at IS NULL ${only}
    GROUP BY a.customer_id`,
    )
    .all(params) as RenamedRow<'activities', { id: 'customer_id'; at: 'occurred_at' }>[]; // at: the latest
  const followUps = new Map(
    (
      sqlite
        .prepare(
          `SELECT a.customer_id AS id, json_extract(a.body, '$.followUpDate') AS followUp FROM ${book.activities} a
    WHERE a.kind = 'call' AND a.occurred_at >= @since AND a.deleted_at IS NULL ${only} AND json_extract(a.body, '$.followUpDate') IS NOT NULL
    ORDER BY a.occurred_at`,
        )
        .all(params) as (RenamedRow<'activities', { id: 'customer_id' }> & { followUp: string })[]
    ).map((row) => [row.id, row.followUp]),
  );
  return new Map(latest.map(({ id, at }) => [id, { on: localDay(at), followUp: followUps.get(id) ?? null }]));
}
