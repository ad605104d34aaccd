import { afterAll, beforeAll, expect, it } from 'vitest';
import { liveBook, pastBook } from '../../electron/core/ledger/book';
import { readFacts } from '../../electron/core/worklist/worklist-facts';
import { openDatabase, type OpenDatabase } from '../../electron/db/open';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * The queue is built a slice of customer ids at a time; every read behind it (balances, touches,
 * disputes, risk, snoozes, promises, plans, ladder steps) must give each slice exactly its share.
 */
let t: TempCore;
let db: OpenDatabase;
beforeAll(async () => {
  t = tempCore();
  await t.core.call('sample.load', { jobId: JOB() });
  // Commitments on customers in different slices: a promise, a missed plan installment, a dispute.
  const open = t.query<{ customerId: number; invoiceId: number; currency: string }>(
    "SELECT customer_id AS customerId, min(id) AS invoiceId, currency FROM invoices WHERE status = 'open' AND due_date < '2026-11-01' GROUP BY customer_id ORDER BY customer_id",
  );
  const [a, b, c] = [open[2]!, open[Math.floor(open.length / 2)]!, open.at(-2)!];
  await t.core.call('activity.recordPromise', {
    customerId: a.customerId,
    amountMinor: 10_000,
    currency: a.currency,
    promisedDate: '2026-11-28',
    invoiceIds: [a.invoiceId],
  });
  await t.core.call('activity.createPlan', {
    customerId: b.customerId,
    currency: b.currency,
    invoiceIds: [b.invoiceId],
    installments: [
      { dueDate: '2026-11-10', amountMinor: 5_000 },
      { dueDate: '2026-12-10', amountMinor: 5_000 },
    ],
  });
  await t.core.call('activity.openDispute', { customerId: c.customerId, invoiceIds: [c.invoiceId], reasonCode: 'pricing' });
  db = openDatabase(t.dbPath, t.key);
}, 60_000);
afterAll(async () => {
  await db.close();
  await t.dispose();
});

it('reads the same facts for everyone at once as for everyone in slices of ids, and for one customer as its slice does', () => {
  const today = liveBook('2026-11-22');
  const key = (row: { meta: { customerId: number; currency: string } }): string => `${row.meta.customerId}|${row.meta.currency}`;
  const sorted = <T extends { meta: { customerId: number; currency: string } }>(rows: T[]): T[] => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  const everyone = readFacts(db.sqlite, today, {});
  const sliced = [1, 38, 101, 250].flatMap((fromId, k, starts) => readFacts(db.sqlite, today, {}, { fromId, toId: (starts[k + 1] ?? 10_000) - 1 }));
  expect(everyone.length).toBeGreaterThan(100);
  for (const fact of ['promise', 'installmentMissed', 'escalation', 'lastTouch', 'risk'] as const) {
    expect(
      everyone.some((row) => row.facts[fact] !== null),
      fact,
    ).toBe(true);
  }
  expect(sorted(sliced)).toEqual(sorted(everyone));
  const one = everyone.find((row) => row.facts.escalation !== null)!;
  expect(readFacts(db.sqlite, today, {}, one.meta.customerId).find((row) => key(row) === key(one))).toEqual(one);
});

it("slices a past day's book the same way", () => {
  const past = pastBook('2026-09-30');
  const key = (row: { meta: { customerId: number; currency: string } }): string => `${row.meta.customerId}|${row.meta.currency}`;
  const sorted = <T extends { meta: { customerId: number; currency: string } }>(rows: T[]): T[] => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  const everyone = readFacts(db.sqlite, past, {});
  const sliced = [1, 38, 101, 250].flatMap((fromId, k, starts) => readFacts(db.sqlite, past, {}, { fromId, toId: (starts[k + 1] ?? 10_000) - 1 }));
  expect(everyone.length).toBeGreaterThan(50);
  expect(sorted(sliced)).toEqual(sorted(everyone));
});
