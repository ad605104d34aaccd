import { afterEach, describe, expect, it } from 'vitest';
import { OdooCompany } from '../helpers/odoo-dataset';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { QboCompany } from '../helpers/qbo-dataset';
import { startQboServer, type QboServer } from '../helpers/qbo-server';
import { FROZEN_NOW, JOB, tempCore, type TempCore } from '../helpers/temp-core';
import { qboConnection } from '../helpers/qbo-fixtures';

/**
 * The aging after every sync is the ERP's own, per customer to the cent: a generated company of a
 * few hundred invoices in every shape (odoo-dataset.ts, qbo-dataset.ts) is synced in full, changed
 * (new invoices and payments, a late match, a void, deletions) and synced again, and each time
 * Inflow's aging is compared with the aging the stand-in computes from its own records.
 */
let t: TempCore | undefined;
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers) await close();
  closers = [];
  await t?.dispose();
  t = undefined;
});

const nonZero = (totals: Map<string, number>) => new Map([...totals].filter(([, total]) => total !== 0).sort(([a], [b]) => a.localeCompare(b)));

async function inflowAging(): Promise<Map<string, number>> {
  const report = await t!.core.call('aging.report', { asOf: FROZEN_NOW.toISOString().slice(0, 10) });
  return nonZero(new Map(report.customers.map((row) => [row.externalId, row.total])));
}

describe('Odoo 17', () => {
  async function odoo(): Promise<{ server: OdooServer; company: OdooCompany }> {
    const server = await startOdooServer();
    closers.push(() => server.close());
    const company = new OdooCompany(server);
    company.generate();
    return { server, company };
  }

  it.each(['jsonrpc', 'json2'] as const)(
    "full, then incremental: aging per customer equals Odoo's aged receivable (%s)",
    { timeout: 60_000 },
    async (protocol) => {
      const { server, company } = await odoo();
      const { store } = server;
      // Every shape is there: part-payments, one payment over three or more invoices, credit notes matched, payments left open, cancelled and $0 invoices.
      const invoices = store.table('account.move').filter((move) => move.move_type === 'out_invoice');
      const partials = store.table('account.partial.reconcile');
      const paymentsOver = (n: number) =>
        store.table('account.payment').filter((payment) => (store.read('account.payment', payment, 'reconciled_invoice_ids') as number[]).length >= n);
      expect(invoices.length).toBeGreaterThanOrEqual(300);
      expect(invoices.filter((move) => move.payment_state === 'partial').length).toBeGreaterThan(20);
      expect(paymentsOver(3).length).toBeGreaterThanOrEqual(5);
      expect(
        partials.filter((p) => store.find('account.move', store.find('account.move.line', p.credit_move_id)!.move_id)!.move_type === 'out_refund').length,
      ).toBeGreaterThan(10);
      expect(store.table('account.payment').filter((payment) => payment.is_reconciled === false).length).toBeGreaterThan(10);
      expect(invoices.filter((move) => move.state === 'cancel').length).toBeGreaterThan(5);
      expect(invoices.filter((move) => move.amount_total === 0).length).toBeGreaterThan(3);

      t = tempCore();
      const key = protocol === 'json2' ? server.apiKey : server.password;
      await t.core.call('sync.connection.save', {
        connector: 'odoo',
        baseUrl: server.url,
        protocol,
        database: server.db,
        login: server.login,
        apiKey: key,
        intervalMinutes: 0,
      });
      await t.core.call('sync.run', { jobId: JOB() });
      expect(await inflowAging()).toEqual(nonZero(server.books.expectedAging()));

      company.change();
      server.calls.length = 0;
      const next = await t.core.call('sync.run', { jobId: JOB() });
      expect(next.closed).toBeGreaterThanOrEqual(1);
      // Incremental: every page of documents was asked for by write_date.
      const pages = server.calls.filter((call) => call.model === 'account.move' && call.method === 'search_read' && call.params.limit);
      expect(pages.every((call) => JSON.stringify(call.params.domain).includes('write_date'))).toBe(true);
      expect(await inflowAging()).toEqual(nonZero(server.books.expectedAging()));
      // Every drop in a balance came with its dated history: the only adjustments are the cancelled
      // invoice's and the rise of the invoice whose payment was cancelled (a payment, once recorded, stays).
      const adjustments = t.query<{ status: string; amount: number }>(
        "SELECT i.status, a.amount_minor AS amount FROM allocations a JOIN invoices i ON i.id = a.invoice_id WHERE kind = 'erp_adjustment'",
      );
      expect(adjustments.filter((row) => row.status !== 'void' && row.amount > 0)).toEqual([]);
      expect(adjustments).toHaveLength(2);
    },
  );
});

describe('QuickBooks Online', () => {
  it("full, then incremental through the change feed: aging per customer equals QuickBooks' own", { timeout: 60_000 }, async () => {
    const server: QboServer = await startQboServer();
    closers.push(() => server.close());
    const company = new QboCompany(server);
    company.generate();
    const rows = (entity: 'Invoice' | 'Payment' | 'CreditMemo') => server.entities.get(entity) ?? [];
    const lines = (row: Record<string, unknown>) => (row.Line ?? []) as { LinkedTxn?: unknown[] }[];
    expect(rows('Invoice').length).toBeGreaterThanOrEqual(300);
    expect(rows('Payment').filter((row) => lines(row).length >= 3).length).toBeGreaterThan(5);
    expect(rows('Invoice').filter((row) => row.TotalAmt === 0 && !String(row.PrivateNote).startsWith('Voided')).length).toBeGreaterThan(3);
    expect(rows('Invoice').filter((row) => String(row.PrivateNote).startsWith('Voided')).length).toBeGreaterThan(5);
    expect(rows('Payment').filter((row) => Number(row.UnappliedAmt) > 0).length).toBeGreaterThan(10);

    server.clock = FROZEN_NOW.getTime();
    t = tempCore();
    await t.core.call('sync.connection.save', qboConnection(server));
    await t.core.call('sync.run', { jobId: JOB() });
    expect(await inflowAging()).toEqual(nonZero(server.expectedAging()));
    const zero = rows('Invoice').find((row) => row.TotalAmt === 0 && !String(row.PrivateNote).startsWith('Voided'))!;
    expect(t.query(`SELECT status FROM invoices WHERE external_id = '${zero.Id}'`)).toEqual([{ status: 'paid' }]);

    company.change();
    server.calls.length = 0;
    await t.core.call('sync.run', { jobId: JOB() });
    expect(server.calls.filter((call) => call.kind === 'cdc')).toHaveLength(1);
    expect(await inflowAging()).toEqual(nonZero(server.expectedAging()));
  });
});
