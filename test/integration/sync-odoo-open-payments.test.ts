import { afterEach, beforeEach, expect, it } from 'vitest';
import { odooConnection, seedOdoo, type SeededOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * What a payment has open can change without the payment or any invoice page saying so: a match
 * undone while the payment stays matched in part changes only its receivable line. Every sync reads
 * the payments the ledger holds open again, so the aging follows.
 */
let server: OdooServer;
let seeded: SeededOdoo;
let t: TempCore;
beforeEach(async () => {
  server = await startOdooServer();
  seeded = seedOdoo(server);
  t = tempCore();
  await t.core.call('sync.connection.save', odooConnection(server));
});
afterEach(async () => {
  await t.dispose();
  await server.close();
});

const open = (name: unknown) => t.query<{ open_minor: number }>(`SELECT open_minor FROM credit_notes WHERE number = '${String(name)}'`)[0]?.open_minor;
async function expectOdooAging(): Promise<void> {
  const report = await t.core.call('aging.report', { asOf: '2026-11-22' });
  expect(new Map(report.customers.map((row) => [row.externalId, row.total]))).toEqual(server.books.expectedAging());
}

it('a match undone on a payment matched in part before and after: the payment has its share open again', async () => {
  const { books } = server;
  const first = books.invoice({ partner: seeded.deco, total: 100, date: '2026-10-02' });
  const second = books.invoice({ partner: seeded.deco, total: 40, date: '2026-10-03' });
  const payment = books.payment({ partner: seeded.deco, date: '2026-10-20', amount: 150 });
  const wrong = books.reconcile(first, payment);
  books.reconcile(second, payment);
  // Later work, so the next sync's overlap (a few seconds before its cursor) does not read these again.
  for (let i = 0; i < 10; i++) server.store.transaction(() => undefined);
  books.reconcile(
    books.invoice({ partner: seeded.azure, total: 5, date: '2026-10-04' }),
    books.payment({ partner: seeded.azure, date: '2026-10-21', amount: 5 }),
  );
  await t.core.call('sync.run', { jobId: JOB() });
  expect(open(payment.name)).toBe(1_000);
  await expectOdooAging();

  const stamped = server.store.find('account.payment', payment.id)!.write_date;
  books.unreconcile(wrong);
  // Matched in part before and after: the payment record itself is not written.
  expect(server.store.find('account.payment', payment.id)!.write_date).toBe(stamped);
  await t.core.call('sync.run', { jobId: JOB() });
  expect(open(payment.name)).toBe(11_000);
  await expectOdooAging();
});
