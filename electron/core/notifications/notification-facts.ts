import { addDays, type IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import type { RenamedRow } from '../../db/typed-row';
import { promiseStatus } from '../activity/promise-status';
import { syncFreshness, staleMessage } from '../sync/sync-freshness';
import type { CustomerItem, NotificationFacts } from './notifications-due';

/** A broken promise is news for a week; a bulk send for a day. Older ones are not worth a notification. */
const BROKEN_LOOKBACK_DAYS = 7;
const BATCH_LOOKBACK_MS = 86_400_000;

/** Reads, for one day, what notificationsDue decides over. */
export function readNotificationFacts(sqlite: SqliteDb, today: IsoDate, now: Date, freshnessLimitDays: number): NotificationFacts {
  const promises = sqlite
    .prepare(
      `
    SELECT p.id, p.customer_id AS customerId, c.name AS customerName, p.currency, p.amount_minor AS amountMinor, p.made_date AS madeDate,
           p.promised_date AS promisedDate, p.grace_days AS graceDays, p.cancelled_date AS cancelledDate
    FROM promises p JOIN customers c ON c.id = p.customer_id
    WHERE p.cancelled_date IS NULL AND p.promised_date BETWEEN ? AND ?`,
    )
    .all(addDays(today, -BROKEN_LOOKBACK_DAYS - 60), today) as (CustomerItem & {
    currency: string;
    amountMinor: number;
    madeDate: IsoDate;
    promisedDate: IsoDate;
    graceDays: number;
    cancelledDate: IsoDate | null;
  })[];
  const payments = sqlite.prepare(
    'SELECT received_date AS date, currency, amount_minor AS amountMinor FROM payments WHERE customer_id = ? AND received_date >= ?',
  );
  const promisesDueToday: CustomerItem[] = [];
  const promisesBroken: CustomerItem[] = [];
  for (const promise of promises) {
    const status = promiseStatus(
      promise,
      payments.all(promise.customerId, promise.madeDate) as RenamedRow<
        'payments',
        { date: 'received_date'; currency: 'currency'; amountMinor: 'amount_minor' }
      >[],
      today,
    );
    const item = { id: promise.id, customerId: promise.customerId, customerName: promise.customerName };
    if (status.state === 'open' && promise.promisedDate === today) promisesDueToday.push(item);
    if (status.state === 'broken' && status.settledDate !== null && status.settledDate >= addDays(today, -BROKEN_LOOKBACK_DAYS)) promisesBroken.push(item);
  }
  const followUpsDue = sqlite
    .prepare(
      'SELECT s.customer_id AS id, s.customer_id AS customerId, c.name AS customerName FROM snoozes s JOIN customers c ON c.id = s.customer_id WHERE s.until_date = ?',
    )
    .all(today) as CustomerItem[];
  const batches = (
    sqlite
      .prepare(
        `
    SELECT batch_id AS batchId, SUM(status = 'sent') AS sent, SUM(status IN ('failed', 'uncertain')) AS failed, SUM(status IN ('queued', 'sending')) AS open
    FROM outbox_messages WHERE batch_id IS NOT NULL GROUP BY batch_id HAVING MAX(updated_at) >= ?`,
      )
      .all(new Date(now.getTime() - BATCH_LOOKBACK_MS).toISOString()) as { batchId: string; sent: number; failed: number; open: number }[]
  ).map((b) => ({ batchId: b.batchId, sent: b.sent, failed: b.failed, done: b.open === 0 }));
  const freshness = syncFreshness(sqlite, today, freshnessLimitDays);
  // No ERP data at all is the empty state the app already explains, not a failing sync.
  const syncStale = freshness.lastSyncAt !== null && !freshness.fresh ? { ageDays: freshness.ageDays, message: staleMessage(freshness) } : null;
  return { today, promisesDueToday, promisesBroken, followUpsDue, batches, syncStale };
}
