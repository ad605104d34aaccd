import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { openCore } from '../../electron/core';
import { senderLockPath } from '../../electron/core/mail/orphaned-sends';
import { applyKey } from '../../electron/db/open';
import { ProcessLock } from '../../electron/db/process-lock';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * Two processes on one outbox (the app and the CLI): a message another live sender has on the wire is
 * left to it, while one whose sender died is uncertain as soon as the database opens. Liveness is the
 * sender's lock, which the OS frees when its process dies (the crash tests kill real processes).
 */
let t: TempCore;
let sink: SmtpSink;
const now = new Date('2026-11-22T15:00:00Z');

beforeEach(async () => {
  t = tempCore(() => now);
  sink = await startSmtpSink();
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-customers.csv'), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
  await t.core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  // Several messages to the one emailable customer: these tests are about the outbox, not the contact rhythm.
  await t.core.call('settings.outreach.save', { senderName: 'Dana Reyes', companyName: 'Northwind', messagesPerMinute: 600, contactRhythmDays: 0 });
});
afterEach(async () => {
  await t.dispose();
  await sink.close();
});

const statuses = async () => (await t.core.call('outbox.list', {})).map((row) => row.status);
/** Marks messages `sending` as a sender that stopped mid-send would have left them (the core is closed meanwhile). */
const leaveSending = (senders: (string | null)[]) => {
  const db = new Database(t.dbPath);
  try {
    applyKey(db, t.key);
    const ids = (db.prepare('SELECT id FROM outbox_messages ORDER BY id').all() as { id: number }[]).map((row) => row.id);
    senders.forEach((sender, n) => db.prepare("UPDATE outbox_messages SET status = 'sending', sender = ? WHERE id = ?").run(sender, ids[n]));
  } finally {
    db.close();
  }
};
const reopen = (sendMail: boolean) => openCore({ dbPath: t.dbPath, key: t.key, clock: () => now, sendMail, scheduleSync: false });

it("a second core opening the database leaves a live sender's message on the wire alone", async () => {
  sink.replyTo(() => ({ accept: true, delayMs: 1500 }));
  const { customerId } = await t.core.call('customer.lookup', { externalId: 'C-001' });
  await t.core.call('outreach.queue', { messages: [{ customerId, templateId: 'first-reminder' }] });
  await vi.waitFor(() => expect(sink.received).toHaveLength(1), { timeout: 10_000, interval: 20 });
  expect(await statuses()).toEqual(['sending']);
  const cli = reopen(true);
  expect((await cli.call('outbox.list', {})).map((row) => row.status)).toEqual(['sending']);
  await cli.close();
  await vi.waitFor(async () => expect(await statuses()).toEqual(['sent']), { timeout: 10_000, interval: 20 });
  expect(sink.received).toHaveLength(1);
});

it("a dead sender's messages (its lock free, or none recorded) are uncertain at the next open, sending or not", async () => {
  await t.core.call('outbox.pause', { paused: true });
  const { customerId } = await t.core.call('customer.lookup', { externalId: 'C-001' });
  await t.core.call('outreach.queue', {
    messages: [
      { customerId, templateId: 'first-reminder' },
      { customerId, templateId: 'second-reminder' },
    ],
  });
  await t.core.close();
  // The lock file a killed process leaves: there, but nobody holds it. And a row from before senders were recorded.
  const dead = 'b0e3a7c4-0000-4c1e-9d1a-000000000001';
  writeFileSync(senderLockPath(t.dbPath, dead), '');
  leaveSending([dead, null]);
  t.core = reopen(false);
  expect(await statuses()).toEqual(['uncertain', 'uncertain']);
  expect((await t.core.call('outbox.list', {}))[0]!.lastError).toContain('Check your Sent folder');
  expect(existsSync(senderLockPath(t.dbPath, dead))).toBe(false);
  expect(sink.received).toHaveLength(0);
});

it("a sender's lock goes with it; an old lock nobody holds is cleared, a held one is not", async () => {
  const folder = dirname(senderLockPath(t.dbPath, 'x'));
  // One each for the email sender and the text sender of this core.
  expect(readdirSync(folder)).toHaveLength(2);
  const held = ProcessLock.acquire(senderLockPath(t.dbPath, 'held'));
  const stale = senderLockPath(t.dbPath, 'stale');
  writeFileSync(stale, '');
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const path of [stale, held.path]) utimesSync(path, hourAgo, hourAgo);
  await t.core.close();
  t.core = reopen(false);
  expect(readdirSync(folder)).toEqual(['held.lock']);
  held.release();
  expect(readdirSync(folder)).toEqual([]);
});
