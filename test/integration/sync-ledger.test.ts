import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/open';
import { MIGRATIONS } from '../../electron/db/migrations';
import { writeBatch } from '../../electron/core/ledger/write-batch';
import { emptyBatch, type CreditRecord, type InvoiceRecord, type LedgerBatch, type PaymentRecord } from '../../electron/core/ledger/records';

const key = randomBytes(32);
let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-sync-ledger-'));
  path = join(dir, 'inflow.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const invoice = (patch: Partial<InvoiceRecord> = {}): InvoiceRecord => ({
  row: 0,
  externalId: '7',
  number: 'INV/7',
  customerExternalId: '1',
  customerName: 'Deco Addict',
  issueDate: '2026-10-01',
  dueDate: '2026-10-31',
  currency: 'USD',
  amountMinor: 10_000,
  openMinor: 10_000,
  disputed: false,
  ...patch,
});

it('0008 adds sync cursors and the sync log to a database that has data', async () => {
  const v7 = openDatabase(path, key, MIGRATIONS.slice(0, 7));
  v7.sqlite
    .prepare(`INSERT INTO customers (source, external_id, name, currency, created_at, updated_at) VALUES ('t', 'C1', 'Before Sync', 'USD', 'x', 'x')`)
    .run();
  await v7.close();
  const db = openDatabase(path, key);
  expect(db.sqlite.prepare('SELECT name FROM customers').get()).toEqual({ name: 'Before Sync' });
  expect(db.sqlite.prepare('SELECT count(*) AS n FROM sync_cursors').get()).toEqual({ n: 0 });
  expect(db.sqlite.prepare('SELECT count(*) AS n FROM sync_log').get()).toEqual({ n: 0 });
  await db.close();
});

