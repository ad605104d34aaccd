import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGING_SQL, agingParameters, agingReport } from '../../electron/core/ledger/aging-query';
import { ageItems, type AgingItem } from '../../electron/core/ledger/aging';
import { openDatabase, type OpenDatabase } from '../../electron/db/open';
import { DEFAULT_AGING_EDGES, type AgingEdges } from '../../shared/aging';
import { tempCore, type TempCore } from '../helpers/temp-core';
import { addDays } from '../../shared/dates';

/**
 * The SQL aging report against a plain reading of the ledger's definition, item by item in
 * JavaScript: every non-void invoice and every credit issued by the date, its balance then being
 * today's open balance plus what was applied to it after the date. The sample book has partial
 * payments, credits and settlements on many dates, so past dates bring settled items back.
 */
function reference(database: OpenDatabase, asOf: string, edges: AgingEdges) {
  const customers = new Map(
    (database.sqlite.prepare('SELECT id, external_id AS externalId, name FROM customers').all() as { id: number; externalId: string; name: string }[]).map(
      (c) => [c.id, c],
    ),
  );
  const allocations = database.sqlite
    .prepare('SELECT invoice_id AS invoiceId, credit_note_id AS creditId, applied_date AS date, amount_minor AS amount FROM allocations')
    .all() as { invoiceId: number; creditId: number | null; date: string; amount: number }[];
  const after = { invoiceId: new Map<number, number>(), creditId: new Map<number, number>() };
  for (const a of allocations.filter((a) => a.date > asOf)) {
    after.invoiceId.set(a.invoiceId, (after.invoiceId.get(a.invoiceId) ?? 0) + a.amount);
    if (a.creditId !== null) after.creditId.set(a.creditId, (after.creditId.get(a.creditId) ?? 0) + a.amount);
  }
  const later = (key: 'invoiceId' | 'creditId', id: number) => after[key].get(id) ?? 0;
  // What a payment received by the date paid on an invoice issued or settled with it only after it: credit then.
  const ahead = database.sqlite
    .prepare(
      `SELECT p.customer_id AS customerId, p.currency, p.received_date AS date, a.amount_minor AS amount FROM allocations a
       JOIN payments p ON p.id = a.payment_id JOIN invoices i ON i.id = a.invoice_id
       WHERE i.status != 'void' AND p.received_date <= @asOf AND (i.issue_date > @asOf OR a.applied_date > @asOf)`,
    )
    .all({ asOf }) as { customerId: number; currency: string; date: string; amount: number }[];
  const item = (customerId: number, currency: string, dueDate: string, balanceMinor: number, credit: 0 | 1 = 0): AgingItem => ({
    customerId,
    ...customers.get(customerId)!,
    currency,
    dueDate,
    balanceMinor,
    credit,
  });
  const invoices = database.sqlite
    .prepare("SELECT id, customer_id AS customerId, currency, due_date AS dueDate, open_minor AS open FROM invoices WHERE status != 'void' AND issue_date <= ?")
    .all(asOf) as { id: number; customerId: number; currency: string; dueDate: string; open: number }[];
  const credits = database.sqlite
    .prepare('SELECT id, customer_id AS customerId, currency, issue_date AS date, open_minor AS open FROM credit_notes WHERE issue_date <= ?')
    .all(asOf) as { id: number; customerId: number; currency: string; date: string; open: number }[];
  return ageItems(
    [
      ...invoices.map((i) => item(i.customerId, i.currency, i.dueDate, i.open + later('invoiceId', i.id))),
      ...credits.map((n) => item(n.customerId, n.currency, n.date, -(n.open + later('creditId', n.id)), 1)),
      ...ahead.map((p) => item(p.customerId, p.currency, p.date, -p.amount, 1)),
    ],
    asOf,
    edges,
  );
}

