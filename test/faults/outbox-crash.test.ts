import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { openCore } from '../../electron/core';
import { MIGRATIONS } from '../../electron/db/migrations';
import { copyTemplate, faultRandom, killWhen, missingActivities, openAfterKill, startChild, stopWarmChild } from '../helpers/crash-harness';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * SIGKILL in the middle of a bulk send, at random points: while a message is on the wire (the
 * server has it, the sender never hears "250 OK"), or after a random number of messages reached the
 * server. After a restart every message is sent once or marked uncertain for a person to check,
 * none reaches the server twice, and every call, note and promise logged during the send is there.
 */
const TRIALS = 20;
const key = randomBytes(32);
let dir: string;
let template: string;
let sink: SmtpSink;
let queued: number;

const env = (dbPath: string): Record<string, string> => ({ INFLOW_CRASH_MODE: 'send', INFLOW_TEST_DB: dbPath, INFLOW_TEST_KEY: key.toString('hex') });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-send-crash-'));
  template = join(dir, 'template.db');
  sink = await startSmtpSink();
  const core = openCore({ dbPath: template, key, sendMail: false, scheduleSync: false });
  await core.call('sample.load', {});
  await core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  await core.call('settings.outreach.save', {
    ...(await core.call('settings.outreach.get', {})),
    companyName: 'Northwind',
    senderName: 'Dana Reyes',
    messagesPerMinute: 6000,
  });
  const customers = (await core.call('worklist.list', { limit: 20 })).rows.map((row) => row.customerId);
  queued = (await core.call('outreach.queue', { messages: customers.map((customerId) => ({ customerId, templateId: 'first-reminder' })) })).queued;
  expect(queued).toBeGreaterThanOrEqual(15);
  await core.close();
});
afterAll(async () => {
  stopWarmChild();
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

it(`${TRIALS} bulk sends killed with SIGKILL: each message once or uncertain, never twice; no activity lost`, { timeout: 240_000 }, async () => {
  const random = faultRandom('SIGKILL mid-send');
  let uncertainTotal = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    const path = copyTemplate(template, dir, `trial-${trial}`);
    sink.received.length = 0;
    // On the wire: the n-th DATA is kept and answered too late. Between messages: after n have arrived.
    const onTheWire = random.chance(0.5);
    const killAt = random.int(0, queued - 1);
    let attempts = 0;
    let dueNow = false;
    sink.replyTo(() => {
      const attempt = attempts++;
      if (attempt === killAt) dueNow = true;
      return onTheWire && attempt === killAt ? { accept: true, delayMs: 300 } : { accept: true };
    });
    const child = startChild(env(path));
    await child.started;
    await killWhen(child, () => dueNow);
    const label = `trial ${trial} (kill ${onTheWire ? 'with message' : 'after message'} ${killAt} of ${queued})`;

    expect(await openAfterKill(path, key), label).toEqual({ integrity: 'ok', userVersion: MIGRATIONS.length });
    expect(missingActivities(path, key, child.activities), label).toEqual([]);
    const core = openCore({ dbPath: path, key, sendMail: true, scheduleSync: false });
    await vi.waitFor(
      async () => {
        const counts = await core.call('outbox.counts', {});
        expect(counts.queued + counts.sending).toBe(0);
      },
      { timeout: 60_000, interval: 50 },
    );
    const rows = await core.call('outbox.list', {});
    await core.close();
    const delivered = sink.received.map((r) => r.mail.messageId);
    expect(new Set(delivered).size, `${label}: a message reached the server twice`).toBe(delivered.length);
    expect(rows, label).toHaveLength(queued);
    for (const row of rows) {
      expect(['sent', 'uncertain'], label).toContain(row.status);
      const copies = delivered.filter((id) => id === row.messageId).length;
      if (row.status === 'sent') expect(copies, `${label}: sent ${row.messageId}`).toBe(1);
      else expect(copies, `${label}: uncertain ${row.messageId}`).toBeLessThanOrEqual(1);
    }
    const uncertain = rows.filter((row) => row.status === 'uncertain').length;
    // Only a message on the wire at the kill (one per connection) can be uncertain.
    expect(uncertain, label).toBeLessThanOrEqual(2);
    if (onTheWire) expect(uncertain, label).toBeGreaterThanOrEqual(1);
    uncertainTotal += uncertain;
    rmSync(join(dir, `trial-${trial}`), { recursive: true, force: true });
  }
  console.log(`SIGKILL mid-send: ${TRIALS} trials, ${uncertainTotal} messages marked uncertain, none delivered twice`);
});
