import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { applyKey } from '../../electron/db/open';
import { runCliInProcess, type CliResult } from '../helpers/run-cli';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { fixturePath, JOB } from '../helpers/temp-core';
import { addDays, localToday } from '../../shared/dates';

/** `outbox send` drains what is queued (an interrupted run's messages too); `outbox resolve` settles what is left for a person. */
const key = randomBytes(32);
let dir: string;
let db: string;
let sink: SmtpSink;

function cli(...args: string[]): Promise<CliResult> {
  return runCliInProcess([...args, '--db', db], { PATH: process.env.PATH, HOME: process.env.HOME, INFLOW_DB_KEY: key.toString('hex') });
}

/** Messages queued but never sent: a core that does not send queues them. */
async function queue(templates: string[]): Promise<void> {
  const core = openCore({ dbPath: db, key, sendMail: false, scheduleSync: false });
  const { customerId } = await core.call('customer.lookup', { externalId: 'C-001' });
  await core.call('outreach.queue', { messages: templates.map((templateId) => ({ customerId, templateId })) });
  await core.close();
}

/** What a process killed mid-send leaves: rows `sending` under a sender that no longer holds its lock. */
function killedMidSend(): void {
  const raw = new Database(db);
  applyKey(raw, key);
  raw.prepare("UPDATE outbox_messages SET status = 'sending', sender = 'gone' WHERE status = 'queued'").run();
  raw.close();
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-cli-outbox-'));
  db = join(dir, 'ar.db');
  sink = await startSmtpSink();
  const core = openCore({ dbPath: db, key, sendMail: false, scheduleSync: false });
  for (const [file, preset] of [
    ['erp/generic-customers.csv', 'generic-customers'],
    ['erp/generic-invoices.csv', 'generic-invoices'],
  ] as const) {
    await core.call('import.run', { jobId: JOB(), fileId: core.stageFile(fixturePath(file)).fileId, preset });
  }
  await core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  // Several messages to the one emailable customer: these tests are about the outbox, not the contact rhythm.
  await core.call('settings.outreach.save', { senderName: 'Dana Reyes', companyName: 'Northwind', messagesPerMinute: 6000, contactRhythmDays: 0 });
  await core.close();
});
afterEach(async () => {
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

it('outbox send drains every queued message and returns', async () => {
  await queue(['first-reminder', 'second-reminder']);
  const sent = await cli('outbox', 'send', '--json');
  expect(sent.code).toBe(0);
  expect(JSON.parse(sent.stdout)).toMatchObject({ sent: 2, outbox: { queued: 0, sending: 0, sent: 2 } });
  expect(sink.received).toHaveLength(2);
  expect(JSON.parse((await cli('outbox', 'send', '--json')).stdout)).toMatchObject({ sent: 0 });
  expect(sink.received).toHaveLength(2);
});

it('outbox resolve settles uncertain messages as sent, to send again, or dropped', async () => {
  await queue(['first-reminder', 'second-reminder', 'final-notice']);
  killedMidSend();
  const listed = JSON.parse((await cli('outbox', 'list', '--status', 'uncertain', '--json')).stdout) as { messages: { id: number }[] };
  const [third, second, first] = listed.messages.map((message) => message.id);
  expect(listed.messages).toHaveLength(3);
  expect(await cli('outbox', 'resolve', '--id', String(first), '--as', 'sent')).toMatchObject({ code: 0, stdout: `Message ${first} is now sent.\n` });
  expect((await cli('outbox', 'resolve', '--id', String(second), '--as', 'resend')).stdout).toContain('queued again');
  expect(await cli('outbox', 'resolve', '--id', String(third), '--as', 'drop', '--json')).toMatchObject({
    code: 0,
    stdout: `${JSON.stringify({ id: third, status: 'cancelled' })}\n`,
  });
  expect(sink.received).toHaveLength(0);
  expect((await cli('outbox', 'send')).stdout).toMatch(/^Sent 1 now\. Outbox: 2 sent, 0 uncertain, 0 failed, nothing queued\.$/m);
  expect(sink.received).toHaveLength(1);
  expect(await cli('outbox', 'resolve', '--id', String(second), '--as', 'maybe')).toMatchObject({ code: 1 });
  expect((await cli('outbox', 'resolve', '--id', String(second), '--as', 'resend')).stderr).toContain('only failed or uncertain messages need a decision');
});

it('outreach preview refuses a message with nothing left to remind about, even when another hold comes first', async () => {
  // A reminder waits in the outbox (the contact rhythm holds C-001 today), then a promise covers every invoice.
  const core = openCore({ dbPath: db, key, sendMail: false, scheduleSync: false });
  await core.call('settings.outreach.save', { ...(await core.call('settings.outreach.get', {})), contactRhythmDays: 1 });
  await core.close();
  await queue(['first-reminder']);
  expect((await cli('promise', '--customer', 'C-001', '--amount', '100.00', '--date', addDays(localToday(), 7))).code).toBe(0);
  const shown = await cli('outreach', 'preview', '--customer', 'C-001', '--template', 'second-reminder');
  expect(shown).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/Nothing left to remind about: 00123 promised, 00124 promised/) });
});
