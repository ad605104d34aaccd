import { addDays, localToday, type IsoDate } from '../../../shared/dates';
import { REPLY_PAUSE_DAYS } from '../../../shared/outreach/guard';
import type { SqliteDb } from '../../db/sqlite';
import type { RenamedRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';

/** Each customer who texted back within the ladder's pause before `day` (up to it), with the local day of the latest reply. */
export function readRecentReplies(sqlite: SqliteDb, day: IsoDate): Map<number, IsoDate> {
  // A day early as text, since the timestamp is UTC and the day is local; the exact day is decided below.
  const rows = prepareCached(
    sqlite,
    `SELECT customer_id AS customerId, MAX(received_at) AS at FROM sms_inbound
    WHERE customer_id IS NOT NULL AND received_at >= ? AND received_at < ? GROUP BY customer_id`,
  ).all(addDays(day, -REPLY_PAUSE_DAYS - 1), addDays(day, 2)) as (RenamedRow<'sms_inbound', { at: 'received_at' }> & { customerId: number })[];
  const replied = new Map<number, IsoDate>();
  for (const row of rows) {
    const on = localToday(new Date(row.at));
    if (on <= day && on > addDays(day, -REPLY_PAUSE_DAYS)) replied.set(row.customerId, on);
  }
  return replied;
}
