import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/open';
import { MIGRATIONS } from '../../electron/db/migrations';
import { writeBatch } from '../../electron/core/ledger/write-batch';
import { emptyBatch, type InvoiceRecord } from '../../electron/core/ledger/records';

const key = randomBytes(32);
let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-sync-ledger-'));
  path = join(dir, 'inflow.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const invoice = (patch: Partial<InvoiceRecord> = {}): InvoiceRecord => ({
  row: 0, externalId: '7', number: 'INV/7', customerExternalId: '1', customerName: 'Deco Addict', issueDate: '2026-10-01', dueDate: '2026-10-31',
  currency: 'USD', amountMinor: 10_000, openMinor: 10_000, disputed: false, ...patch,
});

it('0008 adds sync cursors and the sync log to a database that has data', async () => {
  const v7 = openDatabase(path, key, MIGRATIONS.slice(0, 7));
  v7.sqlite.prepare(`INSERT INTO customers (source, external_id, name, currency, created_at, updated_at) VALUES ('t', 'C1', 'Before Sync', 'USD', 'x', 'x')`).run();
  await v7.close();
  const db = openDatabase(path, key);
  expect(db.sqlite.prepare('SELECT name FROM customers').get()).toEqual({ name: 'Before Sync' });
  expect(db.sqlite.prepare('SELECT count(*) AS n FROM sync_cursors').get()).toEqual({ n: 0 });
  expect(db.sqlite.prepare('SELECT count(*) AS n FROM sync_log').get()).toEqual({ n: 0 });
  await db.close();
});

it('the ERP may set an invoice in transit or give it a payment link, but never clears what is there', async () => {
  const db = openDatabase(path, key);
  const write = (record: InvoiceRecord, today = '2026-11-22') => writeBatch(db.sqlite, { ...emptyBatch('odoo'), invoices: [record] }, today, `${today}T12:00:00Z`);
  const row = () => db.sqlite.prepare('SELECT status, open_minor, payment_url, in_transit_since, closed_date FROM invoices').get();
  expect(write(invoice({ paymentUrl: 'https://erp.example/pay/7' }))).toMatchObject({ created: 1 });
  expect(write(invoice())).toMatchObject({ unchanged: 1 });
  expect(row()).toMatchObject({ payment_url: 'https://erp.example/pay/7', in_transit_since: null });
  expect(write(invoice({ inTransit: true }), '2026-11-23')).toMatchObject({ updated: 1 });
  expect(write(invoice({ inTransit: true }), '2026-11-24')).toMatchObject({ unchanged: 1 });
  expect(row()).toMatchObject({ in_transit_since: '2026-11-23' });
  expect(write(invoice({ voided: true, openMinor: 0 }), '2026-11-25')).toMatchObject({ updated: 1 });
  expect(row()).toMatchObject({ status: 'void', open_minor: 0, closed_date: '2026-11-25' });
  await db.close();
});
