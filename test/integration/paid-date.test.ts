import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTLED_DATE_SQL, settledDate } from '../../electron/core/ledger/paid-date';
import { readRiskHistories } from '../../electron/core/risk/read-risk-history';
import { openDatabase, type OpenDatabase } from '../../electron/db/open';

type Allocation = [kind: 'payment' | 'credit' | 'erp_adjustment', date: string, amountMinor: number];
interface Case {
  number: string;
  status: 'open' | 'paid' | 'closed';
  open: number;
  closedDate: string | null;
  allocations: Allocation[];
  settled: string | null;
}

/** A $100 invoice issued 2026-03-01, its balance moved only by the dated allocations listed. */
const CASES: Case[] = [
  {
    number: 'PARTIAL',
    status: 'paid',
    open: 0,
    closedDate: null,
    allocations: [
      ['payment', '2026-03-05', 40_00],
      ['payment', '2026-03-20', 60_00],
    ],
    settled: '2026-03-20',
  },
  {
    number: 'CREDIT-CLOSES',
    status: 'paid',
    open: 0,
    closedDate: null,
    allocations: [
      ['payment', '2026-03-05', 70_00],
      ['credit', '2026-03-12', 30_00],
    ],
    settled: '2026-03-12',
  },
  // The ERP's closed date (its posting day) is later than the payment that brought the balance to zero.
  { number: 'ERP-DATE-LATER', status: 'paid', open: 0, closedDate: '2026-03-31', allocations: [['payment', '2026-03-10', 100_00]], settled: '2026-03-10' },
  {
    number: 'REOPENED-REPAID',
    status: 'paid',
    open: 0,
    closedDate: null,
    allocations: [
      ['payment', '2026-03-10', 100_00],
      ['erp_adjustment', '2026-03-15', -100_00],
      ['payment', '2026-04-02', 100_00],
    ],
    settled: '2026-04-02',
  },
  {
    number: 'REOPENED',
    status: 'open',
    open: 100_00,
    closedDate: null,
    allocations: [
      ['payment', '2026-03-10', 100_00],
      ['erp_adjustment', '2026-03-15', -100_00],
    ],
    settled: null,
  },
  // Reversed and paid again on one day: the balance never left zero, so the day it reached zero stands.
  {
    number: 'SAME-DAY-REVERSAL',
    status: 'paid',
    open: 0,
    closedDate: null,
    allocations: [
      ['payment', '2026-03-10', 100_00],
      ['erp_adjustment', '2026-03-18', -100_00],
      ['payment', '2026-03-18', 100_00],
    ],
    settled: '2026-03-10',
  },
  // Half settled before the first import (undated), the rest later.
  { number: 'HALF-BEFORE-IMPORT', status: 'paid', open: 0, closedDate: null, allocations: [['payment', '2026-04-09', 50_00]], settled: '2026-04-09' },
  { number: 'NO-ALLOCATIONS', status: 'paid', open: 0, closedDate: '2026-03-25', allocations: [], settled: '2026-03-25' },
  { number: 'STILL-OPEN', status: 'open', open: 60_00, closedDate: null, allocations: [['payment', '2026-03-05', 40_00]], settled: null },
];

