import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * kill -9 in the middle of a bulk send, then a restart: every message is delivered exactly once or
 * marked uncertain for a person to check (the ones on the wire at the kill), and none is delivered twice.
 */
const dir = mkdtempSync(join(tmpdir(), 'inflow-crash-'));
const dbPath = join(dir, 'inflow.db');
const key = randomBytes(32);
let sink: SmtpSink;
let child: ChildProcess | undefined;
let core: Core | undefined;

afterEach(async () => {
  child?.kill('SIGKILL');
  await core?.close();
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The child starts sending as soon as it opens the database, so it is known (to kill) from the spawn on. */
function startChild(): { process: ChildProcess; exited: Promise<unknown> } {
  const started = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'helpers', 'outbox-child.ts')], {
    env: { ...process.env, INFLOW_TEST_DB: dbPath, INFLOW_TEST_KEY: key.toString('hex') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { process: started, exited: new Promise((resolve) => started.once('exit', resolve)) };
}

it('a sender killed with SIGKILL mid-batch delivers every message once or marks it uncertain after a restart', { timeout: 60_000 }, async () => {
  sink = await startSmtpSink();
  core = openCore({ dbPath, key });
  await core.call('sample.load', {});
  await core.call('outbox.pause', { paused: true });
  await core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  await core.call('settings.outreach.save', { ...(await core.call('settings.outreach.get', {})), messagesPerMinute: 6000 });
  const customers = (await core.call('worklist.list', { limit: 40 })).rows.map((row) => row.customerId);
  const queued = await core.call('outreach.queue', { messages: customers.map((customerId) => ({ customerId, templateId: 'first-reminder' })) });
  expect(queued.queued).toBeGreaterThanOrEqual(30);
  await core.close();
  core = undefined;

  // The tenth message reaches the server, and the process dies before the server's "250 OK" gets back.
  let killed = false;
  sink.replyTo((attempt) => {
    if (attempt === 9) {
      child!.kill('SIGKILL');
      killed = true;
      return { accept: true, delayMs: 500 };
    }
    return { accept: true };
  });
  const started = startChild();
  child = started.process;
  await vi.waitFor(() => expect(killed).toBe(true), { timeout: 20_000 });
  await started.exited;
  child = undefined;

  core = openCore({ dbPath, key });
  await vi.waitFor(async () => {
    const counts = await core!.call('outbox.counts', {});
    expect(counts.queued + counts.sending).toBe(0);
  }, { timeout: 30_000, interval: 50 });
  const rows = await core.call('outbox.list', {});
  const delivered = sink.received.map((r) => r.mail.messageId);
  expect(new Set(delivered).size).toBe(delivered.length);
  expect(rows).toHaveLength(queued.queued);
  const sent = rows.filter((row) => row.status === 'sent');
  const uncertain = rows.filter((row) => row.status === 'uncertain');
  expect(sent.length + uncertain.length).toBe(rows.length);
  // At most one message per connection was in flight (the default mailbox sends on two).
  expect(uncertain.length).toBeGreaterThanOrEqual(1);
  expect(uncertain.length).toBeLessThanOrEqual(2);
  for (const row of sent) expect(delivered.filter((id) => id === row.messageId)).toHaveLength(1);
  // The tenth reached the server once, and nobody sent an uncertain one again.
  expect(uncertain.some((row) => delivered.includes(row.messageId))).toBe(true);
  for (const row of uncertain) expect(delivered.filter((id) => id === row.messageId).length).toBeLessThanOrEqual(1);
  expect(delivered.length).toBeGreaterThanOrEqual(rows.length - 1);
});
