import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localToday } from '../../shared/dates';
import { bundle } from '../helpers/crash-harness';
import { runCliInProcess } from '../helpers/run-cli';
import { fixturePath } from '../helpers/temp-core';

/** The CLI as a user runs it, in-process (test/helpers/run-cli.ts): the key only in INFLOW_DB_KEY, exit codes 0 / 1 / 2. */
const key = randomBytes(32).toString('hex');
let dir: string;
let db: string;

function cli(args: string[], env: Record<string, string | undefined> = { INFLOW_DB_KEY: key }) {
  return runCliInProcess(args, { PATH: process.env.PATH, HOME: process.env.HOME, ...env });
}

/** The real entry in a process of its own (bundled once, as the fault tests do: tsx takes seconds per start). */
function spawnCli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [bundle('electron/hosts/cli-main.ts'), ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-cli-'));
  db = join(dir, 'ar.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inflow CLI', () => {
  it('runs as its own process: usage on --help, exit 2 and one line on stderr for a wrong key', async () => {
    const help = spawnCli(['--help'], {});
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: npm run cli -- <command> \[options\]\n/);
    expect(await cli(['--help'])).toEqual(help);
    await cli(['init', '--db', db]);
    const wrongKey = spawnCli(['aging', '--db', db], { INFLOW_DB_KEY: randomBytes(32).toString('hex') });
    expect(wrongKey).toMatchObject({ code: 2, stdout: '' });
    expect(wrongKey.stderr).toMatch(/^inflow: .*cannot be opened with this key.*\n$/);
  });

  it('init creates an encrypted database', async () => {
    const result = await cli(['init', '--db', db]);
    expect(result).toMatchObject({ code: 0 });
    expect(readFileSync(db).subarray(0, 15).toString()).not.toBe('SQLite format 3');
  });

  it('imports with a preset and prints the aging JSON in minor units', async () => {
    expect(await cli(['import', fixturePath('erp/quickbooks-aging-detail.csv'), '--db', db, '--preset', 'quickbooks-aging'])).toMatchObject({ code: 0 });
    const aging = await cli(['aging', '--db', db, '--as-of', '2026-11-22', '--json']);
    expect(aging.code).toBe(0);
    const report = JSON.parse(aging.stdout) as { asOf: string; totals: Record<string, Record<string, number>>; customers: Record<string, unknown>[] };
    expect(report.asOf).toBe('2026-11-22');
    expect(report.totals.USD).toEqual({
      current: 23_900,
      d1_30: 120_050,
      d31_60: 0,
      d61_90: 62_910,
      d91_120: -123_456,
      d120_plus: 6_100,
      credits: -130_456,
      total: 89_504,
    });
    expect(Object.keys(report.customers[0]!)).toEqual([
      'externalId',
      'name',
      'currency',
      'current',
      'd1_30',
      'd31_60',
      'd61_90',
      'd91_120',
      'd120_plus',
      'credits',
      'total',
    ]);
  });

  it('detects the preset when none is given, and a mapping file works', async () => {
    expect(await cli(['import', fixturePath('erp/odoo-account-move.csv'), '--db', db, '--json'])).toMatchObject({ code: 0 });
    const mapping = join(dir, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        kind: 'invoices',
        columns: { invoiceNumber: 'Belegnummer', customerId: 'Kundennr', issueDate: 'Belegdatum', dueDate: 'Fällig', amount: 'Betrag', openBalance: 'Offen' },
        dateFormat: 'dd.MM.yyyy',
        currency: 'EUR',
        decimalSeparator: ',',
      }),
    );
    const result = await cli(['import', fixturePath('erp/custom-datev.csv'), '--db', db, '--mapping', mapping, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ preset: 'custom', created: 2 });
  });

  it('prints the ranked worklist and runs the collector loop: call, promise, dispute', async () => {
    // Today's queue: the call, promise and dispute below are recorded today, so a past day's queue rightly never sees them.
    const ranked = async () =>
      JSON.parse((await cli(['worklist', '--db', db, '--json'])).stdout) as {
        asOf: string;
        rows: { externalId: string; name: string; currency: string; score: number; reasons: string[] }[];
        unratedCurrencies: string[];
      };
    const before = await ranked();
    expect(before.asOf).toBe(localToday());
    expect(Object.keys(before.rows[0]!)).toEqual(['externalId', 'name', 'currency', 'score', 'reasons']);
    // Highest score first, the currencies without an exchange rate each after the rest, ranked among themselves.
    const group = (row: { currency: string }): string => (before.unratedCurrencies.includes(row.currency) ? row.currency : '');
    const order = [...before.rows].sort((a, b) => group(a).localeCompare(group(b)) || b.score - a.score);
    expect(before.rows.map((r) => r.score)).toEqual(order.map((r) => r.score));
    // Geeta's credit (1,234.56) is more than she owes (629.10): nothing to chase, as the aging nets it.
    expect(before.rows.find((r) => r.name === 'Geeta Kalapatapu')).toBeUndefined();
    const freeman = 'Freeman Sporting Goods:55 Twin Lane';
    expect(before.rows.find((r) => r.name === freeman)!.reasons.length).toBeGreaterThan(0);
    expect(await cli(['log-call', '--db', db, '--customer', freeman, '--outcome', 'reached', '--notes', 'Will pay Friday'])).toMatchObject({ code: 0 });
    expect(await cli(['promise', '--db', db, '--customer', freeman, '--amount', '1250.50', '--date', '2099-01-01', '--invoices', '1037'])).toMatchObject({
      code: 0,
    });
    expect(await cli(['dispute', '--db', db, '--customer', freeman, '--invoices', '1037', '--reason', 'pricing'])).toMatchObject({ code: 0 });
    expect((await ranked()).rows.find((r) => r.name === freeman)?.reasons ?? []).not.toContain('Never contacted');
    const writeOff = await cli(['write-off', '--db', db, '--customer', freeman, '--invoices', '1037', '--amount', '10.00', '--reason', 'Freight damage']);
    expect(writeOff).toMatchObject({ code: 0 });
    expect(writeOff.stdout).toContain('Written off $10.00 of invoice 1037 for Freeman Sporting Goods:55 Twin Lane.');
    expect((await cli(['write-off', '--db', db, '--customer', freeman, '--invoices', '1037'])).stderr).toContain('--reason TEXT');
    const bad = await cli(['log-call', '--db', db, '--customer', 'Geeta Kalapatapu', '--outcome', 'shouted']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--outcome must be one of: reached');
    expect((await cli(['dispute', '--db', db, '--customer', 'Nobody', '--invoices', '1', '--reason', 'other'])).code).toBe(1);
  });

  it('prints the ladder dry run in the documented JSON, and the outbox', async () => {
    const fresh = join(dir, 'ladder.db');
    for (const [file, preset] of [
      ['erp/generic-customers.csv', 'generic-customers'],
      ['erp/generic-invoices.csv', 'generic-invoices'],
    ]) {
      expect(await cli(['import', fixturePath(file!), '--db', fresh, '--preset', preset!])).toMatchObject({ code: 0 });
    }
    const before = readFileSync(fresh);
    const run = await cli(['ladder', 'run', '--db', fresh, '--as-of', localToday(), '--dry-run', '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      asOf: string;
      messages: { customerExternalId: string; template: string; invoices: { number: string; step: string }[] }[];
      excluded: { number: string; reason: string }[];
    };
    expect(json.asOf).toBe(localToday());
    expect(json.messages.find((m) => m.customerExternalId === 'C-001')).toMatchObject({
      template: 'manager-escalation',
      invoices: [
        { number: '00123', step: 'manager' },
        { number: '00124', step: 'manager' },
      ],
    });
    // The import's Disputed = yes column counts as an open dispute.
    expect(json.excluded).toContainEqual(expect.objectContaining({ number: '00125', reason: 'disputed' }));
    expect(readFileSync(fresh).equals(before)).toBe(true);
    expect(JSON.parse((await cli(['outbox', 'list', '--db', fresh, '--json'])).stdout)).toEqual({ messages: [] });
    // No company or sender name yet: the preview is refused, naming the empty fields, rather than shown with gaps.
    const refused = await cli(['outreach', 'preview', '--db', fresh, '--customer', 'C-001', '--template', 'first-reminder']);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('{{sender.name}}, {{company.name}} are empty') });
    expect((await cli(['outreach', 'send', '--db', fresh, '--customer', 'C-001', '--template', 'first-reminder'])).stderr).toContain(
      'Set up your mailbox in Settings',
    );
  });

  it("sets who signs and each customer's language, refuses a bad payment-link pattern, and previews From the signer", async () => {
    const fresh = join(dir, 'signers.db');
    for (const [file, preset] of [
      ['erp/generic-customers.csv', 'generic-customers'],
      ['erp/generic-invoices.csv', 'generic-invoices'],
    ]) {
      expect(await cli(['import', fixturePath(file!), '--db', fresh, '--preset', preset!])).toMatchObject({ code: 0 });
    }
    const bad = await cli(['settings', 'email', '--db', fresh, '--company', 'Northwind', '--payment-link', 'https://pay.northwind.example/{{invoice}}']);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('{{invoice}} has double braces') });
    const set = await cli([
      'settings',
      'email',
      '--db',
      fresh,
      '--company',
      'Northwind',
      '--sender-name',
      'Sam Carter',
      '--manager-name',
      'Jordan Lee',
      '--manager-phone',
      '+1 555 0199',
      '--payment-link',
      'https://pay.northwind.example/{invoiceNumber}?amount={balance}',
    ]);
    expect(set.stdout).toContain('Manager steps from: Jordan Lee, Finance Manager, +1 555 0199');
    // The live example, as Settings shows beside the field: the link the pattern makes for a real open invoice.
    expect(set.stdout).toMatch(/\nPayment link for invoice 00123 of Acme Tools Ltd: https:\/\/pay\.northwind\.example\/00123\?amount=12400\.00\n/);
    expect((await cli(['outreach', 'preview', '--db', fresh, '--customer', 'C-001', '--template', 'first-reminder'])).stdout).toMatch(
      /^From: Sam Carter <no mailbox set up>\nTo: Jane Park <jane.park@acme.example>\nSubject: Invoice 00123 is now past due\nLanguage: en\n/,
    );
    expect((await cli(['locale', '--db', fresh, '--customer', 'C-001', '--locale', 'de-DE'])).stdout).toContain('C-001: emails in de-DE');
    expect((await cli(['outreach', 'preview', '--db', fresh, '--customer', 'C-001', '--template', 'first-reminder'])).stdout).toContain(
      'Subject: Zahlungserinnerung: Rechnung 00123 ist überfällig',
    );
  }, 180_000);

  it('evaluates, shows and forecasts risk on the sample in the documented JSON', async () => {
    const sample = join(dir, 'risk.db');
    expect(await cli(['sample', '--db', sample])).toMatchObject({ code: 0 });
    const today = localToday();
    const asOf = addDays(today, -182);
    const evaluated = await cli(['risk', 'evaluate', '--db', sample, '--as-of', asOf, '--json']);
    expect(evaluated.code).toBe(0);
    const metrics = JSON.parse(evaluated.stdout) as Record<string, number>;
    expect(Object.keys(metrics)).toEqual(['auc', 'accuracy', 'brier', 'baselineAuc', 'nTrain', 'nTest']);
    expect(Object.values(metrics).every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    expect(metrics.auc).toBeGreaterThan(metrics.baselineAuc!);
    const shown = JSON.parse((await cli(['risk', 'show', '--db', sample, '--customer', 'CUST-0002', '--json'])).stdout) as Record<string, unknown>;
    expect(Object.keys(shown)).toEqual(['externalId', 'name', 'pLate', 'expectedDaysLate', 'segment', 'reasons', 'advice', 'trainedAt']);
    const forecast = JSON.parse((await cli(['forecast', '--db', sample, '--as-of', today, '--json'])).stdout) as {
      asOf: string;
      currencies: { weeks: unknown[] }[];
    };
    expect(forecast.asOf).toBe(today);
    expect(forecast.currencies[0]!.weeks).toHaveLength(13);
    expect((await cli(['risk', 'evaluate', '--db', sample, '--json'])).code).toBe(1);
  }, 120_000);

  it('compares a stored forecast run with what came in, week by week, in JSON and as a table', async () => {
    const sample = join(dir, 'risk.db');
    const today = localToday();
    // Five weeks ago: its weeks 1–4 ended by yesterday at the latest, the fifth ends today or later.
    const past = addDays(today, -35);
    expect((await cli(['forecast', '--db', sample, '--as-of', past])).code).toBe(0);
    const compared = JSON.parse((await cli(['forecast', 'compare', '--db', sample, '--as-of', past, '--json'])).stdout) as {
      asOf: string;
      rows: { currency: string; expectedMinor: number; actualMinor: number | null; errorMinor: number | null }[];
    };
    expect(compared.asOf).toBe(past);
    const usd = compared.rows.filter((r) => r.currency === 'USD');
    expect(usd).toHaveLength(13);
    expect(usd.filter((r) => r.actualMinor !== null)).toHaveLength(4);
    expect(usd.every((r) => r.errorMinor === (r.actualMinor === null ? null : r.actualMinor - r.expectedMinor))).toBe(true);
    const text = await cli(['forecast', 'compare', '--db', sample, '--as-of', past]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/week +expected +range +actual +error/);
    expect(text.stdout).toMatch(/4 ended weeks: expected \$[\d,.]+, came in \$[\d,.]+, error [+-]?-?\$/);
    const missing = await cli(['forecast', 'compare', '--db', sample, '--as-of', addDays(today, -3), '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.message).toMatch(/No forecast is stored for .*forecast --as-of/);
  }, 120_000);

  it('prints the KPIs and attribution in the documented JSON, one currency at a time', async () => {
    const mixed = await cli(['kpi', '--db', db, '--from', '2026-10-01', '--to', '2026-11-22', '--json']);
    expect(mixed.code).toBe(1);
    expect(JSON.parse(mixed.stdout).error.message).toMatch(/pass --currency/);
    const kpi = await cli(['kpi', '--db', db, '--from', '2026-10-01', '--to', '2026-11-22', '--currency', 'USD', '--by', 'customer', '--json']);
    expect(kpi.code).toBe(0);
    const figures = JSON.parse(kpi.stdout) as Record<string, unknown> & { groups: Record<string, unknown>[] };
    expect(figures).toMatchObject({ from: '2026-10-01', to: '2026-11-22', days: 53, currency: 'USD' });
    for (const name of ['dsoSimple', 'dsoCountback', 'bestPossibleDso', 'add', 'cei', 'pastDuePct', 'beginningAr', 'endingAr', 'currentAr', 'sales']) {
      expect(typeof figures[name], name).toBe('number');
    }
    expect(figures.groups.length).toBeGreaterThan(0);
    const attribution = await cli(['attribution', '--db', db, '--from', '2026-01-01', '--to', '2026-11-22', '--days', '10', '--json']);
    expect(attribution.code).toBe(0);
    expect(Object.keys(JSON.parse(attribution.stdout))).toEqual(['from', 'to', 'windowDays', 'rows', 'invoiceShares', 'untouched', 'paymentCount']);
    expect(JSON.parse(attribution.stdout)).toMatchObject({ windowDays: 10 });
    // The sample's touches and payments come in several currencies; --currency keeps one.
    const sample = join(dir, 'sample.db');
    expect((await cli(['sample', '--db', sample])).code).toBe(0);
    const all = JSON.parse((await cli(['attribution', '--db', sample, '--json'])).stdout) as { rows: { currency: string }[]; paymentCount: number };
    const eur = JSON.parse((await cli(['attribution', '--db', sample, '--currency', 'EUR', '--json'])).stdout) as typeof all;
    expect(new Set(all.rows.map((r) => r.currency)).size).toBeGreaterThan(1);
    expect(eur.rows.length).toBeGreaterThan(0);
    expect(eur.rows).toEqual(all.rows.filter((r) => r.currency === 'EUR'));
    expect(eur.paymentCount).toBeLessThan(all.paymentCount);
  });

  it('refuses impossible dates and unknown currency codes in flags, naming the flag', async () => {
    for (const value of ['2026-02-31', '2026-13-45', '0000-00-00']) {
      const result = await cli(['aging', '--db', db, '--as-of', value]);
      expect(result.code, value).toBe(1);
      expect(result.stderr).toContain(`--as-of ${value}: a date on the calendar like 2026-01-31`);
    }
    const currency = await cli(['kpi', '--db', db, '--from', '2026-10-01', '--to', '2026-11-22', '--currency', 'usd']);
    expect(currency.code).toBe(1);
    expect(currency.stderr).toContain('--currency usd: an ISO 4217 code like "USD"');
  });

  it('takes only each command’s own options: --help lists them, anything else is refused before opening', async () => {
    const help = await cli(['aging', '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: npm run cli -- aging \[options\]/);
    expect(help.stdout).toContain('--as-of <date>');
    expect(help.stdout).not.toContain('--template');
    const foreign = await cli(['aging', '--db', db, '--template', 'first-reminder']);
    expect(foreign).toMatchObject({ code: 1, stdout: '' });
    expect(foreign.stderr).toBe('inflow: unknown option \'--template\'. Run "npm run cli -- aging --help" for its options.\n');
    expect((await cli(['worklist', 'extra', '--db', db])).stderr).toContain("too many arguments for 'worklist'");
    expect((await cli(['aging', '--db'])).stderr).toContain('argument missing');
    const json = await cli(['kpi', '--db', db, '--bogus', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining("unknown option '--bogus'") } });
  });

  it('exits 1 and changes nothing when a file is rejected, listing row, column and reason', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Invoice Number,Customer ID,Issue Date,Due Date,Amount\nX-1,C1,2026-01-01,2026-01-31,12.00\nX-2,C1,2026-02-30,2026-03-31,TBD\n');
    const before = readFileSync(db);
    const result = await cli(['import', bad, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nothing was imported: 2 problems');
    expect(result.stderr).toContain('row 3, Issue Date "2026-02-30": not a valid date');
    expect(result.stderr).toContain('row 3, Amount "TBD": not an amount');
    const json = await cli(['import', bad, '--db', db, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'IMPORT_REJECTED', details: { problemCount: 2 } } });
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('exits 2 with one line for a wrong key, and leaves the file untouched', async () => {
    const before = { bytes: readFileSync(db), mtime: statSync(db).mtimeMs };
    const result = await cli(['aging', '--db', db, '--json'], { INFLOW_DB_KEY: randomBytes(32).toString('hex') });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'DB_WRONG_KEY' } });
    const plain = await cli(['aging', '--db', db], { INFLOW_DB_KEY: randomBytes(32).toString('hex') });
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    expect(plain.stderr).toContain('cannot be opened with this key');
    expect(readFileSync(db).equals(before.bytes)).toBe(true);
    expect(statSync(db).mtimeMs).toBe(before.mtime);
  });

  it('exits 2 without a key, and never accepts one as a flag', async () => {
    expect(await cli(['aging', '--db', db], {})).toMatchObject({ code: 2 });
    expect((await cli(['aging', '--db', db, '--key', key], {})).code).not.toBe(0);
  });

  it('exits 2 for a file that is not an Inflow database', async () => {
    const notDb = join(dir, 'notes.txt');
    writeFileSync(notDb, 'just some notes, not a database at all'.repeat(200));
    expect(await cli(['aging', '--db', notDb])).toMatchObject({ code: 2 });
  });
});
