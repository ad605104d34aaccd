import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { MIGRATIONS } from '../../electron/db/migrations';
import type { OutboxMessage } from '../../shared/outreach/outbox';
import { bundle, copyTemplate, faultRandom, openAfterKill } from '../helpers/crash-harness';
import { ACCOUNT_SID, AUTH_TOKEN, SENDER, startTwilioStandIn, type TwilioStandIn } from '../helpers/twilio-server';

/**
 * A bulk text step of the ladder (`ladder run` from the command line) against the Twilio stand-in,
 * killed with SIGKILL after the n-th text was accepted or while the n-th waits for the provider's
 * answer, then run again: every planned text reached the provider at most once, and is `sent` (once)
 * or `uncertain` (only the one with the provider at the kill); nothing is left queued.
 */
const TRIALS = 5;
const TEXTED = 24;
const key = randomBytes(32).toString('hex');
let dir: string;
let template: string;
let api: TwilioStandIn;
let planned: number;

function ladderRun(db: string, killWhen?: () => boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bundle('electron/hosts/cli-main.ts'), 'ladder', 'run', '--db', db, '--json'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, INFLOW_DB_KEY: key },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  if (killWhen) {
    const timer = setInterval(() => {
      if (!killWhen()) return;
      clearInterval(timer);
      child.kill('SIGKILL');
    }, 2);
    void exited.then(() => clearInterval(timer));
  }
  return exited;
}

async function texts(db: string): Promise<OutboxMessage[]> {
  const core = openCore({ dbPath: db, key: Buffer.from(key, 'hex'), sendMail: false, scheduleSync: false });
  try {
    return (await core.call('outbox.list', { limit: 10_000 })).filter((row) => row.templateId === 'payment-link');
  } finally {
    await core.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-sms-crash-'));
  template = join(dir, 'template.db');
  api = await startTwilioStandIn({ hangMs: 10_000 });
  const core = openCore({ dbPath: template, key: Buffer.from(key, 'hex'), sendMail: false, scheduleSync: false });
  await core.call('sample.load', {});
  await core.call('settings.outreach.save', {
    ...(await core.call('settings.outreach.get', {})),
    companyName: 'Northwind',
    senderName: 'Dana Reyes',
    contactRhythmDays: 0,
  });
  await core.call('settings.sms.save', {
    provider: { provider: 'twilio', baseUrl: api.url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, sender: SENDER },
    // Every hour of every day: the test runs whenever it runs.
    rules: {
      sendingHours: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] },
      defaultTimeZone: 'UTC',
      requireConsent: false,
      messagesPerMinute: 6000,
      pollSeconds: 3600,
    },
  });
  await core.call('ladder.savePolicy', {
    // In place of the shipped Standard (by its id): the policy for everyone.
    id: 'standard',
    name: 'Texts',
    segments: [],
    steps: [{ id: 'text', label: 'Text', offsetDays: 1, channel: 'sms', templateId: 'payment-link', senderRole: 'collector', tone: 'friendly' }],
  });
  const { rows } = await core.call('worklist.list', { limit: TEXTED });
  for (const [index, row] of rows.entries()) {
    await core.call('contacts.save', {
      customerId: row.customerId,
      name: `Payer ${index}`,
      phone: `+1 415 555 ${String(2600 + index)}`,
      role: 'billing',
      isPrimary: true,
    });
  }
  planned = (await core.call('ladder.run', { dryRun: true })).messages.filter((message) => message.step.channel === 'sms').length;
  expect(planned).toBeGreaterThanOrEqual(10);
  await core.close();
});

afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

it(`${TRIALS} bulk text steps killed with SIGKILL: each text sent once or uncertain, none twice`, { timeout: 600_000 }, async () => {
  const random = faultRandom('SIGKILL mid text step');
  let uncertainTotal = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    const db = copyTemplate(template, dir, `trial-${trial}`);
    api.messages.length = 0;
    const mode = (['after', 'with the provider'] as const)[random.int(0, 1)]!;
    const killAt = random.int(1, planned - 1);
    const label = `trial ${trial} (kill ${mode} text ${killAt} of ${planned})`;
    // The killAt-th create hangs (scripted up front, so a busy machine cannot miss the moment to arm
    // it); the kill comes while it waits.
    const hangAt = mode === 'with the provider' ? killAt : -1;
    api.faults = hangAt > 0 ? [...Array.from({ length: hangAt - 1 }, () => ({ kind: 'ok' as const })), { kind: 'hang' as const }] : [];
    const first = await ladderRun(db, () => (mode === 'after' ? api.messages.length >= killAt : api.messages.length >= hangAt));
    api.faults = [];
    expect(first.signal, `${label}: the first run finished before the kill`).toBe('SIGKILL');
    expect(await openAfterKill(db, Buffer.from(key, 'hex')), label).toEqual({ integrity: 'ok', userVersion: MIGRATIONS.length });

    const second = await ladderRun(db);
    expect(second, `${label}: ${second.stderr}`).toMatchObject({ code: 0 });
    const rows = await texts(db);
    expect(rows, `${label}: every planned text is in the outbox once`).toHaveLength(planned);
    const byNumber = new Map<string, number>();
    for (const message of api.messages) byNumber.set(message.to, (byNumber.get(message.to) ?? 0) + 1);
    for (const row of rows) {
      expect(['sent', 'uncertain'], `${label}: text ${row.id}`).toContain(row.status);
      const copies = byNumber.get(row.to) ?? 0;
      if (row.status === 'sent') expect(copies, `${label}: sent ${row.to}`).toBe(1);
      else expect(copies, `${label}: uncertain ${row.to}`).toBeLessThanOrEqual(1);
    }
    const uncertain = rows.filter((row) => row.status === 'uncertain').length;
    expect(uncertain, label).toBeLessThanOrEqual(1);
    if (mode === 'with the provider') expect(uncertain, label).toBe(1);
    uncertainTotal += uncertain;
    const before = api.messages.length;
    const third = await ladderRun(db);
    expect(third, label).toMatchObject({ code: 0 });
    expect(api.messages.length, `${label}: the third run sent something`).toBe(before);
    rmSync(join(dir, `trial-${trial}`), { recursive: true, force: true });
  }
  console.log(`SIGKILL mid text step: ${TRIALS} trials of ${planned} texts, ${uncertainTotal} uncertain, none sent twice, none left queued`);
});