let t: TempCore;
let database: OpenDatabase;
beforeAll(async () => {
  t = tempCore();
  await t.core.call('sample.load', {});
  database = openDatabase(t.dbPath, t.key);
  // Payments made ahead: half of four invoices issued in October 2026 paid 40 days before,
  // one of them applied only 20 days after the invoice: credit on 2026-08-31 and 2026-09-30.
  const invoices = database.sqlite
    .prepare(
      "SELECT id, customer_id, currency, issue_date, open_minor FROM invoices WHERE status = 'open' AND issue_date BETWEEN '2026-10-01' AND '2026-10-25' ORDER BY id LIMIT 4",
    )
    .all() as { id: number; customer_id: number; currency: string; issue_date: string; open_minor: number }[];
  invoices.forEach((invoice, n) => {
    const paid = addDays(invoice.issue_date, -40);
    const part = Math.floor(invoice.open_minor / 2);
    const payment = database.sqlite
      .prepare(
        "INSERT INTO payments (customer_id, source, external_id, received_date, currency, amount_minor, created_at) VALUES (?, 'sample', ?, ?, ?, ?, '')",
      )
      .run(invoice.customer_id, `ahead-${n}`, paid, invoice.currency, part).lastInsertRowid;
    database.sqlite
      .prepare("INSERT INTO allocations (invoice_id, payment_id, kind, applied_date, amount_minor, created_at) VALUES (?, ?, 'payment', ?, ?, '')")
      .run(invoice.id, payment, n === 3 ? addDays(invoice.issue_date, 20) : paid, part);
    database.sqlite.prepare('UPDATE invoices SET open_minor = open_minor - ? WHERE id = ?').run(part, invoice.id);
  });
  expect(invoices).toHaveLength(4);
});
afterAll(async () => {
  await database.close();
  await t.dispose();
});

describe('aging as of a date in SQL', () => {
  it.each(['2026-11-22', '2026-09-30', '2026-08-31', '2026-03-31', '2025-12-31', '2030-01-01'])('equals the item-by-item definition as of %s', (asOf) => {
    const report = agingReport(database.sqlite, asOf, DEFAULT_AGING_EDGES);
    expect(report.customers.length).toBeGreaterThan(0);
    expect(report).toEqual(reference(database, asOf, DEFAULT_AGING_EDGES));
  });

  it('follows the bucket edges setting', () => {
    const edges: AgingEdges = [15, 30, 45, 60];
    const report = agingReport(database.sqlite, '2026-10-31', edges);
    expect(report.totals).toEqual(reference(database, '2026-10-31', edges).totals);
    expect(report.totals).not.toEqual(agingReport(database.sqlite, '2026-10-31', DEFAULT_AGING_EDGES).totals);
  });

  it('one customer alone matches its row in the whole book, with a payment made ahead', () => {
    const customerId = (database.sqlite.prepare("SELECT customer_id AS id FROM payments WHERE external_id = 'ahead-0'").get() as { id: number }).id;
    const whole = agingReport(database.sqlite, '2026-09-30', DEFAULT_AGING_EDGES);
    expect(whole.customers.find((c) => c.customerId === customerId)!.credits).toBeLessThan(0);
    expect(agingReport(database.sqlite, '2026-09-30', DEFAULT_AGING_EDGES, customerId).customers).toEqual(
      whole.customers.filter((c) => c.customerId === customerId),
    );
  });

  it('one customer alone matches its row in the whole book', () => {
    const whole = agingReport(database.sqlite, '2026-06-30', DEFAULT_AGING_EDGES);
    const row = whole.customers[3]!;
    expect(agingReport(database.sqlite, '2026-06-30', DEFAULT_AGING_EDGES, row.customerId).customers).toEqual(
      whole.customers.filter((c) => c.customerId === row.customerId),
    );
  });

  it('reads open invoices from their index and allocations by date, never every invoice', () => {
    const plan = (
      database.sqlite.prepare(`EXPLAIN QUERY PLAN ${AGING_SQL}`).all(agingParameters('2026-11-22', DEFAULT_AGING_EDGES)) as { detail: string }[]
    ).map((step) => step.detail);
    expect(plan).toContain('SEARCH i USING INDEX invoices_open_aging (issue_date<?)');
    expect(plan.filter((step) => step.startsWith('SEARCH allocations'))).toEqual([
      'SEARCH allocations USING COVERING INDEX allocations_applied (applied_date>?)',
      'SEARCH allocations USING COVERING INDEX allocations_applied (applied_date>?)',
    ]);
    expect(plan.filter((step) => /^SCAN (i|invoices|allocations)\b/.test(step))).toEqual([]);
    // What was paid ahead of the day: read from the few allocations that can ever be ahead, the list
    // the triggers keep (migration 0025), each by its key; never every allocation or invoice.
    expect(plan).toContain('SCAN e');
    expect(plan).toContain('SEARCH a USING INTEGER PRIMARY KEY (rowid=?)');
    expect(plan.filter((step) => /^SCAN (a|d|i|p)\b/.test(step))).toEqual([]);
  });
});
