import { afterEach, describe, expect, it } from 'vitest';
import { chinookQbo } from '../helpers/chinook-qbo';
import { northwindOdoo } from '../helpers/northwind-odoo';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { startQboServer, type QboServer } from '../helpers/qbo-server';
import { FROZEN_NOW, JOB, tempCore, type TempCore } from '../helpers/temp-core';
import { qboConnection } from '../helpers/qbo-fixtures';
import { odooConnection } from '../helpers/odoo-fixtures';

/**
 * The activity statement of books synced from an ERP: a connector keeps each payment as its own
 * unapplied-payment credit (the whole payment, what is unmatched still open) and its matches with
 * invoices as payment parts. On the statement the payment is one line of its full amount, never the
 * credit and its parts again, and opening plus the movements is the closing aging total with no
 * "Other changes recorded by the ERP".
 */
let t: TempCore | undefined;
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers) await close();
  closers = [];
  await t?.dispose();
  t = undefined;
});

const TODAY = FROZEN_NOW.toISOString().slice(0, 10);
const PERIODS: [string, string][] = [
  ['2013-01-01', TODAY],
  ['2013-04-03', '2013-04-30'],
  ['2026-06-01', '2026-08-31'],
  ['2026-09-01', TODAY],
  ['2026-11-01', TODAY],
];

type Line = [string, string, number];
const byLine = (a: Line, b: Line) => a.join('|').localeCompare(b.join('|'));

async function activity(customerId: number, from: string, asOf: string) {
  return (await t!.core.call('documents.statement', { customerId, kind: 'activity', from, asOf })).preview.sections;
}

/** Every customer's statement for each period: no unexplained remainder, and each payment once, in full, on its day. */
async function expectEachPaymentOnce(source: string): Promise<void> {
  const customers = t!.query<{ id: number; name: string }>('SELECT id, name FROM customers ORDER BY id');
  expect(customers.length).toBeGreaterThan(4);
  for (const { id, name } of customers)
    for (const [from, to] of PERIODS) {
      const sections = await activity(id, from, to);
      const lines = sections.flatMap((section) => section.lines);
      expect(
        lines.filter((line) => line.reference === ''),
        `${name} ${from}..${to}`,
      ).toEqual([]);
      const payments = t!.query<{ date: string; number: string; amount: number }>(
        `SELECT issue_date AS date, number, -amount_minor AS amount FROM credit_notes
         WHERE customer_id = ${id} AND source = '${source}' AND kind = 'unapplied_payment' AND amount_minor != 0
           AND issue_date BETWEEN '${from}' AND '${to}'`,
      );
      expect(
        lines
          .filter((line) => line.description.startsWith('Payment'))
          .map((line): Line => [line.date, line.reference, line.amountMinor])
          .sort(byLine),
        `${name} ${from}..${to}`,
      ).toEqual(payments.map((row): Line => [row.date, row.number, row.amount]).sort(byLine));
    }
}

describe('activity statement of synced Odoo books (Northwind)', () => {
  it('shows each payment once with its full amount, and the movements explain the balance', async () => {
    const server: OdooServer = await startOdooServer();
    closers.push(() => server.close());
    const books = northwindOdoo(server);
    t = tempCore();
    await t.core.call('sync.connection.save', odooConnection(server));
    await t.core.call('sync.run', { jobId: JOB() });
    await expectEachPaymentOnce('odoo');

    books.change();
    await t.core.call('sync.run', { jobId: JOB() });
    await expectEachPaymentOnce('odoo');
    // Worked by hand: 814.50 open, the new 59.90, then 74.40 paying it and 14.50 of the older one.
    const alfreds = (await t.core.call('customer.lookup', { externalId: books.ids.get('Alfreds Futterkiste')! })).customerId;
    const [usd] = await activity(alfreds, '2026-11-01', TODAY);
    expect([usd!.openingMinor, usd!.totalMinor]).toEqual([81_450, 80_000]);
    expect(usd!.lines.map((line) => [line.date, line.reference, line.description, line.amountMinor, line.balanceMinor])).toEqual([
      ['2026-11-18', 'INV/2026/10017', 'Invoice', 5_990, 87_440],
      ['2026-11-20', 'PBNK1/2026/10008', 'Payment', -7_440, 80_000],
    ]);
    // A match undone in Odoo: the 150.00 payment in full, the 100.00 it had paid of 10009 apart, taken back on the day it was read.
    const horn = (await t.core.call('customer.lookup', { externalId: books.ids.get('Around the Horn')! })).customerId;
    const [hornUsd] = await activity(horn, '2026-09-01', TODAY);
    expect(hornUsd!.lines.map((line) => [line.date, line.reference, line.description, line.amountMinor, line.balanceMinor])).toEqual([
      ['2026-09-01', 'INV/2026/10008', 'Invoice', 100_000, 100_000],
      ['2026-09-12', 'INV/2026/10009', 'Invoice', 10_000, 110_000],
      ['2026-09-28', 'PBNK1/2026/10004', 'Payment', -15_000, 95_000],
      ['2026-09-28', 'PBNK1/2026/10004', 'Match undone later in the ERP', -10_000, 85_000],
      ['2026-10-01', 'PBNK1/2026/10003', 'Payment', -70_000, 15_000],
      [TODAY, 'INV/2026/10009', 'Adjustment to INV/2026/10009', 10_000, 25_000],
    ]);
  });
});

describe('activity statement of synced QuickBooks books (Chinook)', () => {
  it('shows each payment once with its full amount, and the movements explain the balance', async () => {
    const server: QboServer = await startQboServer();
    closers.push(() => server.close());
    const books = chinookQbo(server);
    server.clock = FROZEN_NOW.getTime();
    t = tempCore();
    await t.core.call('sync.connection.save', qboConnection(server));
    await t.core.call('sync.run', { jobId: JOB() });
    await expectEachPaymentOnce('qbo');

    books.change();
    await t.core.call('sync.run', { jobId: JOB() });
    await expectEachPaymentOnce('qbo');
  });
});
