import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import type { OutboxMessage } from '../../shared/outreach/outbox';
import { bundle, copyTemplate, faultRandom, openAfterKill } from '../helpers/crash-harness';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { MIGRATIONS } from '../../electron/db/migrations';

/**
 * `ladder run` from the command line, killed with SIGKILL at random points against a real SMTP
 * server, then run again: every reminder the ladder planned is delivered exactly once or marked
 * uncertain (only a message on the wire at the kill), nothing stays queued, and a third run sends
 * nothing. Kill points: at a random moment before the first message arrives (while the ladder is
 * evaluated and queued), after the n-th message arrived, or while the n-th is on the wire (the server
 * has it and answers too late).
 */
const TRIALS = 8;
const key = randomBytes(32).toString('hex');
let dir: string;
let template: string;
let sink: SmtpSink;
let planned: number;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function ladderRun(db: string, killWhen?: () => boolean): Promise<Run> {
  const child = spawn(process.execPath, [bundle('electron/hosts/cli-main.ts'), 'ladder', 'run', '--db', db, '--json'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, INFLOW_DB_KEY: key },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Run>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
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

async function outbox(db: string): Promise<OutboxMessage[]> {
  const core = openCore({ dbPath: db, key: Buffer.from(key, 'hex'), sendMail: false, scheduleSync: false });
  try {
    return await core.call('outbox.list', { limit: 10_000 });
  } finally {
    await core.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-ladder-crash-'));
  template = join(dir, 'template.db');
  sink = await startSmtpSink();
  const core = openCore({ dbPath: template, key: Buffer.from(key, 'hex'), sendMail: false, scheduleSync: false });
  await core.call('sample.load', {});
  await core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  await core.call('settings.outreach.save', {
    ...(await core.call('settings.outreach.get', {})),
    companyName: 'Northwind',
    senderName: 'Dana Reyes',
    messagesPerMinute: 60_000,
  });
  planned = (await core.call('ladder.run', { dryRun: true })).messages.filter((message) => message.step.channel === 'email').length;
  expect(planned).toBeGreaterThanOrEqual(50);
  await core.close();
});
afterAll(async () => {
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

it(
  `${TRIALS} ladder runs killed with SIGKILL, each run again twice: every reminder once or uncertain; the third run sends nothing`,
  { timeout: 600_000 },
  async () => {
    const random = faultRandom('SIGKILL mid ladder run');
    let uncertainTotal = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const db = copyTemplate(template, dir, `trial-${trial}`);
      sink.received.length = 0;
      const mode = (['early', 'after', 'on the wire'] as const)[random.int(0, 2)]!;
      const killAt = random.int(0, planned - 1);
      const deadline = Date.now() + random.int(0, 1500);
      let attempts = 0;
      let due = false;
      sink.replyTo(() => {
        const attempt = attempts++;
        if (attempt === killAt && mode !== 'early') due = true;
        return mode === 'on the wire' && attempt === killAt ? { accept: true, delayMs: 300 } : { accept: true };
      });
      const label = `trial ${trial} (kill ${mode}${mode === 'early' ? '' : ` at message ${killAt}`} of ${planned})`;

      const first = await ladderRun(db, () => (mode === 'early' ? Date.now() >= deadline || attempts > 0 : due));
      expect(first.signal, `${label}: the first run finished before the kill`).toBe('SIGKILL');
      expect(await openAfterKill(db, Buffer.from(key, 'hex')), label).toEqual({ integrity: 'ok', userVersion: MIGRATIONS.length });
      sink.replyTo(() => ({ accept: true }));

      const second = await ladderRun(db);
      expect(second, label).toMatchObject({ code: 0 });
      const rows = await outbox(db);
      const delivered = sink.received.map((received) => received.mail.messageId);
      expect(new Set(delivered).size, `${label}: a message reached the server twice`).toBe(delivered.length);
      expect(rows, `${label}: every planned reminder is in the outbox once`).toHaveLength(planned);
      for (const row of rows) {
        const copies = delivered.filter((id) => id === row.messageId).length;
        expect(['sent', 'uncertain'], `${label}: message ${row.id}`).toContain(row.status);
        if (row.status === 'sent') expect(copies, `${label}: sent ${row.messageId}`).toBe(1);
        else expect(copies, `${label}: uncertain ${row.messageId}`).toBeLessThanOrEqual(1);
      }
      const uncertain = rows.filter((row) => row.status === 'uncertain').length;
      // Only what was on the wire when the first run died (one message per SMTP connection) is uncertain.
      expect(uncertain, label).toBeLessThanOrEqual(2);
      if (mode === 'on the wire') expect(uncertain, label).toBeGreaterThanOrEqual(1);
      uncertainTotal += uncertain;

      const before = sink.received.length;
      const third = await ladderRun(db);
      expect(third, label).toMatchObject({ code: 0 });
      expect(sink.received.length, `${label}: the third run sent something`).toBe(before);
      expect(JSON.parse(third.stdout), label).toMatchObject({ queued: null, outbox: { queued: 0, sending: 0, sent: planned - uncertain, uncertain } });
      rmSync(join(dir, `trial-${trial}`), { recursive: true, force: true });
    }
    console.log(`SIGKILL mid ladder run: ${TRIALS} trials of ${planned} reminders, ${uncertainTotal} marked uncertain, none delivered twice, none left queued`);
  },
);
