import { afterEach, describe, expect, it } from 'vitest';
import { agedReceivableOn } from '../helpers/odoo-aged-on';
import { invoice, odooConnection, seedOdoo } from '../helpers/odoo-fixtures';
import { northwindOdoo } from '../helpers/northwind-odoo';
import { addDays } from '../../shared/dates';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * A payment made before the invoice it is later matched with (an advance): on a day in between the
 * money is in hand and the invoice does not exist yet, so the book at the end of that day holds the
 * payment as unapplied credit, as an ERP's aged receivable does. Checked through the Odoo stand-in
 * against Odoo's aged receivable on each day, and through a generic CSV import against figures
 * worked out by hand; and on every screen that shows a past day's credits.
 */
let t: TempCore | undefined;
let server: OdooServer | undefined;
afterEach(async () => {
  await t?.dispose();
  await server?.close();
  t = server = undefined;
});

const agingOn = async (asOf: string) => new Map((await t!.core.call('aging.report', { asOf })).customers.map((row) => [row.externalId, row.total]));
const idOf = async (externalId: string) => (await t!.core.call('customer.lookup', { externalId })).customerId;

/** The balances a past day's screens show for one customer: aging, Customers, its page, its statements, the queue. */
async function screensOn(asOf: string, externalId: string) {
  const customerId = await idOf(externalId);
  const aging = (await t!.core.call('aging.report', { asOf })).customers.find((row) => row.externalId === externalId);
  const listed = (await t!.core.call('customers.list', { asOf })).find((row) => row.externalId === externalId);
  const page = await t!.core.call('customer.summary', { customerId, asOf });
  const statement = (await t!.core.call('documents.statement', { customerId, asOf })).preview.sections;
  return {
    aging: [aging?.total, aging?.credits],
    list: [listed?.openMinor, listed?.creditsMinor],
    page: [page.openMinor, page.creditsMinor],
    statement: statement.map((section) => section.totalMinor),
  };
}

describe('advance payments as of a day before their invoice (Odoo)', () => {
  it("every customer's aging equals Odoo's aged receivable on each day, to the cent", async () => {
    server = await startOdooServer();
    const seeded = seedOdoo(server);
    const { books } = server;
    // Deco Addict pays 80.00 on 10-03 for an invoice issued on 10-10; Azure Interior pays 120.00 on 09-29, 100.00 of it for an invoice of 10-12.
    const decoAdvance = books.payment({ name: 'PBNK1/2026/00010', partner: seeded.deco, amount: 80, date: '2026-10-03' });
    books.reconcile(invoice(server, { name: 'INV/2026/00006', partner: seeded.deco, total: 250, date: '2026-10-10', due: '2026-11-09' }), decoAdvance);
    const azureAdvance = books.payment({ name: 'PBNK1/2026/00011', partner: seeded.azure, amount: 120, date: '2026-09-29' });
    books.reconcile(invoice(server, { name: 'INV/2026/00007', partner: seeded.azure, total: 100, date: '2026-10-12', due: '2026-11-11' }), azureAdvance);

    t = tempCore();
    await t.core.call('sync.connection.save', odooConnection(server));
    await t.core.call('sync.run', { jobId: JOB() });

    const deco = String(seeded.deco.id);
    const azure = String(seeded.azure.id);
    // Worked by hand: 1,000.00 + 0.30 − the 100.00 credit note − the 80.00 paid ahead; Azure: the 120.00 paid ahead alone.
    expect(agedReceivableOn(server.store, '2026-10-05').get(deco)).toBe(82_030);
    expect(agedReceivableOn(server.store, '2026-09-30').get(azure)).toBe(-12_000);
    for (const day of [
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-02',
      '2026-10-03',
      '2026-10-05',
      '2026-10-10',
      '2026-10-11',
      '2026-10-12',
      '2026-11-22',
    ])
      expect(await agingOn(day), day).toEqual(agedReceivableOn(server.store, day));

    // The same figures on every screen that reads a past day's credits.
    expect(await screensOn('2026-10-05', deco)).toEqual({
      aging: [82_030, -18_000],
      list: [82_030, -18_000],
      page: [82_030, -18_000],
      statement: [82_030],
    });
    const statement = await t.core.call('documents.statement', { customerId: await idOf(deco), asOf: '2026-10-05' });
    expect(statement.preview.sections[0]!.lines.map((line) => [line.reference, line.amountMinor, line.balanceMinor])).toEqual([
      ['INV/2026/00001', 100_000, 100_000],
      ['INV/2026/00002', 30, 30],
      ['RINV/2026/00001', -10_000, -10_000],
      ['PBNK1/2026/00010', -8_000, -8_000],
    ]);
    // The month-end trend reads the same history: Azure's 120.00 at the end of September.
    const trend = await t.core.call('analytics.trend', { asOf: '2026-11-22', months: 3 });
    const september = trend.points.find((point) => point.asOf === '2026-09-30' && point.currency === 'USD');
    expect(september?.aging.total).toBe((await t.core.call('aging.report', { asOf: '2026-09-30' })).totals.USD?.total);
    expect(september?.aging.credits).toBe(-12_000);
  });
});

