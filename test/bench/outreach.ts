import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import { openDatabase } from '../../electron/db/open';
import { startCoreWorker, type CoreClient } from '../../electron/hosts/core-client';

/**
 * Outreach at scale: 5,000 personalised reminders through the outbox to an SMTP server on 127.0.0.1,
 * against a bare nodemailer loop sending 5,000 messages of the same size to the same server, with the
 * host's event-loop lag measured while the core (in its worker, as in the app) renders and sends,
 * and not while the bare loop, which runs on this thread, has its turn.
 */

/** The discarding SMTP server, started in its own thread (see smtp-drain.ts). */
async function startDrain(): Promise<{ port: number; count: () => number; close(): Promise<void> }> {
  const counter = new SharedArrayBuffer(4);
  const worker = new Worker(new URL('./smtp-drain.ts', import.meta.url), { workerData: { counter } });
  const [{ port }] = (await once(worker, 'message')) as [{ port: number }];
  const accepted = new Int32Array(counter);
  return {
    port,
    count: () => Atomics.load(accepted, 0),
    async close() {
      worker.postMessage('close');
      await once(worker, 'message');
      await worker.terminate();
    },
  };
}

function seedCustomers(dbPath: string, key: Buffer, customers: number): void {
  const db = openDatabase(dbPath, key);
  const now = new Date().toISOString();
  const { sqlite } = db;
  sqlite.transaction(() => {
    const customer = sqlite.prepare("INSERT INTO customers (source, external_id, name, currency, created_at, updated_at) VALUES ('bench', ?, ?, 'USD', ?, ?)");
    const contact = sqlite.prepare(
      "INSERT INTO contacts (customer_id, name, email, role, is_primary, status, created_at) VALUES (?, ?, ?, 'billing', 1, 'valid', ?)",
    );
    const invoice =
      sqlite.prepare(`INSERT INTO invoices (customer_id, source, external_id, number, issue_date, due_date, currency, amount_minor, open_minor, status, created_at, updated_at)
      VALUES (?, 'bench', ?, ?, '2026-09-01', '2026-10-01', 'USD', ?, ?, 'open', ?, ?)`);
    for (let c = 1; c <= customers; c++) {
      const id = Number(customer.run(`B${c}`, `Bench Customer ${c}`, now, now).lastInsertRowid);
      contact.run(id, `Contact ${c}`, `ap${c}@customer${c}.example`, now);
      for (let i = 0; i < 3; i++) invoice.run(id, `I${c}-${i}`, `INV-${c}-${i}`, 100_000 + c + i, 100_000 + c + i, now, now);
    }
    sqlite
      .prepare(
        "INSERT INTO import_batches (source, preset, kind, file_name, file_sha256, snapshot, committed_at, summary) VALUES ('bench', 'bench', 'invoices', 'bench', '', 0, ?, '{}')",
      )
      .run(now);
  })();
  void db.close();
}

async function bareLoop(port: number, html: string, text: string, from: number, count: number): Promise<number> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true, pool: true, maxConnections: 1 });
  const start = performance.now();
  for (let i = from; i < from + count; i++) {
    await transport.sendMail({ from: 'ar@bench.example', to: `ap${i}@customer${i}.example`, subject: `Invoice INV-${i} is past due`, html, text });
  }
  const ms = performance.now() - start;
  transport.close();
  return ms;
}

async function waitSent(core: CoreClient, target: number): Promise<void> {
  for (;;) {
    const counts = (await core.dispatch('outbox.counts', {})) as { sent: number; queued: number; sending: number };
    if (counts.sent >= target || counts.queued + counts.sending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Bare loop and outbox take turns, a round each, so a change in the machine's load (other jobs on
 * the same 2 cores) hits both alike instead of whichever ran second.
 */
const ROUNDS = 5;

export async function benchOutreach(dir: string, time: (label: string, work: () => Promise<unknown>) => Promise<number>, messages = 5_000) {
  const drain = await startDrain();
  const key = randomBytes(32);
  const dbPath = join(dir, 'outreach.db');
  seedCustomers(dbPath, key, messages);
  const core = await startCoreWorker(new URL('../../electron/hosts/core-worker.ts', import.meta.url), dbPath, key);
  await core.dispatch('settings.smtp.save', { host: '127.0.0.1', port: drain.port, security: 'none', fromAddress: 'ar@bench.example' });
  await core.dispatch('settings.outreach.save', { senderName: 'Bench', companyName: 'Bench Co', messagesPerMinute: 60_000 });
  await core.dispatch('outbox.pause', { paused: true });
  const sample = (await core.dispatch('outreach.preview', { draft: { customerId: 1, templateId: 'first-reminder' } })) as { html: string; text: string };

  // One histogram per stretch the core works: a re-enabled one would count the pause between as lag.
  const lags: IntervalHistogram[] = [];
  const watchLag = (): IntervalHistogram => {
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    lags.push(lag);
    return lag;
  };
  let lag = watchLag();
  const customerIds = Array.from({ length: messages }, (_, i) => i + 1);
  const queue = await time(`render + queue ${messages} personalised`, async () => {
    for (let i = 0; i < customerIds.length; i += 1000) {
      await core.dispatch('outreach.queue', { messages: customerIds.slice(i, i + 1000).map((customerId) => ({ customerId, templateId: 'first-reminder' })) });
    }
  });
  lag.disable();
  const before = drain.count();
  const round = Math.ceil(messages / ROUNDS);
  let bare = 0;
  let send = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const count = Math.min(round, messages - r * round);
    bare += await bareLoop(drain.port, sample.html, sample.text, r * round, count);
    lag = watchLag();
    const started = performance.now();
    await core.dispatch('outbox.pause', { paused: false });
    await waitSent(core, (r + 1) * round);
    await core.dispatch('outbox.pause', { paused: true });
    send += performance.now() - started;
    lag.disable();
  }
  console.log(`${`bare nodemailer loop, ${messages} messages`.padEnd(36)} ${bare.toFixed(0).padStart(7)} ms`);
  console.log(`${`send ${messages} through the outbox`.padEnd(36)} ${send.toFixed(0).padStart(7)} ms`);
  const delivered = drain.count() - before - messages;
  await core.close();
  await drain.close();
  // The worst stretch's p99, never better than the merged distribution's.
  return { bare, queue, send, delivered, lagP99: Math.max(...lags.map((l) => l.percentile(99))) / 1e6 };
}
