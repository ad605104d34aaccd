import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { seedOdoo, invoice, type SeededOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooRecord, type OdooServer } from '../helpers/odoo-server';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

let server: OdooServer;
let t: TempCore;
let seeded: SeededOdoo;

beforeEach(async () => {
  server = await startOdooServer();
  seeded = seedOdoo(server);
  t = tempCore();
});
afterEach(async () => {
  await t.dispose();
  await server.close();
});

function connect(core: Core, protocol: 'jsonrpc' | 'json2' = 'jsonrpc', apiKey = protocol === 'json2' ? server.apiKey : server.password) {
  return core.call('sync.connection.save', {
    connector: 'odoo',
    baseUrl: server.url,
    protocol,
    database: server.db,
    login: server.login,
    apiKey,
    intervalMinutes: 0,
  });
}

interface InvoiceRow {
  number: string;
  open_minor: number;
  amount_minor: number;
  status: string;
  in_transit_since: string | null;
  payment_url: string | null;
  source: string;
}
const invoices = () => Object.fromEntries(t.query<InvoiceRow>('SELECT * FROM invoices ORDER BY number').map((row) => [row.number, row]));
const allocations = () =>
  t.query<{ number: string; kind: string; amount_minor: number; applied_date: string }>(
    'SELECT i.number, a.kind, a.amount_minor, a.applied_date FROM allocations a JOIN invoices i ON i.id = a.invoice_id ORDER BY a.id',
  );
const moveReads = () => server.calls.filter((c) => c.model === 'account.move' && c.method === 'search_read' && c.params.limit);
/** Invoices and credit notes, as the moves stream reads them (payments' journal entries are account.move too). */
const documents = () => server.store.table('account.move').filter((move) => move.move_type !== 'entry');
const documentCount = () =>
  t.query<{ n: number }>("SELECT (SELECT count(*) FROM invoices) + (SELECT count(*) FROM credit_notes WHERE kind = 'credit_note') AS n")[0]!.n;
/** Inflow's aging per customer against the aged receivable Odoo itself would print. */
async function expectOdooAging(): Promise<void> {
  const report = await t.core.call('aging.report', { asOf: '2026-11-22' });
  expect(new Map(report.customers.map((row) => [row.externalId, row.total]))).toEqual(server.books.expectedAging());
}

