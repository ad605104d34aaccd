import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { openCore, type Core } from '../../electron/core';

/**
 * A core in its own process, for tests that kill it with SIGKILL part-way (test/faults/sigkill.test.ts).
 * INFLOW_CRASH_MODE picks the work: `import` (INFLOW_CRASH_FILE, one transaction), `send` (drain the
 * outbox), `sync` (pull from the ERP the database is connected to), `inbox` (read the mailbox) or `charges`
 * (charges.push for INFLOW_CRASH_CUSTOMER as of INFLOW_CRASH_AS_OF). In `send` and `sync` it also logs
 * calls, notes and promises the whole time. Lines on stdout: `go` when the work starts, `activity <id>`
 * once each activity is committed, `done` when the work is over. It then waits to be killed.
 * It starts warm: modules load first, then it waits for its settings (one JSON line on stdin), so a
 * test can start the next trial's process while it checks the last one.
 */
const [settings] = (await once(createInterface({ input: process.stdin }), 'line')) as [string];
const env = JSON.parse(settings) as Record<string, string | undefined>;
const mode = env.INFLOW_CRASH_MODE as 'import' | 'send' | 'sync' | 'inbox' | 'charges';
const frozen = env.INFLOW_TEST_NOW ? new Date(env.INFLOW_TEST_NOW) : null;
const core = openCore({
  dbPath: env.INFLOW_TEST_DB!,
  key: Buffer.from(env.INFLOW_TEST_KEY!, 'hex'),
  ...(frozen ? { clock: () => frozen } : {}),
  sendMail: mode === 'send',
  scheduleSync: false,
  watchInbox: false,
});
const say = (line: string): void => void process.stdout.write(`${line}\n`);
let working = true;

async function logActivities(customers: number[]): Promise<void> {
  for (let n = 0; working; n++) {
    const customerId = customers[n % customers.length]!;
    const logged =
      n % 3 === 0
        ? await core.call('activity.logCall', { customerId, outcome: 'reached', notes: `call ${n}` })
        : n % 3 === 1
          ? await core.call('activity.addNote', { customerId, text: `note ${n}` })
          : await core.call('activity.recordPromise', { customerId, amountMinor: 1000 + n, currency: 'USD', promisedDate: '2026-12-15', note: `promise ${n}` });
    say(`activity ${logged.activityId}`);
    // Each call resolves without a trip through the event loop; yield so sends and syncs go on.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function work(c: Core): Promise<void> {
  if (mode === 'inbox') {
    say('go');
    await c.call('inbox.fetch', {});
    return;
  }
  if (mode === 'charges') {
    say('go');
    await c.call('charges.push', { customerId: Number(env.INFLOW_CRASH_CUSTOMER), asOf: env.INFLOW_CRASH_AS_OF! });
    return;
  }
  if (mode === 'import') {
    const staged = c.stageFile(env.INFLOW_CRASH_FILE!);
    say('go');
    await c.call('import.run', { jobId: randomUUID(), fileId: staged.fileId, preset: 'generic-invoices' });
    return;
  }
  // While sending, the activities are for customers with no message waiting: a promise would make
  // the send guard hold that customer's message, and every queued message must reach the server.
  const waiting = mode === 'send' ? new Set((await c.call('outbox.list', { limit: 10_000 })).map((row) => row.customerId)) : new Set<number>();
  const customers = (await c.call('customers.list', { asOf: '2026-11-22' })).map((customer) => customer.id).filter((id) => !waiting.has(id));
  say('go');
  // A first sync into an empty database has no one to log activities for yet.
  const logging = customers.length > 0 ? logActivities(customers) : Promise.resolve();
  if (mode === 'sync') await c.call('sync.run', {});
  else {
    for (;;) {
      const counts = await c.call('outbox.counts', {});
      if (counts.queued + counts.sending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  working = false;
  await logging;
}

work(core).then(
  () => say('done'),
  (error: unknown) => say(`failed ${(error as Error).message}`),
);
setInterval(() => undefined, 60_000);
