import { describe, expect, it } from 'vitest';
import { notificationsDue, type NotificationFacts } from '../../electron/core/notifications/notifications-due';

const quiet: NotificationFacts = { today: '2026-11-22', promisesDueToday: [], promisesBroken: [], followUpsDue: [], batches: [], syncStale: null };
const acme = { id: 1, customerId: 10, customerName: 'ACME Tools' };
const birch = { id: 2, customerId: 11, customerName: 'Birch & Co' };

describe('notificationsDue', () => {
  it('is silent when nothing is due', () => {
    expect(notificationsDue(quiet, new Set())).toEqual([]);
  });

  it('announces one promise by name and opens that customer', () => {
    expect(notificationsDue({ ...quiet, promisesDueToday: [acme] }, new Set())).toEqual([
      { kind: 'promise-due', title: 'Promise due today', body: 'ACME Tools promised to pay today.', keys: ['promise-due:1:2026-11-22'], customerId: 10 },
    ]);
  });

  it('groups several into one notice', () => {
    const [notice] = notificationsDue({ ...quiet, promisesBroken: [acme, birch] }, new Set());
    expect(notice).toMatchObject({ kind: 'promise-broken', title: '2 promises broken', customerId: null, keys: ['promise-broken:1', 'promise-broken:2'] });
  });

  it('never repeats what was shown, but tells what is new', () => {
    const facts = { ...quiet, promisesDueToday: [acme], followUpsDue: [acme] };
    const first = notificationsDue(facts, new Set());
    const shown = new Set(first.flatMap((n) => n.keys));
    expect(notificationsDue(facts, shown)).toEqual([]);
    const later = notificationsDue({ ...facts, promisesDueToday: [acme, birch] }, shown);
    expect(later).toEqual([expect.objectContaining({ kind: 'promise-due', body: 'Birch & Co promised to pay today.', keys: ['promise-due:2:2026-11-22'] })]);
  });

  it('a due promise and a follow-up come back on another day; a broken promise does not', () => {
    const shown = new Set(notificationsDue({ ...quiet, promisesDueToday: [acme], promisesBroken: [birch] }, new Set()).flatMap((n) => n.keys));
    const tomorrow = notificationsDue({ ...quiet, today: '2026-11-23', promisesDueToday: [acme], promisesBroken: [birch] }, shown);
    expect(tomorrow.map((n) => n.kind)).toEqual(['promise-due']);
  });

  it('announces a bulk send once, when done, with its failures', () => {
    const running = { batchId: 'b1', sent: 10, failed: 0, done: false };
    expect(notificationsDue({ ...quiet, batches: [running] }, new Set())).toEqual([]);
    expect(notificationsDue({ ...quiet, batches: [{ ...running, done: true }] }, new Set())).toEqual([
      expect.objectContaining({ kind: 'send-finished', body: '10 messages sent.' }),
    ]);
    expect(notificationsDue({ ...quiet, batches: [{ ...running, failed: 2, done: true }] }, new Set())).toEqual([
      expect.objectContaining({ kind: 'send-failed', body: '10 sent, 2 failed. Open the outbox to retry.' }),
    ]);
    expect(notificationsDue({ ...quiet, batches: [{ ...running, done: true }] }, new Set(['batch:b1']))).toEqual([]);
  });

  it('warns of failing sync once a day', () => {
    const facts = { ...quiet, syncStale: { ageDays: 4, message: 'The last import is 4 days old.' } };
    expect(notificationsDue(facts, new Set())).toEqual([
      { kind: 'sync-failing', title: 'ERP data is out of date', body: 'The last import is 4 days old.', keys: ['sync-stale:2026-11-22'], customerId: null },
    ]);
    expect(notificationsDue(facts, new Set(['sync-stale:2026-11-22']))).toEqual([]);
  });
});

describe('notifications.due over the sample data', () => {
  it('tells once, remembers across calls, and stays quiet when turned off; the tray summary comes with every answer', async () => {
    const { tempCore } = await import('../helpers/temp-core');
    const temp = tempCore();
    try {
      await temp.core.call('sample.load', {});
      const first = await temp.core.call('notifications.due', {});
      for (const notice of first.notices) expect(notice.keys.length).toBeGreaterThan(0);
      const again = await temp.core.call('notifications.due', {});
      expect(again.notices).toEqual([]);
      expect(again.tray.queue).toBeGreaterThan(0);
      expect(again.tray).toEqual(first.tray);
      const shell = await temp.core.call('settings.shell.get', {});
      await temp.core.call('settings.shell.save', { keepBackups: shell.keepBackups, notifications: false });
      expect(await temp.core.call('notifications.due', {})).toEqual({ notices: [], tray: first.tray });
    } finally {
      await temp.dispose();
    }
  });

  it("tells the queue's new length when it changes, without being asked", async () => {
    const { tempCore } = await import('../helpers/temp-core');
    const temp = tempCore();
    try {
      await temp.core.call('sample.load', {});
      const { tray } = await temp.core.call('notifications.due', {});
      const lengths: number[] = [];
      temp.core.onEvent((event) => event.type === 'queue.changed' && lengths.push(event.queue));
      const top = (await temp.core.call('worklist.list', { limit: 1 })).rows[0]!;
      await temp.core.call('worklist.snooze', { customerId: top.customerId, untilDate: '2026-12-31', reason: 'on holiday' });
      await temp.core.call('worklist.list', { limit: 1 });
      expect(lengths.at(-1)).toBeLessThan(tray.queue);
      expect((await temp.core.call('notifications.due', {})).tray.queue).toBe(lengths.at(-1));
    } finally {
      await temp.dispose();
    }
  });
});
