import type { IsoDate } from '../../../shared/dates';
import type { Notice } from '../../../shared/notifications';

export interface CustomerItem {
  id: number;
  customerId: number;
  customerName: string;
}

export interface BatchFact {
  batchId: string;
  sent: number;
  failed: number;
  /** Nothing queued or sending any more. */
  done: boolean;
}

/** Everything a notification could be about, read from the core's data for one day. */
export interface NotificationFacts {
  today: IsoDate;
  promisesDueToday: CustomerItem[];
  promisesBroken: CustomerItem[];
  followUpsDue: CustomerItem[];
  batches: BatchFact[];
  /** The ERP data is older than the freshness limit (sync or import failing); null when fresh. */
  syncStale: { ageDays: number | null; message: string } | null;
}

/**
 * The notifications to show now: what the facts say minus what was already shown (`notified` holds
 * their keys). Several promises or follow-ups become one notice, not a burst; a batch is announced
 * once, when it is done.
 */
export function notificationsDue(facts: NotificationFacts, notified: ReadonlySet<string>): Notice[] {
  const notices: Notice[] = [];
  const fresh = <T>(items: T[], key: (item: T) => string): T[] => items.filter((item) => !notified.has(key(item)));

  const grouped = (
    kind: Notice['kind'],
    items: CustomerItem[],
    key: (item: CustomerItem) => string,
    one: (name: string) => [string, string],
    many: (n: number) => [string, string],
  ): void => {
    const pending = fresh(items, key);
    if (pending.length === 0) return;
    const [title, body] = pending.length === 1 ? one(pending[0]!.customerName) : many(pending.length);
    notices.push({ kind, title, body, keys: pending.map(key), customerId: pending.length === 1 ? pending[0]!.customerId : null });
  };

  grouped(
    'promise-broken',
    facts.promisesBroken,
    (p) => `promise-broken:${p.id}`,
    (name) => ['Promise broken', `${name} did not pay what they promised.`],
    (n) => [`${n} promises broken`, 'They are at the top of the worklist.'],
  );
  grouped(
    'promise-due',
    facts.promisesDueToday,
    (p) => `promise-due:${p.id}:${facts.today}`,
    (name) => ['Promise due today', `${name} promised to pay today.`],
    (n) => [`${n} promises due today`, 'Check for their payments in the worklist.'],
  );
  grouped(
    'follow-up',
    facts.followUpsDue,
    (f) => `follow-up:${f.customerId}:${facts.today}`,
    (name) => ['Follow-up due', `${name} is back in your queue today.`],
    (n) => [`${n} follow-ups due`, 'They are back in your queue today.'],
  );

  for (const batch of fresh(
    facts.batches.filter((b) => b.done),
    (b) => `batch:${b.batchId}`,
  )) {
    const failed = batch.failed > 0;
    notices.push({
      kind: failed ? 'send-failed' : 'send-finished',
      title: failed ? 'Bulk send finished with failures' : 'Bulk send finished',
      body: failed
        ? `${batch.sent} sent, ${batch.failed} failed. Open the outbox to retry.`
        : `${batch.sent} ${batch.sent === 1 ? 'message' : 'messages'} sent.`,
      keys: [`batch:${batch.batchId}`],
      customerId: null,
    });
  }

  if (facts.syncStale && !notified.has(`sync-stale:${facts.today}`)) {
    notices.push({
      kind: 'sync-failing',
      title: 'ERP data is out of date',
      body: facts.syncStale.message,
      keys: [`sync-stale:${facts.today}`],
      customerId: null,
    });
  }
  return notices;
}
