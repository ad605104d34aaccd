import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chargesCommand } from '../../electron/hosts/cli-charges';
import { CHARGE_REF_PREFIX } from '../../shared/charges';
import { odooConnection, seedOdoo, type SeededOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { seedQbo } from '../helpers/qbo-fixtures';
import { startQboServer, type QboServer } from '../helpers/qbo-server';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * Late-payment charges invoiced in the ERP on the collector's explicit action, against the Odoo and
 * QuickBooks stand-ins: one invoice per push whatever the retries (a lost answer, offline), recorded
 * with the ERP's id, and left out of the ledger when the sync brings it back.
 */
let t: TempCore;
const AS_OF = '2026-11-30';
const POLICY = { id: 'contract', name: 'Contract', segments: [], kind: 'contractual' as const, rateBp: 150, ratePer: 'month' as const, fixedFeeMinor: 4_000 };

beforeEach(() => {
  t = tempCore();
});
afterEach(() => t.dispose());

const customerId = (externalId: string) => t.query<{ id: number }>(`SELECT id FROM customers WHERE external_id = '${externalId}'`)[0]!.id;
const invoiceCount = () => t.query<{ n: number }>('SELECT count(*) AS n FROM invoices')[0]!.n;
async function due(id: number, asOf = AS_OF): Promise<number> {
  const report = await t.core.call('charges.report', { asOf, customerId: id });
  return report.customers.reduce((sum, c) => sum + c.interest + c.fixedFees - c.waived, 0);
}
async function agingTotals(): Promise<Map<string, number>> {
  const report = await t.core.call('aging.report', { asOf: AS_OF });
  return new Map(report.customers.map((row) => [row.externalId, row.total]));
}

describe('Odoo: account.move create, found again by its ref', () => {
  let server: OdooServer;
  let seeded: SeededOdoo;
  beforeEach(async () => {
    server = await startOdooServer();
    seeded = seedOdoo(server);
    await t.core.call('sync.connection.save', odooConnection(server));
    await t.core.call('sync.run', { jobId: JOB() });
    await t.core.call('charges.savePolicies', { policies: [POLICY] });
  });
  afterEach(() => server.close());
  const chargeMoves = () => server.store.table('account.move').filter((move) => typeof move.ref === 'string' && move.ref.startsWith(CHARGE_REF_PREFIX));

  it('pushes the charges as one posted invoice, records its id, and the sync brings it back without aging or charging it', async () => {
    const deco = customerId(String(seeded.deco.id));
    const total = await due(deco);
    const agingBefore = await agingTotals();
    const invoicesBefore = invoiceCount();

    const result = await t.core.call('charges.push', { customerId: deco, asOf: AS_OF });
    expect(result.created).toBe(1);
    const [push] = result.pushes;
    expect(push).toMatchObject({ connector: 'odoo', currency: 'USD', totalMinor: total, lastError: null, pushedAt: expect.any(String) });
    expect(push!.ref).toMatch(/^INFLOW-CHG-[0-9A-F]{10}$/);
    const [move] = chargeMoves();
    expect(chargeMoves()).toHaveLength(1);
    expect(move).toMatchObject({ ref: push!.ref, move_type: 'out_invoice', state: 'posted', partner_id: seeded.deco.id, invoice_date: AS_OF });
    expect(push).toMatchObject({ erpId: String(move!.id), erpNumber: move!.name });
    expect(Math.round(Number(move!.amount_total) * 100)).toBe(total);
    // Interest and a fixed fee per overdue invoice, each its own line.
    expect(push!.lines.map((l) => `${l.number} ${l.component}`).sort()).toEqual([
      'INV/2026/00001 fixed_fee',
      'INV/2026/00001 interest',
      'INV/2026/00002 fixed_fee',
    ]);

    // Asked again: nothing new to invoice.
    expect((await t.core.call('charges.push', { customerId: deco, asOf: AS_OF })).created).toBe(0);
    expect(chargeMoves()).toHaveLength(1);

    // Back through the sync: not an invoice of the ledger, so neither aged nor charged.
    await t.core.call('sync.run', { jobId: JOB() });
    expect(invoiceCount()).toBe(invoicesBefore);
    expect(await agingTotals()).toEqual(agingBefore);
    expect(await due(deco)).toBe(total);
    const odooAging = server.books.expectedAging();
    expect(odooAging.get(String(seeded.deco.id))! - agingBefore.get(String(seeded.deco.id))!).toBe(total);

    // A charge billed in the ERP is credited there, not waived here.
    await expect(
      t.core.call('charges.waive', { invoiceId: push!.lines[0]!.invoiceId, component: push!.lines[0]!.component, reason: 'goodwill' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(move!.name as string) });
  });

  it('`charges push --json` from the command line prints the documented shape', async () => {
    const printed = JSON.parse(await chargesCommand(t.core, 'push', { json: true, customer: String(seeded.deco.id), 'as-of': AS_OF }, AS_OF)) as Record<
      string,
      unknown
    >;
    const [move] = chargeMoves();
    expect(printed).toEqual({
      created: 1,
      pushes: [
        {
          ref: move!.ref,
          connector: 'odoo',
          currency: 'USD',
          asOf: AS_OF,
          total: Math.round(Number(move!.amount_total) * 100),
          pushedAt: expect.any(String),
          erpId: String(move!.id),
          erpNumber: move!.name,
          lastError: null,
          lines: expect.arrayContaining([{ number: 'INV/2026/00001', component: 'interest', amount: expect.any(Number) }]),
        },
      ],
    });
    await expect(chargesCommand(t.core, 'send', { json: true }, AS_OF)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('later pushes invoice only the interest accrued since, and nothing waived', async () => {
    const deco = customerId(String(seeded.deco.id));
    const first = (await t.core.call('charges.push', { customerId: deco, asOf: AS_OF })).pushes[0]!;
    const later = '2026-12-31';
    const report = await t.core.call('charges.report', { asOf: later, customerId: deco });
    const interestThen = report.customers[0]!.invoices.find((i) => i.number === 'INV/2026/00001')!.interest;
    // The tiny invoice's interest (a cent by then, none at the first push) is waived: it is never invoiced.
    const tiny = report.customers[0]!.invoices.find((i) => i.number === 'INV/2026/00002')!;
    expect(tiny.interest).toBeGreaterThan(0);
    await t.core.call('charges.waive', { invoiceId: tiny.invoiceId, component: 'interest', reason: 'too small to bill' });
    const second = await t.core.call('charges.push', { customerId: deco, asOf: later });
    expect(second.created).toBe(1);
    const pushedBefore = first.lines.find((l) => l.number === 'INV/2026/00001' && l.component === 'interest')!.amountMinor;
    expect(second.pushes[0]!.lines).toEqual([
      { invoiceId: expect.any(Number), number: 'INV/2026/00001', component: 'interest', amountMinor: interestThen - pushedBefore },
    ]);
    expect(chargeMoves()).toHaveLength(2);
  });

  it('a create whose answer is lost is found by its ref on the retry, never created twice', async () => {
    const deco = customerId(String(seeded.deco.id));
    server.fault = ({ model, method }) => (model === 'account.move' && method === 'create' ? { dropAfterCall: true } : null);
    const lost = await t.core.call('charges.push', { customerId: deco, asOf: AS_OF });
    expect(lost.pushes[0]).toMatchObject({ pushedAt: null, erpId: null, attempts: 1, lastError: expect.stringMatching(/reach/) });
    // Odoo made it (a draft), Inflow never heard.
    expect(chargeMoves()).toMatchObject([{ state: 'draft' }]);
    server.fault = () => null;

    // The next sync sends what waits: found by ref, posted, recorded.
    await t.core.call('sync.run', { jobId: JOB() });
    expect(chargeMoves()).toMatchObject([{ state: 'posted' }]);
    const [push] = await t.core.call('charges.pushes', { customerId: deco });
    expect(push).toMatchObject({ erpId: String(chargeMoves()[0]!.id), erpNumber: chargeMoves()[0]!.name, attempts: 2, lastError: null });
    expect(server.calls.filter((c) => c.method === 'create')).toHaveLength(1);
  });

  it('asked for offline, the push waits and goes once the ERP answers again', async () => {
    const deco = customerId(String(seeded.deco.id));
    server.fault = () => ({ status: 503, raw: '{"message": "maintenance"}' });
    const offline = await t.core.call('charges.push', { customerId: deco, asOf: AS_OF });
    expect(offline.created).toBe(1);
    expect(offline.pushes[0]).toMatchObject({ pushedAt: null, lastError: expect.stringContaining('HTTP 503') });
    expect(chargeMoves()).toHaveLength(0);
    server.fault = () => null;
    const online = await t.core.call('charges.push', { customerId: deco, asOf: AS_OF });
    expect(online.created).toBe(0);
    expect(online.pushes[0]).toMatchObject({ pushedAt: expect.any(String), erpId: String(chargeMoves()[0]!.id), lastError: null });
    expect(chargeMoves()).toHaveLength(1);
  });
});

describe('QuickBooks: Invoice create with its requestid', () => {
  let qbo: QboServer;
  beforeEach(async () => {
    qbo = await startQboServer();
    seedQbo(qbo);
    await t.core.call('sync.connection.save', {
      connector: 'qbo',
      baseUrl: qbo.url,
      tokenUrl: qbo.tokenUrl,
      clientId: qbo.clientId,
      apiKey: qbo.clientSecret,
      qboRefreshToken: qbo.issueRefreshToken(),
      qboRealmId: qbo.realmId,
      intervalMinutes: 0,
    });
    await t.core.call('sync.run', { jobId: JOB() });
    await t.core.call('charges.savePolicies', { policies: [POLICY] });
  });
  afterEach(() => qbo.close());
  const chargeInvoices = () => (qbo.entities.get('Invoice') ?? []).filter((row) => String(row.DocNumber ?? '').startsWith(CHARGE_REF_PREFIX));
  const owing = async (): Promise<number> => {
    for (const row of t.query<{ id: number }>('SELECT id FROM customers ORDER BY id')) if ((await due(row.id)) > 0) return row.id;
    throw new Error('no customer owes charges');
  };

  it('says which item is missing, then creates one invoice even when its answer is lost, and leaves it out of the ledger', async () => {
    const id = await owing();
    const total = await due(id);
    const missing = await t.core.call('charges.push', { customerId: id, asOf: AS_OF });
    expect(missing.pushes[0]).toMatchObject({ pushedAt: null, lastError: expect.stringContaining('Late payment charges') });

    qbo.create('Item', { Name: 'Late payment charges', Type: 'Service', Active: true });
    qbo.fault = ({ kind }) => (kind === 'invoice.create' ? { dropAfterCall: true } : null);
    const lost = await t.core.call('charges.push', { customerId: id, asOf: AS_OF });
    expect(lost.pushes[0]).toMatchObject({ pushedAt: null, lastError: expect.stringMatching(/reach/) });
    expect(chargeInvoices()).toHaveLength(1);
    qbo.fault = () => null;

    const invoicesBefore = invoiceCount();
    const agingBefore = await agingTotals();
    await t.core.call('sync.run', { jobId: JOB() });
    const [push] = await t.core.call('charges.pushes', { customerId: id });
    const [created] = chargeInvoices();
    expect(chargeInvoices()).toHaveLength(1);
    expect(push).toMatchObject({ erpId: created!.Id, erpNumber: push!.ref, totalMinor: total, lastError: null });
    expect(Math.round(Number(created!.TotalAmt) * 100)).toBe(total);
    const creates = qbo.calls.filter((c) => c.kind === 'invoice.create');
    expect(new Set(creates.map((c) => c.params.requestid))).toEqual(new Set([push!.ref]));
    expect(invoiceCount()).toBe(invoicesBefore);
    expect(await agingTotals()).toEqual(agingBefore);
  });
});
