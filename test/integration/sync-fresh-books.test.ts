import { afterEach, describe, expect, it } from 'vitest';
import { CHINOOK_CHANGED, CHINOOK_FULL, chinookQbo } from '../helpers/chinook-qbo';
import { NORTHWIND_CHANGED, NORTHWIND_FULL, northwindOdoo } from '../helpers/northwind-odoo';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { startQboServer, type QboServer } from '../helpers/qbo-server';
import { FROZEN_NOW, JOB, tempCore, type TempCore } from '../helpers/temp-core';
import { qboConnection } from '../helpers/qbo-fixtures';
import { odooConnection } from '../helpers/odoo-fixtures';

/**
 * The issue-18 check on books the other tests have not seen (northwind-odoo.ts, chinook-qbo.ts):
 * after a full sync and after an incremental one, Inflow's aging per customer equals, to the cent,
 * both the balances worked out by hand and the aged receivable the stand-in computes from its records.
 */
let t: TempCore | undefined;
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers) await close();
  closers = [];
  await t?.dispose();
  t = undefined;
});

const sorted = (totals: Map<string, number>) => new Map([...totals].filter(([, total]) => total !== 0).sort(([a], [b]) => a.localeCompare(b)));
const byId = (figures: Record<string, number>, ids: Map<string, string>) =>
  sorted(new Map(Object.entries(figures).map(([name, total]) => [ids.get(name)!, total])));

async function inflowAging(asOf = FROZEN_NOW.toISOString().slice(0, 10)): Promise<Map<string, number>> {
  const report = await t!.core.call('aging.report', { asOf });
  return sorted(new Map(report.customers.map((row) => [row.externalId, row.total])));
}
/** One customer's aging on an earlier day: the history each payment and credit note was written with, read back. */
const onDay = async (asOf: string, externalId: string) => (await inflowAging(asOf)).get(externalId) ?? 0;

describe('fresh Odoo books (Northwind)', () => {
  it.each(['jsonrpc', 'json2'] as const)('full, then incremental: every customer to the cent (%s)', async (protocol) => {
    const server: OdooServer = await startOdooServer();
    closers.push(() => server.close());
    const books = northwindOdoo(server);
    expect(sorted(server.books.expectedAging()), 'the stand-in keeps these books as worked out by hand').toEqual(byId(NORTHWIND_FULL, books.ids));

    t = tempCore();
    await t.core.call('sync.connection.save', odooConnection(server, protocol));
    await t.core.call('sync.run', { jobId: JOB() });
    expect(await inflowAging()).toEqual(byId(NORTHWIND_FULL, books.ids));
    // The seen case, split as Odoo matched it, and no phantom credit from it.
    expect(
      t.query(
        "SELECT i.number, a.applied_date, a.amount_minor FROM allocations a JOIN invoices i ON i.id = a.invoice_id WHERE i.number LIKE 'INV/2013/%' ORDER BY a.id",
      ),
    ).toEqual(books.seenSplit.map(([number, date, amount]) => ({ number, applied_date: date, amount_minor: amount })));
    // Odoo's aged receivable on those days (each match counts from its max_date): before 17.50, between it and 89.18.
    const id = (name: string) => books.ids.get(name)!;
    expect([await onDay('2013-04-01', id('Alfreds Futterkiste')), await onDay('2013-04-03', id('Alfreds Futterkiste'))]).toEqual([10_668, 8_918]);
    // 1,250.00 less the 200.00 credit note matched on 06-25, the 600.00 payment of 07-05 not yet made.
    expect(await onDay('2026-06-30', id('Antonio Moreno Taquería'))).toBe(105_000);
    // 500.00 less the 50.00 credit note of 05-10; the 100.00 of 05-15 not yet paid.
    expect(await onDay('2026-05-12', id('Blauer See Delikatessen'))).toBe(45_000);
    expect(t.query("SELECT number, open_minor FROM credit_notes WHERE number LIKE 'PBNK1/2013/%' ORDER BY number")).toEqual([
      { number: 'PBNK1/2013/02301', open_minor: 0 },
      { number: 'PBNK1/2013/02388', open_minor: 0 },
    ]);

    books.change();
    expect(sorted(server.books.expectedAging())).toEqual(byId(NORTHWIND_CHANGED, books.ids));
    server.calls.length = 0;
    await t.core.call('sync.run', { jobId: JOB() });
    const pages = server.calls.filter((call) => call.model === 'account.move' && call.method === 'search_read' && call.params.limit);
    expect(pages.every((call) => JSON.stringify(call.params.domain).includes('write_date'))).toBe(true);
    expect(await inflowAging()).toEqual(byId(NORTHWIND_CHANGED, books.ids));
  });
});

describe('fresh QuickBooks books (Chinook)', () => {
  it('full, then incremental through the change feed, with the desk clock an hour fast: every customer to the cent', async () => {
    const server: QboServer = await startQboServer();
    closers.push(() => server.close());
    const books = chinookQbo(server);
    expect(sorted(server.expectedAging()), 'the stand-in keeps these books as worked out by hand').toEqual(byId(CHINOOK_FULL, books.ids));

    server.clock = FROZEN_NOW.getTime();
    t = tempCore(() => new Date(FROZEN_NOW.getTime() + 3_600_000));
    await t.core.call('sync.connection.save', qboConnection(server));
    await t.core.call('sync.run', { jobId: JOB() });
    expect(await inflowAging()).toEqual(byId(CHINOOK_FULL, books.ids));
    const status = (row: { Id: string }) =>
      t!.query<{ status: string }>(`SELECT status FROM invoices WHERE source = 'qbo' AND external_id = '${row.Id}'`)[0]?.status;
    expect([status(books.genuineZero), status(books.voided)]).toEqual(['paid', 'void']);
    const luis = books.ids.get('Luís Gonçalves')!;
    expect([await onDay('2013-04-01', luis), await onDay('2013-04-03', luis)]).toEqual([10_668, 8_918]);

    books.change();
    expect(sorted(server.expectedAging())).toEqual(byId(CHINOOK_CHANGED, books.ids));
    server.calls.length = 0;
    await t.core.call('sync.run', { jobId: JOB() });
    expect(server.calls.filter((call) => call.kind === 'cdc')).toHaveLength(1);
    expect(server.calls.filter((call) => call.kind === 'query' && !/ Id IN /.test(call.query ?? ''))).toEqual([]);
    expect(await inflowAging()).toEqual(byId(CHINOOK_CHANGED, books.ids));
    expect(t.query("SELECT number, status FROM invoices WHERE source = 'qbo' AND number IN ('2008', '2009', '2010', '2012') ORDER BY number")).toEqual([
      { number: '2008', status: 'void' },
      { number: '2009', status: 'paid' },
      { number: '2010', status: 'void' },
      { number: '2012', status: expect.stringMatching(/^(closed|void)$/) },
    ]);
  });
});
