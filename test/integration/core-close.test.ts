import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { applyKey } from '../../electron/db/open';
import { closeBeforeQuit } from '../../electron/main/quit-cleanly';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { FROZEN_NOW, JOB } from '../helpers/temp-core';

/**
 * What closing the core (a quit) does to work in progress, against a real SMTP server and a real
 * import: a message on the wire completes or is marked uncertain, never left `sending`; a running
 * import is cancelled and leaves nothing written.
 */
let dir: string;
let dbPath: string;
const key = randomBytes(32);
let sink: SmtpSink;
let core: Core;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-close-'));
  dbPath = join(dir, 'inflow.db');
  sink = await startSmtpSink();
  core = openCore({ dbPath, key, clock: () => FROZEN_NOW, scheduleSync: false });
});
afterEach(async () => {
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Reads the closed database directly. */
function query<T>(sql: string): T[] {
  const sqlite = new Database(dbPath, { readonly: true });
  try {
    applyKey(sqlite, key);
    return sqlite.prepare(sql).all() as T[];
  } finally {
    sqlite.close();
  }
}

/** One reminder queued to the sink; resolves once the sink holds its whole body and has not answered yet. */
async function oneMessageOnTheWire(release: Promise<unknown>): Promise<void> {
  sink.replyTo(() => ({ accept: true, release }));
  await core.call('sample.load', {});
  await core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  await core.call('settings.outreach.save', {
    ...(await core.call('settings.outreach.get', {})),
    senderName: 'Dana Reyes',
    companyName: 'Northwind',
    messagesPerMinute: 6000,
  });
  const [first] = (await core.call('worklist.list', { limit: 1 })).rows;
  expect((await core.call('outreach.queue', { messages: [{ customerId: first!.customerId, templateId: 'first-reminder' }] })).queued).toBe(1);
  await vi.waitFor(() => expect(sink.received).toHaveLength(1), { timeout: 10_000 });
}

const outbox = () => query<{ status: string; last_error: string | null }>('SELECT status, last_error FROM outbox_messages');

describe('closing the core', () => {
  it('lets a message the server is slow to confirm finish, and records it sent', async () => {
    let confirm = (): void => undefined;
    await oneMessageOnTheWire(new Promise<void>((resolve) => (confirm = resolve)));
    const emails = () => query<{ n: number }>("SELECT count(*) AS n FROM activities WHERE kind = 'email'")[0]!.n;
    const before = emails();
    expect(outbox()).toEqual([{ status: 'sending', last_error: null }]);
    const closing = core.close();
    confirm();
    await closing;
    expect(outbox()).toEqual([{ status: 'sent', last_error: null }]);
    // Its timeline entry is written before the database closes.
    expect(emails()).toBe(before + 1);
    expect(sink.received).toHaveLength(1);
  });

  it('hangs up on a server that does not confirm within the grace, and marks the message uncertain (not sending, not resent)', async () => {
    // The server never confirms.
    await oneMessageOnTheWire(new Promise(() => undefined));
    await core.close({ sendGraceMs: 200 });
    expect(outbox()).toEqual([{ status: 'uncertain', last_error: expect.stringMatching(/^Inflow quit while this message was being sent/) }]);
    // The next start sends nothing again: the person decides.
    const again = openCore({ dbPath, key, clock: () => FROZEN_NOW, scheduleSync: false });
    expect((await again.call('outbox.list', {})).find((row) => row.status === 'uncertain')).toBeDefined();
    await again.close({ sendGraceMs: 200 });
    expect(outbox()).toEqual([{ status: 'uncertain', last_error: expect.any(String) }]);
    expect(sink.received).toHaveLength(1);
  });

  it('cancels a running import, which writes nothing, and starts no new job', async () => {
    const lines = ['Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Currency'];
    for (let i = 0; i < 150_000; i++) lines.push(`INV-${i},C-${i % 500},Customer ${i % 500},2026-10-01,2026-10-31,100.00,100.00,USD`);
    writeFileSync(join(dir, 'big.csv'), lines.join('\n'));
    const { fileId } = core.stageFile(join(dir, 'big.csv'));
    const reading = new Promise<void>((resolve) => core.onEvent((event) => event.type === 'job.progress' && event.phase === 'reading' && resolve()));
    const importing = core.call('import.run', { jobId: JOB(), fileId, preset: 'generic-invoices', snapshot: false }).catch((error: unknown) => error);
    await reading;
    const closing = core.close();
    await expect(core.call('sample.load', {})).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await importing).toMatchObject({ code: 'CANCELLED' });
    await closing;
    expect(query<{ n: number }>('SELECT count(*) AS n FROM invoices')[0]!.n).toBe(0);
    expect(query<{ n: number }>('SELECT count(*) AS n FROM import_batches')[0]!.n).toBe(0);
  });
});

describe('quitting the desktop app', () => {
  type Listener = (event: { preventDefault(): void }) => void;
  const fakeApp = () => {
    const listeners: Listener[] = [];
    return { listeners, exit: vi.fn(), on: (name: string, listener: Listener) => (name === 'will-quit' ? listeners.push(listener) : 0) };
  };

  it('holds will-quit until the core has closed, closes it once however often quit is asked, then exits', async () => {
    const app = fakeApp();
    let finish = (): void => undefined;
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    closeBeforeQuit(app as never, close);
    const events = [{ preventDefault: vi.fn() }, { preventDefault: vi.fn() }];
    for (const event of events) app.listeners[0]!(event);
    expect(events.every((event) => event.preventDefault.mock.calls.length === 1)).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);
    expect(app.exit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
  });

  it('exits after its bound when the core does not answer, and when closing fails', async () => {
    vi.useFakeTimers();
    try {
      const stuck = fakeApp();
      closeBeforeQuit(stuck as never, () => new Promise<void>(() => undefined), 15_000);
      stuck.listeners[0]!({ preventDefault: vi.fn() });
      await vi.advanceTimersByTimeAsync(14_999);
      expect(stuck.exit).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(stuck.exit).toHaveBeenCalledWith(0);
    } finally {
      vi.useRealTimers();
    }
    const failing = fakeApp();
    closeBeforeQuit(failing as never, () => Promise.reject(new Error('worker gone')));
    failing.listeners[0]!({ preventDefault: vi.fn() });
    await vi.waitFor(() => expect(failing.exit).toHaveBeenCalledWith(0));
  });
});
