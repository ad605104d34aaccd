import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { MIGRATIONS } from '../../electron/db/migrations';
import { databaseState } from '../helpers/db-checksum';
import {
  copyTemplate,
  faultRandom,
  killWhen,
  missingActivities,
  openAfterKill,
  startChild,
  stopWarmChild,
  walBytes,
  walGrowthOf,
} from '../helpers/crash-harness';

/**
 * SIGKILL at random points of an import (reading, validating, inside the one write transaction,
 * after it): the database opens whole and holds either everything it held before or the whole
 * file — compared by a checksum of every table — and re-running the import completes it.
 */
const TRIALS = 20;
const NOW = '2026-11-22T12:00:00.000Z';
const key = randomBytes(32);
let dir: string;
let template: string;
let csv: string;
let before: string;
let full: string;
/** How far the write-ahead log grows in an uninterrupted import: kill points are spread over it. */
let walGrowth: number;
const logged: number[] = [];
/**
 * The risk model is retrained from the ledger after the import commits, in its own transaction: a
 * kill in between leaves it one import behind (the next ledger write retrains), so it is not part of
 * what the import itself makes all-or-nothing.
 */
const DERIVED = ['risk_models', 'customer_risk'];

const env = (dbPath: string): Record<string, string> => ({
  INFLOW_CRASH_MODE: 'import',
  INFLOW_TEST_DB: dbPath,
  INFLOW_TEST_KEY: key.toString('hex'),
  INFLOW_TEST_NOW: NOW,
  INFLOW_CRASH_FILE: csv,
});

/** 1,500 invoices of 150 new customers: long enough to be killed inside its write. */
function invoiceFile(): string {
  const lines = ['invoice number,customer id,customer name,issue date,due date,amount,open balance,currency'];
  for (let i = 0; i < 1500; i++) {
    const customer = i % 150;
    lines.push(
      `CRASH-${String(i).padStart(5, '0')},CR${customer},Crash Customer ${customer},2026-09-${String(1 + (i % 28)).padStart(2, '0')},2026-10-${String(1 + (i % 28)).padStart(2, '0')},${100 + (i % 900)}.25,${50 + (i % 50)}.25,USD`,
    );
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-import-crash-'));
  template = join(dir, 'template.db');
  csv = join(dir, 'invoices.csv');
  writeFileSync(csv, invoiceFile());
  const core = openCore({ dbPath: template, key, clock: () => new Date(NOW), sendMail: false, scheduleSync: false });
  writeFileSync(
    join(dir, 'first.csv'),
    'invoice number,customer id,customer name,issue date,due date,amount,currency\nFIRST-1,CR-FIRST,First Customer,2026-09-01,2026-10-01,500.00,USD\n',
  );
  await core.call('import.run', { jobId: randomUUID(), fileId: core.stageFile(join(dir, 'first.csv')).fileId, preset: 'generic-invoices' });
  const customerId = (await core.call('customers.list', { asOf: '2026-11-22' }))[0]!.id;
  logged.push((await core.call('activity.logCall', { customerId, outcome: 'promised_to_pay', notes: 'before the import' })).activityId);
  logged.push((await core.call('activity.addNote', { customerId, text: 'a note before the import' })).activityId);
  logged.push((await core.call('activity.recordPromise', { customerId, amountMinor: 50_000, currency: 'USD', promisedDate: '2026-12-01' })).activityId);
  await core.close();
  before = databaseState(template, key, DERIVED).checksum;
  const calibration = copyTemplate(template, dir, 'calibration');
  walGrowth = await walGrowthOf(env(calibration));
  expect(walGrowth).toBeGreaterThan(0);
  await openAfterKill(calibration, key);
  full = databaseState(calibration, key, DERIVED).checksum;
  expect(full).not.toBe(before);
});
afterAll(() => {
  stopWarmChild();
  rmSync(dir, { recursive: true, force: true });
});

it(`${TRIALS} imports killed with SIGKILL at random points: all or nothing, no activity lost, a re-run completes it`, { timeout: 180_000 }, async () => {
  const random = faultRandom('SIGKILL mid-import');
  const outcomes = { nothing: 0, everything: 0 };
  for (let trial = 0; trial < TRIALS; trial++) {
    // Spread over the log the job writes and past its end; squared, since the import's own commit is
    // the first part of that log (the risk retrain writes the rest).
    const fraction = random.next() ** 2 * 1.1;
    const path = copyTemplate(template, dir, `trial-${trial}`);
    const child = startChild(env(path));
    await child.started;
    await killWhen(child, () => walBytes(path) >= fraction * walGrowth);

    const label = `trial ${trial} (kill at ${(fraction * 100).toFixed(0)}% of ${walGrowth} WAL bytes)`;
    expect(await openAfterKill(path, key), label).toEqual({ integrity: 'ok', userVersion: MIGRATIONS.length });
    const state = databaseState(path, key, DERIVED).checksum;
    expect([before, full], label).toContain(state);
    expect(missingActivities(path, key, logged), label).toEqual([]);
    if (state === before) {
      outcomes.nothing++;
      const core = openCore({ dbPath: path, key, clock: () => new Date(NOW), sendMail: false, scheduleSync: false });
      await core.call('import.run', { jobId: randomUUID(), fileId: core.stageFile(csv).fileId, preset: 'generic-invoices' });
      await core.close();
      expect(databaseState(path, key, DERIVED).checksum, `${label}: re-run`).toBe(full);
    } else outcomes.everything++;
    rmSync(join(path, '..'), { recursive: true, force: true });
  }
  console.log(`SIGKILL mid-import: ${outcomes.nothing} left the database as before (then re-run), ${outcomes.everything} after the commit`);
});