async function expectSyncError(core: Core, code: string, message: RegExp): Promise<void> {
  await expect(core.call('sync.run', { jobId: JOB() })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
}

describe('Odoo over JSON-RPC', () => {
  it('a first full sync takes in customers, contacts, invoices, credit notes and payments with their allocations', async () => {
    await connect(t.core);
    const result = await t.core.call('sync.run', { jobId: JOB() });
    expect(result).toMatchObject({ connector: 'odoo', pushed: 0 });
    expect(JSON.parse(result.cursor!)).toMatchObject({
      payments: { id: expect.any(Number) },
      moves: { id: expect.any(Number) },
      partners: { id: expect.any(Number) },
    });
    const rows = invoices();
    expect(Object.keys(rows)).toEqual(['INV/2026/00001', 'INV/2026/00002', 'INV/2026/00003', 'INV/2026/00004', 'INV/2026/00005']);
    expect(rows['INV/2026/00001']).toMatchObject({
      source: 'odoo',
      amount_minor: 100000,
      open_minor: 100000,
      status: 'open',
      payment_url: `${server.url}/my/invoices/1?access_token=tok-1`,
    });
    expect(rows['INV/2026/00002']).toMatchObject({ amount_minor: 30, open_minor: 30 });
    expect(rows['INV/2026/00003']).toMatchObject({ amount_minor: 50000, open_minor: 20000, status: 'open' });
    // "In payment": Odoo registered it, the bank has not confirmed; the ladder treats it as in transit.
    expect(rows['INV/2026/00004']).toMatchObject({ amount_minor: 75050, open_minor: 0, status: 'paid', in_transit_since: '2026-11-22' });
    expect(rows['INV/2026/00005']).toMatchObject({ open_minor: 0, status: 'void' });
    // The payments are the history behind Odoo's balances, never a second reduction of them.
    expect(allocations()).toEqual([
      { number: 'INV/2026/00003', kind: 'payment', amount_minor: 30000, applied_date: '2026-10-15' },
      { number: 'INV/2026/00004', kind: 'payment', amount_minor: 75050, applied_date: '2026-11-20' },
    ]);
    // Each payment also holds what it has not been matched with: here, nothing.
    expect(t.query('SELECT number, kind, amount_minor, open_minor FROM credit_notes ORDER BY kind, number')).toEqual([
      { number: 'RINV/2026/00001', kind: 'credit_note', amount_minor: 10000, open_minor: 10000 },
      { number: 'PBNK1/2026/00001', kind: 'unapplied_payment', amount_minor: 30000, open_minor: 0 },
      { number: 'PBNK1/2026/00002', kind: 'unapplied_payment', amount_minor: 75050, open_minor: 0 },
    ]);
    await expectOdooAging();
    expect(t.query('SELECT external_id, name, source FROM customers ORDER BY name')).toEqual([
      { external_id: String(seeded.azure.id), name: 'Azure Interior', source: 'odoo' },
      { external_id: String(seeded.deco.id), name: 'Deco Addict', source: 'odoo' },
    ]);
    expect(t.query('SELECT name, email, role FROM contacts ORDER BY name')).toEqual([
      { name: 'Azure Interior', email: 'azure.Interior24@example.com', role: 'primary' },
      { name: 'Deco Addict', email: 'deco.addict82@example.com', role: 'primary' },
      { name: 'Douglas Fletcher', email: 'douglas.fletcher51@example.com', role: 'billing' },
    ]);
    const freshness = await t.core.call('outreach.freshness', {});
    expect(freshness).toMatchObject({ lastSyncAt: '2026-11-22T12:00:00.000Z', fresh: true });
    const status = await t.core.call('sync.status', {});
    expect(status.log).toMatchObject([{ connector: 'odoo', status: 'ok', attempts: 1 }]);
    expect(status.capabilities).toMatchObject({ push: true, paymentLinks: true });
  });

  it('an incremental sync reads only what changed and applies a partial payment once', async () => {
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    const again = await t.core.call('sync.run', { jobId: JOB() });
    // Only the cursor's overlap is read again, and it changes nothing.
    expect(again).toMatchObject({ created: 0, updated: 0 });

    server.books.reconcile(seeded.open, server.books.payment({ name: 'PBNK1/2026/00009', partner: seeded.deco, date: '2026-11-21', amount: 600 }));
    const next = await t.core.call('sync.run', { jobId: JOB() });
    // The payment (as the match with its invoice) and the credit that holds what it has left: nothing.
    expect(next).toMatchObject({ created: 2, updated: 1 });
    expect(invoices()['INV/2026/00001']).toMatchObject({ open_minor: 40000, status: 'open' });
    // One payment allocation on its own date; no unexplained adjustment on top.
    expect(allocations().filter((a) => a.number === 'INV/2026/00001')).toEqual([
      { number: 'INV/2026/00001', kind: 'payment', amount_minor: 60000, applied_date: '2026-11-21' },
    ]);
    const lastRead = moveReads().at(-1)!;
    expect(JSON.stringify(lastRead.params.domain)).toContain('write_date');
    await expectOdooAging();
  });

  it('an invoice cancelled or credited in Odoo after a sync stops being owed', async () => {
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    server.books.setState(seeded.open, 'cancel');
    server.books.reconcile(seeded.partial, server.books.creditNote({ name: 'RINV/2026/00002', partner: seeded.azure, total: 200, date: '2026-11-20' }));
    await t.core.call('sync.run', { jobId: JOB() });
    expect(invoices()['INV/2026/00001']).toMatchObject({ status: 'void', open_minor: 0 });
    expect(invoices()['INV/2026/00003']).toMatchObject({ status: 'paid', open_minor: 0 });
    // The credit note settled the rest of it on its date: history, not an adjustment on the day of the sync.
    expect(allocations().filter((a) => a.number === 'INV/2026/00003')).toEqual([
      { number: 'INV/2026/00003', kind: 'payment', amount_minor: 30000, applied_date: '2026-10-15' },
      { number: 'INV/2026/00003', kind: 'credit', amount_minor: 20000, applied_date: '2026-11-20' },
    ]);
    await expectOdooAging();
  });

  it('pages by write_date and id: 400 changed invoices in two full pages and an empty one, none missed or repeated', async () => {
    for (let i = 0; i < 394; i++) invoice(server, { name: `BULK/${String(i).padStart(4, '0')}`, partner: seeded.deco, total: 10 });
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    expect(t.query<{ n: number }>('SELECT count(*) AS n FROM invoices')[0]!.n).toBe(399);
    expect(moveReads().map((c) => c.params.limit)).toEqual([200, 200, 200]);
    expect(t.query<{ n: number }>("SELECT count(*) AS n FROM credit_notes WHERE kind = 'credit_note'")[0]!.n).toBe(1);
  });

  it('a wrong password is a clear refusal, and the log keeps one line for the streak', async () => {
    await connect(t.core, 'jsonrpc', 'wrong');
    await expectSyncError(t.core, 'SYNC_FAILED', /Odoo refused the login "ar-bot" on database "acme"/);
    await expectSyncError(t.core, 'SYNC_FAILED', /refused the login/);
    const { log } = await t.core.call('sync.status', {});
    expect(log).toMatchObject([{ status: 'failed', attempts: 2 }]);
  });

  it('an Odoo error (HTTP 200 with an error body) becomes a readable message', async () => {
    await connect(t.core);
    server.fault = ({ model }) =>
      model === 'account.payment'
        ? {
            raw: JSON.stringify({
              jsonrpc: '2.0',
              id: 1,
              error: {
                code: 200,
                message: 'Odoo Server Error',
                data: { name: 'odoo.exceptions.AccessError', message: 'You are not allowed to access Payments.' },
              },
            }),
          }
        : null;
    await expectSyncError(t.core, 'SYNC_FAILED', /may not read account\.payment\.search_read: You are not allowed to access Payments/);
  });

  it('retries a 500 and a 429, then succeeds (the waits themselves: erp-http.test.ts)', async () => {
    await connect(t.core);
    server.fault = ({ index }) =>
      index === 0 ? { status: 500, raw: '<html>Internal Server Error</html>' } : index === 1 ? { status: 429, headers: { 'retry-after': '0' } } : null;
    const result = await t.core.call('sync.run', { jobId: JOB() });
    expect(result.created).toBeGreaterThan(0);
  });

  it("re-reads a few seconds before the cursor: a record written in the cursor's second after it was read is not missed", async () => {
    // 201 moves: the first sync's pages end at the 200th and the 201st, which share one write_date second.
    for (let i = 0; i < 195; i++) invoice(server, { name: `BULK/${String(i).padStart(4, '0')}`, partner: seeded.deco, total: 10 });
    const moves = documents().sort((a, b) => a.write_date.localeCompare(b.write_date) || a.id - b.id);
    expect(moves).toHaveLength(201);
    moves[200]!.write_date = moves[199]!.write_date;
    await connect(t.core);
    const first = await t.core.call('sync.run', { jobId: JOB() });
    expect(documentCount()).toBe(201);
    expect(JSON.parse(first.cursor!).moves).toEqual({ writeDate: moves[200]!.write_date, id: moves[200]!.id });
    // Odoo stamps write_date at the start of a transaction: this change committed after the sync read
    // that second, with a lower id than the cursor's record, so (write_date, id) > cursor misses it.
    server.books.reconcile(moves[199]!, server.books.payment({ partner: seeded.deco, date: '2026-11-21', amount: 6 }));
    moves[199]!.write_date = moves[200]!.write_date;
    const next = await t.core.call('sync.run', { jobId: JOB() });
    expect(next).toMatchObject({ created: 2, updated: 1 });
    expect(invoices()[moves[199]!.name as string]).toMatchObject({ open_minor: 400 });
    expect(t.query<{ n: number }>('SELECT count(*) AS n FROM invoices')[0]!.n).toBe(200);
  });

  it('a contact email Odoo holds that is not an address is left off the contact, with the partner named on the log once', async () => {
    server.create('res.partner', {
      name: 'Gemini Furniture',
      is_company: true,
      customer_rank: 1,
      email: 'gemini.furniture@',
      phone: '(941)-284-4875',
      parent_id: false,
      type: 'contact',
    });
    await connect(t.core);
    const result = await t.core.call('sync.run', { jobId: JOB() });
    expect(result.created).toBeGreaterThan(0);
    expect(t.query("SELECT c.name, c.email, c.phone FROM contacts c JOIN customers k ON k.id = c.customer_id WHERE k.name = 'Gemini Furniture'")).toEqual([
      { name: 'Gemini Furniture', email: null, phone: '(941)-284-4875' },
    ]);
    await t.core.call('sync.run', { jobId: JOB() });
    const notes = (await t.core.call('sync.status', {})).log.filter((entry) => entry.message.includes('not an email address'));
    expect(notes).toMatchObject([
      { status: 'ok', message: expect.stringMatching(/^Odoo partner \d+ \(Gemini Furniture\): email "gemini\.furniture@" is not an email address/) },
    ]);
  });

  it('a server that keeps failing with 500 is reported, not retried forever', async () => {
    await connect(t.core);
    server.fault = () => ({ status: 500, raw: '{}' });
    await expectSyncError(t.core, 'SYNC_FAILED', /internal error \(HTTP 500\)/);
  });

  it('garbage instead of JSON names the likely cause', async () => {
    await connect(t.core);
    server.fault = () => ({ raw: '<!DOCTYPE html><html>Login</html>' });
    await expectSyncError(t.core, 'SYNC_FAILED', /not JSON .*check the base URL/);
  });

  it('a connection dropped mid-page keeps the pages before it, and the next sync resumes after them', async () => {
    for (let i = 0; i < 250; i++) invoice(server, { name: `BULK/${String(i).padStart(4, '0')}`, partner: seeded.deco, total: 10 });
    await connect(t.core);
    let moves = 0;
    server.fault = ({ model, method, params }) =>
      model === 'account.move' && method === 'search_read' && params.limit && ++moves >= 2 ? { drop: true } : null;
    await expectSyncError(t.core, 'OFFLINE', /Could not reach 127\.0\.0\.1/);
    // The first page of 200 moves (invoices and the credit note) is in; the dropped one is not, in part or whole.
    expect(documentCount()).toBe(200);
    expect(t.query<{ cursor: string }>('SELECT cursor FROM sync_cursors')).toHaveLength(1);
    expect((await t.core.call('outreach.freshness', {})).lastSyncAt).toBeNull();
    expect((await t.core.call('sync.status', {})).log).toMatchObject([{ status: 'offline' }]);

    server.fault = () => null;
    server.calls.length = 0;
    await t.core.call('sync.run', { jobId: JOB() });
    expect(t.query<{ n: number }>('SELECT count(*) AS n FROM invoices')[0]!.n).toBe(255);
    expect(JSON.stringify(moveReads()[0]!.params.domain)).toContain('write_date');
  });

  it('an unreachable server is offline: one log entry for the streak', async () => {
    await connect(t.core);
    await server.close();
    await expectSyncError(t.core, 'OFFLINE', /Could not reach/);
    await expectSyncError(t.core, 'OFFLINE', /Could not reach/);
    expect((await t.core.call('sync.status', {})).log).toMatchObject([{ status: 'offline', attempts: 2 }]);
    server = await startOdooServer();
  });

  it('pushes a note to the partner once, even when the push is retried after the answer was lost', async () => {
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    const customer = await t.core.call('customer.lookup', { externalId: String(seeded.deco.id) });
    await t.core.call('activity.addNote', { customerId: customer.customerId, text: 'Spoke to Douglas: cheque in the post' });
    await t.core.call('worklist.snooze', { customerId: customer.customerId, untilDate: '2026-11-30', reason: 'holiday' });
    const messages = () => server.store.table('mail.message');
    // Odoo files the message, then the connection drops before its answer reaches Inflow.
    server.fault = ({ method }) => (method === 'message_post' ? { dropAfterCall: true } : null);
    await expectSyncError(t.core, 'OFFLINE', /Could not reach/);
    expect(messages()).toHaveLength(1);
    expect(t.query('SELECT id FROM sync_outbox WHERE sent_at IS NOT NULL')).toHaveLength(0);

    server.fault = () => null;
    const retried = await t.core.call('sync.run', { jobId: JOB() });
    expect(retried.pushed).toBe(1);
    expect(messages()).toHaveLength(1);
    expect(messages()[0]).toMatchObject({
      model: 'res.partner',
      res_id: seeded.deco.id,
      body: expect.stringMatching(/^\[inflow:\d+\] Inflow · Note — text: Spoke to Douglas: cheque in the post$/),
    });
    // The snooze is Inflow's own business and stays out of Odoo.
    expect((await t.core.call('sync.run', { jobId: JOB() })).pushed).toBe(0);
  });

  it('never gives the password back to the window nor writes it to the audit log', async () => {
    const view = await connect(t.core);
    expect(view).not.toHaveProperty('apiKey');
    expect(view.hasApiKey).toBe(true);
    await t.core.call('sync.connection.save', { connector: 'odoo', baseUrl: server.url, database: server.db, login: server.login, intervalMinutes: 0 });
    await t.core.call('sync.run', { jobId: JOB() });
    expect(JSON.stringify(t.query('SELECT detail FROM audit_log'))).not.toContain(server.password);
    const test = await t.core.call('sync.test', {});
    expect(test.message).toMatch(/Connected to Odoo at 127\.0\.0\.1:\d+: 6 customer invoices and credit notes/);
  });
});

describe('Odoo payments, split as Odoo matched them', () => {
  const credits = (...numbers: unknown[]) =>
    t.query<{ number: string; kind: string; amount_minor: number; open_minor: number }>(
      `SELECT number, kind, amount_minor, open_minor FROM credit_notes WHERE number IN (${numbers.map((number) => `'${String(number)}'`).join(', ')}) ORDER BY number`,
    );

  /**
   * The case that was seen: PBNK1/2013/02388 (89.18) matched with INV/2013/01194 and INV/2013/01816,
   * 01194 having had 17.50 paid three days before. Odoo's partials say 43.74 and 45.44.
   */
  function seen(): { early: OdooRecord; late: OdooRecord; first: OdooRecord; second: OdooRecord } {
    const { books } = server;
    const first = books.invoice({ name: 'INV/2013/01194', partner: seeded.azure, total: 61.24, date: '2013-03-01', due: '2013-03-31' });
    const second = books.invoice({ name: 'INV/2013/01816', partner: seeded.azure, total: 45.44, date: '2013-03-20', due: '2013-04-19' });
    const early = books.payment({ name: 'PBNK1/2013/02301', partner: seeded.azure, date: '2013-04-02', amount: 17.5 });
    books.reconcile(first, early);
    const late = books.payment({ name: 'PBNK1/2013/02388', partner: seeded.azure, date: '2013-04-05', amount: 89.18 });
    books.reconcile(first, late);
    books.reconcile(second, late);
    return { early, late, first, second };
  }

  it.each(['jsonrpc', 'json2'] as const)('a payment over two invoices, one part-paid before, pays each what Odoo matched (%s)', async (protocol) => {
    seen();
    await connect(t.core, protocol);
    await t.core.call('sync.run', { jobId: JOB() });
    expect(allocations().filter((a) => a.number.startsWith('INV/2013'))).toEqual([
      { number: 'INV/2013/01194', kind: 'payment', amount_minor: 1750, applied_date: '2013-04-02' },
      { number: 'INV/2013/01194', kind: 'payment', amount_minor: 4374, applied_date: '2013-04-05' },
      { number: 'INV/2013/01816', kind: 'payment', amount_minor: 4544, applied_date: '2013-04-05' },
    ]);
    // No phantom credit: each payment has nothing left over.
    expect(t.query("SELECT count(*) AS n FROM credit_notes WHERE external_id LIKE 'unapplied:%'")).toEqual([{ n: 0 }]);
    expect(credits('PBNK1/2013/02301', 'PBNK1/2013/02388')).toEqual([
      { number: 'PBNK1/2013/02301', kind: 'unapplied_payment', amount_minor: 1750, open_minor: 0 },
      { number: 'PBNK1/2013/02388', kind: 'unapplied_payment', amount_minor: 8918, open_minor: 0 },
    ]);
    expect(t.query("SELECT count(*) AS n FROM allocations WHERE kind = 'erp_adjustment'")).toEqual([{ n: 0 }]);
    await expectOdooAging();
  });

  it("a server that leaves out the amounts in each line's own currency (false) is read in the company's", async () => {
    const { early } = seen();
    for (const line of server.store.table('account.move.line')) Object.assign(line, { amount_currency: false, amount_residual_currency: false });
    for (const partial of server.store.table('account.partial.reconcile'))
      Object.assign(partial, { debit_amount_currency: false, credit_amount_currency: false, max_date: false });
    server.books.reconcile(
      server.books.invoice({ partner: seeded.deco, total: 12, date: '2026-10-02' }),
      server.books.creditNote({ partner: seeded.deco, total: 5, date: '2026-10-09' }),
    );
    for (const partial of server.store.table('account.partial.reconcile')) Object.assign(partial, { debit_amount_currency: false, max_date: false });
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    expect(
      allocations()
        .filter((a) => a.number.startsWith('INV/2013'))
        .map((a) => a.amount_minor),
    ).toEqual([1750, 4374, 4544]);
    expect(allocations().filter((a) => a.kind === 'credit')).toEqual([
      { number: expect.any(String), kind: 'credit', amount_minor: 500, applied_date: '2026-10-09' },
    ]);
    expect(credits(early.name)).toEqual([{ number: early.name, kind: 'unapplied_payment', amount_minor: 1750, open_minor: 0 }]);
  });

  it('a payment spread over three invoices with some left over, and a credit note applied with a payment for the rest', async () => {
    const { books } = server;
    const a = books.invoice({ partner: seeded.deco, total: 100, date: '2026-09-01' });
    const b = books.invoice({ partner: seeded.deco, total: 250.25, date: '2026-09-05' });
    const c = books.invoice({ partner: seeded.deco, total: 40, date: '2026-09-09' });
    const lump = books.payment({ partner: seeded.deco, date: '2026-10-10', amount: 400 });
    for (const paid of [a, b]) books.reconcile(paid, lump);
    books.reconcile(c, lump, 20);
    const d = books.invoice({ partner: seeded.azure, total: 300, date: '2026-09-15' });
    const refund = books.creditNote({ partner: seeded.azure, total: 120, date: '2026-09-20' });
    books.reconcile(d, refund);
    books.reconcile(d, books.payment({ partner: seeded.azure, date: '2026-10-12', amount: 180 }));
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    const paidTo = (move: OdooRecord) =>
      allocations()
        .filter((row) => row.number === move.name)
        .map(({ kind, amount_minor, applied_date }) => [kind, amount_minor, applied_date]);
    expect(paidTo(a)).toEqual([['payment', 10000, '2026-10-10']]);
    expect(paidTo(b)).toEqual([['payment', 25025, '2026-10-10']]);
    expect(paidTo(c)).toEqual([['payment', 2000, '2026-10-10']]);
    expect(invoices()[c.name as string]).toMatchObject({ open_minor: 2000, status: 'open' });
    // 400 − 100 − 250.25 − 20 is left on the payment, open against the customer.
    expect(credits(lump.name)[0]).toEqual({ number: lump.name, kind: 'unapplied_payment', amount_minor: 40000, open_minor: 2975 });
    expect(paidTo(d)).toEqual([
      ['payment', 18000, '2026-10-12'],
      ['credit', 12000, '2026-09-20'],
    ]);
    await expectOdooAging();
  });

  it("a payment matched later than it was made: open on its own first, then the invoice's history, dated when it was paid", async () => {
    const { books } = server;
    const bill = books.invoice({ partner: seeded.deco, total: 50, date: '2026-10-05' });
    const early = books.payment({ partner: seeded.deco, date: '2026-10-20', amount: 80 });
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    expect(credits(early.name)).toEqual([{ number: early.name, kind: 'unapplied_payment', amount_minor: 8000, open_minor: 8000 }]);
    await expectOdooAging();
    const stamped = early.write_date;
    books.reconcile(bill, early);
    // Still not wholly matched, so Odoo leaves the payment itself as it was: the invoice's page brings its new residual.
    expect(early.write_date).toBe(stamped);
    await t.core.call('sync.run', { jobId: JOB() });
    expect(allocations().filter((row) => row.number === bill.name)).toEqual([
      { number: bill.name, kind: 'payment', amount_minor: 5000, applied_date: '2026-10-20' },
    ]);
    expect(credits(early.name)).toEqual([{ number: early.name, kind: 'unapplied_payment', amount_minor: 8000, open_minor: 3000 }]);
    expect(t.query("SELECT count(*) AS n FROM allocations WHERE kind = 'erp_adjustment'")).toEqual([{ n: 0 }]);
    await expectOdooAging();
  });

  it('an invoice deleted in Odoo (reset to draft, then deleted) and a cancelled payment stop counting', async () => {
    const { books } = server;
    const doomed = books.invoice({ partner: seeded.deco, total: 70 });
    const drafted = books.invoice({ partner: seeded.deco, total: 15 });
    const refund = books.creditNote({ partner: seeded.azure, total: 33 });
    const cancelled = books.payment({ partner: seeded.azure, date: '2026-10-22', amount: 25 });
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    await expectOdooAging();
    books.setState(doomed, 'draft');
    books.unlink(doomed);
    books.setState(drafted, 'draft');
    books.setState(refund, 'draft');
    books.setState(cancelled, 'cancel');
    const next = await t.core.call('sync.run', { jobId: JOB() });
    expect(next.closed).toBe(2);
    expect(invoices()[doomed.name as string]).toMatchObject({ status: 'closed', open_minor: 0 });
    expect(invoices()[drafted.name as string]).toMatchObject({ status: 'closed', open_minor: 0 });
    expect(credits(refund.name, cancelled.name).map((row) => row.open_minor)).toEqual([0, 0]);
    await expectOdooAging();
    // Posted again: owed again.
    books.setState(drafted, 'posted');
    await t.core.call('sync.run', { jobId: JOB() });
    expect(invoices()[drafted.name as string]).toMatchObject({ status: 'open', open_minor: 1500 });
    await expectOdooAging();
  });
});

describe('Odoo 19 over JSON-2', () => {
  it('syncs with a bearer API key and named arguments', async () => {
    await connect(t.core, 'json2');
    const result = await t.core.call('sync.run', { jobId: JOB() });
    expect(result.created).toBeGreaterThan(0);
    expect(invoices()['INV/2026/00003']).toMatchObject({ open_minor: 20000 });
  });

  it("a wrong API key is refused with Odoo's words", async () => {
    await connect(t.core, 'json2', 'nope');
    await expectSyncError(t.core, 'SYNC_FAILED', /Odoo refused the credentials \(Invalid apikey\)/);
  });
});
