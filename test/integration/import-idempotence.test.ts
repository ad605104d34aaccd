import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/** Two exports of the same ERP two days apart: what changes, what does not, and what the past looked like. */
let t: TempCore;
let now: Date;
beforeEach(() => {
  now = new Date('2026-11-20T09:00:00Z');
  t = tempCore(() => now);
});
afterEach(() => t.dispose());

const run = (file: string, snapshot = false) =>
  t.core.call('import.run', { jobId: JOB(), fileId: t.stage(`erp/${file}`), snapshot, preset: 'generic-invoices' });

describe('re-importing', () => {
  it('the same file twice changes nothing', async () => {
    expect(await run('open-items-2026-11-20.csv')).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const before = await t.core.call('aging.report', { asOf: '2026-11-20' });
    expect(await run('open-items-2026-11-20.csv')).toMatchObject({ created: 0, updated: 0, unchanged: 3, customersCreated: 0 });
    expect(await t.core.call('aging.report', { asOf: '2026-11-20' })).toEqual(before);
    const status = await t.core.call('app.status', {});
    expect(status).toMatchObject({ customers: 2, invoices: 3 });
  });

  it('a newer export updates by source and external id; history before it stays as it was', async () => {
    await run('open-items-2026-11-20.csv');
    now = new Date('2026-11-22T09:00:00Z');
    expect(await run('open-items-2026-11-22.csv')).toMatchObject({ created: 1, updated: 1, unchanged: 1, closed: 0 });
    const today = await t.core.call('aging.report', { asOf: '2026-11-22' });
    // A-1 is absent but not closed without --snapshot; A-2 dropped to $500; A-4 is new.
    expect(today.totals.USD?.total).toBe(100_000 + 50_000 + 30_000 + 8_000);
    const lastWeek = await t.core.call('aging.report', { asOf: '2026-11-19' });
    // The $1,500 A-2 paid between the exports counts from the second import's date, not before.
    expect(lastWeek.totals.USD?.total).toBe(100_000 + 200_000 + 30_000);
  });

  it('--snapshot closes open invoices missing from a complete open-items file', async () => {
    await run('open-items-2026-11-20.csv');
    now = new Date('2026-11-22T09:00:00Z');
    expect(await run('open-items-2026-11-22.csv', true)).toMatchObject({ closed: 1 });
    const today = await t.core.call('aging.report', { asOf: '2026-11-22' });
    expect(today.totals.USD?.total).toBe(50_000 + 30_000 + 8_000);
    expect(today.customers.find((c) => c.externalId === 'K1')?.total).toBe(50_000);
    // Closed on the import day: as of the day before, A-1 was still owed.
    const before = await t.core.call('aging.report', { asOf: '2026-11-21' });
    expect(before.customers.find((c) => c.externalId === 'K1')?.total).toBe(100_000 + 200_000);
    // The same snapshot again closes nothing more.
    expect(await run('open-items-2026-11-22.csv', true)).toMatchObject({ closed: 0, created: 0, updated: 0, unchanged: 3 });
  });

  it('snapshot mode is refused for files that are not open invoices', async () => {
    await expect(
      t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-payments.csv'), snapshot: true, preset: 'generic-payments' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('customers file after invoices', () => {
  it('updates names and terms but keeps the currency the invoices gave when the file has none', async () => {
    await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
    writeFileSync(join(t.dir, 'customers.csv'), 'Customer ID,Name,Terms Days\nC-003,Cole Foods GmbH & Co. KG,45\n');
    expect(
      await t.core.call('import.run', { jobId: JOB(), fileId: t.core.stageFile(join(t.dir, 'customers.csv')).fileId, preset: 'generic-customers' }),
    ).toMatchObject({ updated: 1, created: 0 });
    const cole = (await t.core.call('customers.list', { asOf: '2026-11-22' })).find((c) => c.externalId === 'C-003');
    expect(cole).toMatchObject({ name: 'Cole Foods GmbH & Co. KG', currency: 'EUR' });
  });
});

describe('long jobs', () => {
  it('report progress and can be cancelled before anything is written', async () => {
    const events: string[] = [];
    t.core.onEvent((e) => e.type === 'job.progress' && events.push(e.phase));
    const jobId = JOB();
    const pending = t.core.call('import.run', { jobId, fileId: t.stage('erp/open-items-2026-11-20.csv'), snapshot: false });
    expect(await t.core.call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await t.core.call('app.status', {})).invoices).toBe(0);
    await run('open-items-2026-11-20.csv');
    expect(events).toContain('done');
  });
});
