import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../electron/db/open';
import { writeBatch } from '../../electron/core/ledger/write-batch';
import { emptyBatch, type InvoiceRecord, type LedgerBatch } from '../../electron/core/ledger/records';

/**
 * A batch at least as large as the ledger (a first import) is written with the secondary indexes
 * dropped and rebuilt once; a smaller one row by row. Both must end in the same database.
 */
const key = randomBytes(32);
let dir: string;
const open: OpenDatabase[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-bulk-'));
});
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function database(name: string): OpenDatabase {
  const db = openDatabase(join(dir, name), key);
  open.push(db);
  return db;
}

const invoice = (n: number): InvoiceRecord => ({
  row: n + 2,
  externalId: `INV-${n}`,
  number: `INV-${n}`,
  customerExternalId: `C${n % 7}`,
  customerName: `Customer ${n % 7}`,
  issueDate: `2026-0${1 + (n % 9)}-1${n % 10}`,
  dueDate: `2026-1${n % 3}-2${n % 8}`,
  currency: n % 5 === 0 ? 'EUR' : 'USD',
  amountMinor: 1_000 + n * 37,
  openMinor: n % 3 === 0 ? 0 : n % 3 === 1 ? 1_000 + n * 37 : 500,
  disputed: n % 11 === 0,
  ...(n % 3 !== 1 ? { paidDate: `2026-1${n % 2}-0${1 + (n % 9)}` } : {}),
});
const batch = (from: number, to: number): LedgerBatch => ({
  ...emptyBatch('generic'),
  invoices: Array.from({ length: to - from }, (_, i) => invoice(from + i)),
});
const write = (db: OpenDatabase, b: LedgerBatch) => writeBatch(db.sqlite, b, '2026-11-22', '2026-11-22T12:00:00Z');

const LEDGER = ['customers', 'invoices', 'payments', 'allocations', 'credit_notes'];
function contents(db: OpenDatabase) {
  const tables = Object.fromEntries(LEDGER.map((table) => [table, db.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all()]));
  const indexes = db.sqlite.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
  return { tables, indexes };
}

it('a first import in one batch ends with the same rows and indexes as the same rows written one batch at a time', () => {
  const bulk = database('bulk.db');
  write(bulk, batch(0, 300));
  const rowByRow = database('rows.db');
  write(rowByRow, batch(0, 1));
  // After the first 51 rows each batch is smaller than the ledger, so written row by row.
  for (let n = 1; n < 300; n += 50) write(rowByRow, batch(n, Math.min(n + 50, 300)));
  const fresh = database('fresh.db');
  expect(contents(bulk)).toEqual(contents(rowByRow));
  expect(contents(bulk).indexes).toEqual(contents(fresh).indexes);
  expect(bulk.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  const plan = bulk.sqlite.prepare("EXPLAIN QUERY PLAN SELECT id FROM invoices WHERE source = 'generic' AND number = 'INV-7'").all() as { detail: string }[];
  expect(plan.map((step) => step.detail)).toEqual(['SEARCH invoices USING COVERING INDEX invoices_number (source=? AND number=?)']);
});

it('a first import that fails leaves no rows and every index in place', () => {
  const db = database('failed.db');
  const before = contents(db);
  const failing: LedgerBatch = {
    ...batch(0, 100),
    payments: [{ row: 200, externalId: 'P1', customerExternalId: 'C1', date: '2026-11-01', currency: 'USD', amountMinor: 100, invoiceNumber: 'NO-SUCH' }],
  };
  expect(() => write(db, failing)).toThrow(/could not be applied/);
  expect(contents(db)).toEqual(before);
});

it('the same first import twice changes nothing the second time', () => {
  const db = database('twice.db');
  write(db, batch(0, 120));
  const once = contents(db);
  expect(write(db, batch(0, 120))).toMatchObject({ created: 0, updated: 0, unchanged: 120, paymentsCreated: 0 });
  expect(contents(db)).toEqual(once);
});

it('an invoice repeated later in a batch (a sync page that saw it change) ends as if written in two batches', () => {
  const first = invoice(1);
  const paidLater: InvoiceRecord = { ...first, row: 400, openMinor: 0, paidDate: '2026-11-20' };
  const together = database('together.db');
  // Over 64 rows in between, so the new rows are written in full statements before the repeat is looked up.
  write(together, { ...emptyBatch('generic'), invoices: [first, ...batch(2, 100).invoices, paidLater] });
  const apart = database('apart.db');
  write(apart, { ...emptyBatch('generic'), invoices: [first, ...batch(2, 100).invoices] });
  write(apart, { ...emptyBatch('generic'), invoices: [paidLater] });
  const ledger = (db: OpenDatabase) => contents(db).tables;
  expect(ledger(together)).toEqual(ledger(apart));
  const settled = together.sqlite
    .prepare(
      "SELECT i.status, p.received_date AS paid FROM invoices i JOIN allocations a ON a.invoice_id = i.id JOIN payments p ON p.id = a.payment_id WHERE i.external_id = 'INV-1'",
    )
    .all();
  expect(settled).toEqual([{ status: 'paid', paid: '2026-11-20' }]);
});