it('the ERP may set an invoice in transit or give it a payment link, but never clears what is there', async () => {
  const db = openDatabase(path, key);
  const write = (record: InvoiceRecord, today = '2026-11-22') =>
    writeBatch(db.sqlite, { ...emptyBatch('odoo'), invoices: [record] }, today, `${today}T12:00:00Z`);
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

const payment = (patch: Partial<PaymentRecord> = {}): PaymentRecord => ({
  row: 0,
  externalId: 'partial:1',
  customerExternalId: '1',
  date: '2026-10-20',
  currency: 'USD',
  amountMinor: 4_000,
  invoiceNumber: 'INV/7',
  ...patch,
});
const credit = (patch: Partial<CreditRecord> = {}): CreditRecord => ({
  row: 0,
  externalId: '9',
  number: 'RINV/9',
  customerExternalId: '1',
  kind: 'credit_note',
  date: '2026-10-25',
  currency: 'USD',
  amountMinor: 3_000,
  openMinor: 0,
  ...patch,
});
const history = (db: ReturnType<typeof openDatabase>) =>
  db.sqlite.prepare('SELECT kind, applied_date AS date, amount_minor AS amount FROM allocations ORDER BY id').all();

it("a payment that arrives after an earlier read saw its invoice's balance drop replaces the adjustment that read made", async () => {
  const db = openDatabase(path, key);
  const write = (batch: Partial<LedgerBatch>, today: string) => writeBatch(db.sqlite, { ...emptyBatch('odoo'), ...batch }, today, `${today}T12:00:00Z`);
  write({ invoices: [invoice()] }, '2026-10-15');
  // The balance dropped, but its payment was not read with it: an adjustment on the day of the read.
  write({ invoices: [invoice({ openMinor: 6_000 })] }, '2026-10-21');
  expect(history(db)).toEqual([{ kind: 'erp_adjustment', date: '2026-10-21', amount: 4_000 }]);
  // The next read brings the payment with the balance unchanged: dated history takes the adjustment's place.
  write({ invoices: [invoice({ openMinor: 6_000 })], payments: [payment()] }, '2026-10-22');
  expect(history(db)).toEqual([{ kind: 'payment', date: '2026-10-20', amount: 4_000 }]);
  await db.close();
});

it('history read again for a balance that did not move (a rebuilt payment history) adds no adjustment', async () => {
  const db = openDatabase(path, key);
  const write = (batch: Partial<LedgerBatch>, today: string) => writeBatch(db.sqlite, { ...emptyBatch('odoo'), ...batch }, today, `${today}T12:00:00Z`);
  write({ invoices: [invoice({ openMinor: 6_000 })] }, '2026-10-21');
  write({ invoices: [invoice({ openMinor: 6_000 })], payments: [payment()] }, '2026-10-22');
  expect(history(db)).toEqual([{ kind: 'payment', date: '2026-10-20', amount: 4_000 }]);
  // A payment undone in the ERP still raises the balance by an adjustment: the ledger never rewrites payments.
  write({ invoices: [invoice()] }, '2026-10-23');
  expect(history(db)).toEqual([
    { kind: 'payment', date: '2026-10-20', amount: 4_000 },
    { kind: 'erp_adjustment', date: '2026-10-23', amount: -4_000 },
  ]);
  await db.close();
});

it('a credit note applied to an invoice is dated history of both balances, restated as the ERP restates it', async () => {
  const db = openDatabase(path, key);
  const write = (batch: Partial<LedgerBatch>, today: string) => writeBatch(db.sqlite, { ...emptyBatch('odoo'), ...batch }, today, `${today}T12:00:00Z`);
  write({ invoices: [invoice()], credits: [credit({ openMinor: 3_000 })] }, '2026-10-24');
  const apply = (amountMinor: number) => ({ creditExternalId: '9', invoiceNumber: 'INV/7', date: '2026-10-25', amountMinor });
  expect(write({ invoices: [invoice({ openMinor: 7_000 })], credits: [credit()], creditApplications: [apply(3_000)] }, '2026-10-26')).toMatchObject({
    updated: 2,
  });
  expect(history(db)).toEqual([{ kind: 'credit', date: '2026-10-25', amount: 3_000 }]);
  expect(write({ invoices: [invoice({ openMinor: 7_000 })], credits: [credit()], creditApplications: [apply(3_000)] }, '2026-10-27')).toMatchObject({
    updated: 0,
  });
  // Matched again for less in the ERP: the one allocation is restated, the rest of the credit open again.
  write({ invoices: [invoice({ openMinor: 8_000 })], credits: [credit({ openMinor: 1_000 })], creditApplications: [apply(2_000)] }, '2026-10-28');
  expect(history(db)).toEqual([{ kind: 'credit', date: '2026-10-25', amount: 2_000 }]);
  const asOf = (date: string) =>
    db.sqlite
      .prepare(
        `SELECT
      (SELECT open_minor + coalesce((SELECT sum(amount_minor) FROM allocations WHERE invoice_id = i.id AND applied_date > '${date}'), 0) FROM invoices i) AS invoice,
      (SELECT open_minor + coalesce((SELECT sum(amount_minor) FROM allocations WHERE credit_note_id = n.id AND applied_date > '${date}'), 0) FROM credit_notes n) AS credit`,
      )
      .get();
  expect(asOf('2026-10-24')).toEqual({ invoice: 10_000, credit: 3_000 });
  expect(asOf('2026-10-25')).toEqual({ invoice: 8_000, credit: 1_000 });
  await db.close();
});

it('0011 clears the Odoo payment history the old split wrote, and its cursor, so the next sync rebuilds them; other sources keep theirs', async () => {
  // The rows are written by today's ledger writer on today's schema, then the migration's step runs
  // on them: what it deletes does not depend on the columns later migrations added.
  const db = openDatabase(path, key);
  const write = (source: string, batch: Partial<LedgerBatch>) =>
    writeBatch(db.sqlite, { ...emptyBatch(source), ...batch }, '2026-11-22', '2026-11-22T12:00:00Z');
  // The old split: 61.24 paid by an earlier 17.50 and 61.24 "of this payment", which left 17.50 over as a credit.
  write('odoo', {
    invoices: [invoice({ amountMinor: 6_124, openMinor: 0 })],
    payments: [payment({ externalId: '41', amountMinor: 1_750 }), payment({ externalId: '42:7', amountMinor: 6_124 })],
  });
  write('qbo', { invoices: [invoice({ openMinor: 6_000 })], payments: [payment({ externalId: '9:7' })] });
  db.sqlite.prepare("INSERT INTO sync_cursors (connector, cursor, updated_at) VALUES ('odoo', '{}', 'x'), ('qbo', '{}', 'x')").run();
  const rows = (sql: string) => db.sqlite.prepare(sql).all();
  expect(rows("SELECT external_id FROM credit_notes WHERE source = 'odoo'")).toEqual([{ external_id: 'unapplied:42:7' }]);
  db.sqlite.transaction(() => MIGRATIONS.find((migration) => migration.name === 'odoo-payment-history')!.up(db.sqlite))();
  expect(rows('SELECT source, external_id FROM payments')).toEqual([{ source: 'qbo', external_id: '9:7' }]);
  expect(rows('SELECT i.source, a.kind FROM allocations a JOIN invoices i ON i.id = a.invoice_id')).toEqual([{ source: 'qbo', kind: 'payment' }]);
  expect(rows('SELECT source FROM credit_notes')).toEqual([]);
  expect(rows('SELECT connector FROM sync_cursors')).toEqual([{ connector: 'qbo' }]);
  expect(rows('SELECT source, open_minor FROM invoices ORDER BY source')).toEqual([
    { source: 'odoo', open_minor: 0 },
    { source: 'qbo', open_minor: 6_000 },
  ]);
  await db.close();
});
