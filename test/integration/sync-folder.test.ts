import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fixturePath, JOB, tempCore, type TempCore } from '../helpers/temp-core';

let t: TempCore;
let folder: string;

beforeEach(() => {
  t = tempCore();
  folder = join(t.dir, 'exports');
  mkdirSync(folder);
});
afterEach(() => t.dispose());

const watch = (intervalMinutes = 0) => t.core.call('sync.connection.save', { connector: 'folder', folder, mapping: 'generic-invoices', intervalMinutes });
const invoiceCount = () => t.query<{ n: number }>('SELECT count(*) AS n FROM invoices')[0]!.n;

it('imports new and changed exports once each, through the ordinary import, with each result on the sync log', async () => {
  await watch();
  copyFileSync(fixturePath('erp/generic-invoices.csv'), join(folder, 'open-items.csv'));
  const first = await t.core.call('sync.run', { jobId: JOB() });
  expect(first).toMatchObject({ connector: 'folder', pages: 1 });
  expect(first.created).toBeGreaterThan(0);
  const imported = invoiceCount();

  // Same content again, under another name too: nothing new to do.
  copyFileSync(fixturePath('erp/generic-invoices.csv'), join(folder, 'copy.csv'));
  expect(await t.core.call('sync.run', { jobId: JOB() })).toMatchObject({ pages: 0, created: 0 });

  writeFileSync(
    join(folder, 'open-items.csv'),
    'Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Paid Date,Currency,Disputed\n00999,C-001,Acme Tools Ltd,2026-11-01,2026-12-01,10.00,10.00,,USD,no\n',
  );
  expect(await t.core.call('sync.run', { jobId: JOB() })).toMatchObject({ pages: 1, created: 1 });
  expect(invoiceCount()).toBe(imported + 1);

  const { log, lastSyncAt } = await t.core.call('sync.status', {});
  expect(lastSyncAt).not.toBeNull();
  expect(log.map((entry) => [entry.status, entry.message.split(':')[0]])).toEqual([
    ['ok', 'open-items.csv'],
    ['ok', 'open-items.csv'],
  ]);
});

it('a refused file changes nothing, is logged once with its problems, and is tried again only when it changes', async () => {
  await watch();
  writeFileSync(
    join(folder, 'bad.csv'),
    'Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount\n1,C-1,A,2026-01-01,2026-01-31,12.5O\n2,C-1,A,2026-01-01,2026-01-31,10.00\n',
  );
  await t.core.call('sync.run', { jobId: JOB() });
  await t.core.call('sync.run', { jobId: JOB() });
  expect(invoiceCount()).toBe(0);
  const { log } = await t.core.call('sync.status', {});
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ status: 'failed', message: expect.stringMatching(/^bad\.csv: Nothing was imported: 1 problem/) });
});

it('a file whose size and time are unchanged since it was imported is not read again; a touched one is', async () => {
  await watch();
  const path = join(folder, 'open-items.csv');
  const row = (amount: string) =>
    `Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Paid Date,Currency,Disputed\n00999,C-001,Acme Tools Ltd,2026-11-01,2026-12-01,${amount},${amount},,USD,no\n`;
  // Whole seconds, so setting the same time again is exact on every file system.
  const mtime = new Date('2026-11-20T10:00:00Z');
  const atime = mtime;
  writeFileSync(path, row('10.00'));
  utimesSync(path, atime, mtime);
  expect(await t.core.call('sync.run', { jobId: JOB() })).toMatchObject({ pages: 1, created: 1 });
  // Other content of the same size under the same time: the scan trusts size and time and skips it.
  writeFileSync(path, row('20.00'));
  utimesSync(path, atime, mtime);
  expect(await t.core.call('sync.run', { jobId: JOB() })).toMatchObject({ pages: 0, updated: 0 });
  expect(t.query('SELECT open_minor FROM invoices')).toEqual([{ open_minor: 1000 }]);
  // A new time means it may have changed: hashed, found different, imported.
  utimesSync(path, atime, new Date(mtime.getTime() + 60_000));
  expect(await t.core.call('sync.run', { jobId: JOB() })).toMatchObject({ pages: 1, updated: 1 });
  expect(t.query('SELECT open_minor FROM invoices')).toEqual([{ open_minor: 2000 }]);
});

it('a missing folder is a clear failure', async () => {
  await t.core.call('sync.connection.save', { connector: 'folder', folder: join(t.dir, 'nowhere'), mapping: 'generic-invoices', intervalMinutes: 0 });
  await expect(t.core.call('sync.run', { jobId: JOB() })).rejects.toMatchObject({
    code: 'SYNC_FAILED',
    message: expect.stringMatching(/cannot be read: ENOENT/),
  });
});

it('watches the folder: a file dropped in is imported without "Sync now"', { timeout: 20_000 }, async () => {
  await watch(60);
  copyFileSync(fixturePath('erp/generic-invoices.csv'), join(folder, 'dropped.csv'));
  await vi.waitFor(() => expect(invoiceCount()).toBeGreaterThan(0), { timeout: 15_000, interval: 200 });
});
