import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/open';
import { startCoreWorker, type CoreClient } from '../../electron/hosts/core-client';
import { log, safeError } from '../../electron/log/log';
import { openLogFile, type LogFile } from '../../electron/hosts/log-file';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * The log file a person helping a collector reads: the core's lines forwarded from its worker, slow
 * calls, refusals and failures, each with ids and codes only. A real core is driven through the paths
 * that meet customer text and secrets (an import, notes, a mail server refusing an address, an ERP
 * refusing a password, bad input quoting a secret); none of it may reach the file.
 */
const SECRETS = { smtpPassword: 'hunter2-smtp-secret-7731', erpKey: 'odoo-api-key-secret-5512' };
const CUSTOMER = { name: 'Zanzibar Quokka Holdings', email: 'quokka.payables@zanzibar-quokka.example', note: 'Promised by the blue moon festival' };

let dir: string;
let dbPath: string;
const key = randomBytes(32);
let logFile: LogFile;
let core: CoreClient;
let sink: SmtpSink;
let odoo: OdooServer;
let text: string;

const call = (name: string, input: unknown) => core.dispatch(name, input);
const refused = (name: string, input: unknown) =>
  call(name, input).then(
    () => 'ok',
    (error: { code: string }) => error.code,
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-log-'));
  dbPath = join(dir, 'inflow.db');
  logFile = await openLogFile(dir);
  sink = await startSmtpSink();
  odoo = await startOdooServer();
  core = await startCoreWorker(new URL('../../electron/hosts/core-worker.ts', import.meta.url), dbPath, key);

  await call('sample.load', {});
  const csv = join(dir, 'customers.csv');
  writeFileSync(csv, `Customer ID,Name,Email,Currency\nZQ-1,${CUSTOMER.name},${CUSTOMER.email},USD\n`);
  await call('import.run', { jobId: randomBytes(8).toString('hex'), fileId: (await core.stageFile(csv)).fileId, preset: 'generic-customers' });
  const { customerId } = (await call('customer.lookup', { externalId: 'ZQ-1' })) as { customerId: number };
  await call('activity.logCall', { customerId, outcome: 'reached', notes: CUSTOMER.note });
  await call('activity.addNote', { customerId, text: CUSTOMER.note });

  // A mail server that refuses the customer's address, quoting it.
  sink.replyTo(() => ({ code: 550, message: `No such user ${CUSTOMER.email}` }));
  await call('settings.smtp.save', {
    host: '127.0.0.1',
    port: sink.port,
    security: 'none',
    user: 'ar',
    password: SECRETS.smtpPassword,
    fromAddress: 'ar@northwind.example',
  });
  await call('settings.outreach.save', { senderName: 'Dana Reyes', companyName: 'Northwind', messagesPerMinute: 6000 });
  await call('outreach.queue', { messages: [{ customerId, templateId: 'first-reminder' }] }).catch(() => undefined);
  const sample = ((await call('worklist.list', { limit: 3 })) as { rows: { customerId: number }[] }).rows.map((row) => ({
    customerId: row.customerId,
    templateId: 'first-reminder',
  }));
  await call('outreach.queue', { messages: sample });
  for (let n = 0; n < 200 && ((await call('outbox.counts', {})) as { queued: number; sending: number }).queued > 0; n++)
    await new Promise((resolve) => setTimeout(resolve, 25));

  // An ERP that refuses the password; bad input that quotes secrets and customer text.
  await call('sync.connection.save', {
    connector: 'odoo',
    baseUrl: odoo.url,
    database: odoo.db,
    login: odoo.login,
    apiKey: SECRETS.erpKey,
    intervalMinutes: 0,
  });
  expect(await refused('sync.run', {})).toBe('SYNC_FAILED');
  expect(await refused('settings.smtp.save', { host: SECRETS.smtpPassword, port: 0, security: 'none', fromAddress: CUSTOMER.email })).toBe('INVALID_INPUT');
  expect(await refused('customer.lookup', { externalId: CUSTOMER.name })).toBe('NOT_FOUND');
  expect(await refused('activity.addNote', { customerId: 999_999, text: CUSTOMER.note })).not.toBe('ok');

  await core.close();
  logFile.close();
  text = readdirSync(join(dir, 'logs'))
    .map((name) => readFileSync(join(dir, 'logs', name), 'utf8'))
    .join('');
}, 120_000);
afterAll(async () => {
  await sink?.close();
  await odoo?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the log file', () => {
  it("holds the core's lines from its worker: the open, slow calls, refusals and failed sends, as JSON", () => {
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; level: string; procedure?: string; time: string });
    const events = new Set(lines.map((line) => line.event));
    for (const event of ['core.open', 'core.call.slow', 'core.call.refused', 'outbox.send.failed', 'outbox.failed', 'sync.failed'])
      expect(events, event).toContain(event);
    expect(lines.find((line) => line.event === 'core.call.slow' && line.procedure === 'sample.load')).toBeDefined();
    expect(lines.every((line) => /^\d{4}-\d{2}-\d{2}T/.test(line.time) && ['info', 'warn', 'error'].includes(line.level))).toBe(true);
  });

  it('holds no secret and no customer text: only ids, counts and codes', async () => {
    const database = openDatabase(dbPath, key);
    const customerText = [
      ...(database.sqlite
        .prepare('SELECT name FROM customers UNION SELECT name FROM contacts UNION SELECT email FROM contacts WHERE email IS NOT NULL')
        .pluck()
        .all() as string[]),
      ...(database.sqlite.prepare('SELECT subject FROM outbox_messages').pluck().all() as string[]),
    ].filter((value) => value.length >= 6);
    await database.close();
    expect(customerText.length).toBeGreaterThan(50);
    const leaks = [...Object.values(SECRETS), ...Object.values(CUSTOMER), ...customerText].filter((value) => text.includes(value));
    expect(leaks).toEqual([]);
  });

  it("is the user's alone: folder 0700, files 0600", () => {
    if (process.platform === 'win32') return;
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(join(dir, 'logs'))) expect(statSync(join(dir, 'logs', name)).mode & 0o777, name).toBe(0o600);
  });
});

describe('what a line may hold', () => {
  it('keeps codes and numbers, replaces any other text, and gives an error as type, code and frames only', async () => {
    const lines: string[] = [];
    const { setLogSink } = await import('../../electron/log/log');
    setLogSink({ write: (line) => lines.push(line) });
    try {
      const error = Object.assign(new Error(`duplicate ${CUSTOMER.email}`), { code: 'SQLITE_CONSTRAINT' });
      log.warn('test.event', { customerId: 42, procedure: 'customer.lookup', name: CUSTOMER.name, ...safeError(error) });
    } finally {
      setLogSink(null);
    }
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      event: 'test.event',
      customerId: 42,
      procedure: 'customer.lookup',
      name: '[text omitted]',
      error: 'Error',
      errorCode: 'SQLITE_CONSTRAINT',
    });
    expect(line.at).toMatch(/@log\.test\.ts:\d+/);
    expect(lines[0]).not.toContain('zanzibar');
  });
});