describe("Odoo's aged receivable on every day of fresh books (Northwind)", () => {
  it('after a full sync, each day a line is dated and the day before, every customer to the cent', async () => {
    server = await startOdooServer();
    northwindOdoo(server);
    t = tempCore();
    await t.core.call('sync.connection.save', odooConnection(server));
    await t.core.call('sync.run', { jobId: JOB() });
    const days = [...new Set(server.store.table('account.move.line').map((line) => String(line.date)))].sort().flatMap((day) => [addDays(day, -1), day]);
    for (const day of days) expect(await agingOn(day), day).toEqual(agedReceivableOn(server.store, day));
  });
});

describe('advance payments as of a day before their invoice (generic CSV)', () => {
  it('the payment is credit until its invoice is issued, on every screen, and the activity statement adds up', async () => {
    t = tempCore();
    const run = (preset: string, name: string, rows: string[]) =>
      t!.core.call('import.run', { jobId: JOB(), preset, fileId: t!.stageText(name, rows.join('\n')) });
    await run('generic-customers', 'c.csv', ['Customer ID,Name,Currency', 'G-1,Gadsby Tools,USD']);
    await run('generic-invoices', 'i.csv', [
      'Invoice Number,Customer ID,Issue Date,Due Date,Amount,Open Balance,Currency',
      'G-OLD,G-1,2026-09-01,2026-09-15,500.00,500.00,USD',
      'G-NEW,G-1,2026-10-10,2026-11-09,250.00,250.00,USD',
    ]);
    // 100.00 on 10-03 and 300.00 on 10-04, both for G-NEW (issued 10-10): 100.00 and 150.00 applied, 150.00 left on account.
    await run('generic-payments', 'p.csv', [
      'Payment ID,Customer ID,Date,Amount,Invoice Number,Currency',
      'PAY-1,G-1,2026-10-03,100.00,G-NEW,USD',
      'PAY-2,G-1,2026-10-04,300.00,G-NEW,USD',
    ]);
    // Worked by hand, per day: 500.00 owed; then less 100.00, less 300.00 more in hand; from 10-10 G-NEW paid and 150.00 left on account.
    const hand: [string, number][] = [
      ['2026-10-02', 50_000],
      ['2026-10-03', 40_000],
      ['2026-10-05', 10_000],
      ['2026-10-10', 35_000],
      ['2026-11-22', 35_000],
    ];
    for (const [day, total] of hand) expect((await agingOn(day)).get('G-1'), day).toBe(total);
    expect(await screensOn('2026-10-05', 'G-1')).toEqual({ aging: [10_000, -40_000], list: [10_000, -40_000], page: [10_000, -40_000], statement: [10_000] });
    // The queue of that day nets the same credit against what is overdue.
    const queue = (await t.core.call('worklist.list', { asOf: '2026-10-05', limit: 1000 })).rows;
    expect(queue.filter((row) => row.externalId === 'G-1').map((row) => [row.openMinor, row.overdueMinor])).toEqual([[10_000, 10_000]]);

    // Opening (end of 10-02) plus each movement is the closing aging total, with no unexplained remainder.
    const customerId = await idOf('G-1');
    const activity = await t.core.call('documents.statement', { customerId, kind: 'activity', from: '2026-10-03', asOf: '2026-10-05' });
    expect(activity.preview.sections.map((section) => [section.openingMinor, section.totalMinor])).toEqual([[50_000, 10_000]]);
    expect(activity.preview.sections[0]!.lines.map((line) => [line.date, line.description, line.amountMinor])).toEqual([
      ['2026-10-03', 'Payment', -10_000],
      ['2026-10-04', 'Payment on account', -15_000],
      ['2026-10-04', 'Payment', -15_000],
    ]);
  });
});