let dir: string;
let database: OpenDatabase;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-paid-'));
  database = openDatabase(join(dir, 'inflow.db'), randomBytes(32));
  const { sqlite } = database;
  sqlite
    .prepare("INSERT INTO customers (id, source, external_id, name, currency, created_at, updated_at) VALUES (1, 't', 'C1', 'Acme', 'USD', 'x', 'x')")
    .run();
  sqlite
    .prepare(
      "INSERT INTO credit_notes (id, customer_id, source, external_id, number, kind, issue_date, currency, amount_minor, open_minor, created_at, updated_at) VALUES (1, 1, 't', 'CN1', 'CN1', 'credit_note', '2026-03-12', 'USD', 3000, 0, 'x', 'x')",
    )
    .run();
  const invoice =
    sqlite.prepare(`INSERT INTO invoices (customer_id, source, external_id, number, issue_date, due_date, currency, amount_minor, open_minor, status, closed_date, created_at, updated_at)
    VALUES (1, 't', @number, @number, '2026-03-01', '2026-03-31', 'USD', 10000, @open, @status, @closedDate, 'x', 'x')`);
  const allocation = sqlite.prepare(
    "INSERT INTO allocations (invoice_id, credit_note_id, kind, applied_date, amount_minor, created_at) VALUES (?, ?, ?, ?, ?, 'x')",
  );
  for (const c of CASES) {
    const id = Number(invoice.run({ number: c.number, open: c.open, status: c.status, closedDate: c.closedDate }).lastInsertRowid);
    for (const [kind, date, amount] of c.allocations) allocation.run(id, kind === 'credit' ? 1 : null, kind, date, amount);
  }
});
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the settled date', () => {
  it('is the day the balance last reached zero, the ERP closed date only without allocations', () => {
    const rows = database.sqlite.prepare(`SELECT i.number, ${SETTLED_DATE_SQL} AS settled FROM invoices i ORDER BY i.id`).all() as {
      number: string;
      settled: string | null;
    }[];
    expect(rows).toEqual(CASES.map((c) => ({ number: c.number, settled: c.settled })));
  });

  it("is the risk model's paid date too", () => {
    const invoices = readRiskHistories(database.sqlite).get(1)!.invoices;
    const numbers = database.sqlite.prepare('SELECT id, number FROM invoices').all() as { id: number; number: string }[];
    const byId = new Map(numbers.map((n) => [n.id, n.number]));
    expect(invoices.map((i) => ({ number: byId.get(i.id), settled: i.paidDate }))).toEqual(CASES.map((c) => ({ number: c.number, settled: c.settled })));
  });

  it('is the same in SQL and in settledDate for 400 random histories', () => {
    const { sqlite } = database;
    let state = 20_261_201;
    const random = (n: number): number => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state % n;
    };
    const day = (): string => `2026-04-${String(1 + random(28)).padStart(2, '0')}`;
    const invoice =
      sqlite.prepare(`INSERT INTO invoices (customer_id, source, external_id, number, issue_date, due_date, currency, amount_minor, open_minor, status, closed_date, created_at, updated_at)
      VALUES (1, 'r', ?, ?, '2026-04-01', '2026-04-30', 'USD', 10000, ?, 'paid', ?, 'x', 'x')`);
    const allocation = sqlite.prepare("INSERT INTO allocations (invoice_id, kind, applied_date, amount_minor, created_at) VALUES (?, ?, ?, ?, 'x')");
    const ids: number[] = [];
    for (let n = 0; n < 400; n++) {
      const id = Number(invoice.run(`R${n}`, `R${n}`, random(3) === 0 ? random(5_000) : 0, random(2) === 0 ? day() : null).lastInsertRowid);
      ids.push(id);
      for (let k = random(6); k > 0; k--) {
        const reversal = random(4) === 0;
        allocation.run(id, reversal ? 'erp_adjustment' : 'payment', day(), (reversal ? -1 : 1) * (1 + random(10_000)));
      }
    }
    const inSql = sqlite.prepare(`SELECT i.id, ${SETTLED_DATE_SQL} AS settled FROM invoices i WHERE i.source = 'r' ORDER BY i.id`).all() as {
      id: number;
      settled: string | null;
    }[];
    const inJs = ids.map((id) => {
      const row = sqlite.prepare('SELECT open_minor AS openMinor, closed_date AS closedDate FROM invoices WHERE id = ?').get(id) as {
        openMinor: number;
        closedDate: string | null;
      };
      const dated = sqlite.prepare('SELECT applied_date AS date, amount_minor AS amountMinor FROM allocations WHERE invoice_id = ?').all(id) as {
        date: string;
        amountMinor: number;
      }[];
      return { id, settled: settledDate(row.openMinor, row.closedDate, dated) };
    });
    expect(new Set(inSql.map((r) => r.settled)).size).toBeGreaterThan(10);
    expect(inJs).toEqual(inSql);
  });
});
