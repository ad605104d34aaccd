import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { seedOdoo, invoice, type SeededOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
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
  return core.call('sync.connection.save', { connector: 'odoo', baseUrl: server.url, protocol, database: server.db, login: server.login, apiKey, intervalMinutes: 0 });
}

interface InvoiceRow { number: string; open_minor: number; amount_minor: number; status: string; in_transit_since: string | null; payment_url: string | null; source: string }
const invoices = () => Object.fromEntries(t.query<InvoiceRow>('SELECT * FROM invoices ORDER BY number').map((row) => [row.number, row]));
const allocations = () => t.query<{ number: string; kind: string; amount_minor: number; applied_date: string }>(
  'SELECT i.number, a.kind, a.amount_minor, a.applied_date FROM allocations a JOIN invoices i ON i.id = a.invoice_id ORDER BY a.id');
const moveReads = () => server.calls.filter((c) => c.model === 'account.move' && c.method === 'search_read' && c.params.limit);

async function expectSyncError(core: Core, code: string, message: RegExp): Promise<void> {
  await expect(core.call('sync.run', { jobId: JOB() })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
}

describe('Odoo over JSON-RPC', () => {
  it('a first full sync takes in customers, contacts, invoices, credit notes and payments with their allocations', async () => {
    await connect(t.core);
    const result = await t.core.call('sync.run', { jobId: JOB() });
    expect(result).toMatchObject({ connector: 'odoo', pushed: 0 });
    expect(JSON.parse(result.cursor!)).toMatchObject({ payments: { id: expect.any(Number) }, moves: { id: expect.any(Number) }, partners: { id: expect.any(Number) } });
    const rows = invoices();
    expect(Object.keys(rows)).toEqual(['INV/2026/00001', 'INV/2026/00002', 'INV/2026/00003', 'INV/2026/00004', 'INV/2026/00005']);
    expect(rows['INV/2026/00001']).toMatchObject({ source: 'odoo', amount_minor: 100000, open_minor: 100000, status: 'open', payment_url: `${server.url}/my/invoices/1?access_token=tok-1` });
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
    expect(t.query('SELECT number, kind, amount_minor, open_minor FROM credit_notes')).toEqual([{ number: 'RINV/2026/00001', kind: 'credit_note', amount_minor: 10000, open_minor: 10000 }]);
    expect(t.query('SELECT external_id, name, source FROM customers ORDER BY name')).toEqual([
      { external_id: String(seeded.azure.id), name: 'Azure Interior', source: 'odoo' },
      { external_id: String(seeded.deco.id), name: 'Deco Addict', source: 'odoo' },
    ]);
    expect(t.query("SELECT name, email, role FROM contacts ORDER BY name")).toEqual([
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

    server.write('account.move', seeded.open.id, { amount_residual: 400, payment_state: 'partial' });
    server.create('account.payment', { name: 'PBNK1/2026/00009', partner_id: seeded.deco.id, date: '2026-11-21', amount: 600, currency_id: 'USD', payment_type: 'inbound', partner_type: 'customer', state: 'paid', reconciled_invoice_ids: [seeded.open.id] });
    const next = await t.core.call('sync.run', { jobId: JOB() });
    expect(next).toMatchObject({ created: 1, updated: 1 });
    expect(invoices()['INV/2026/00001']).toMatchObject({ open_minor: 40000, status: 'open' });
    // One payment allocation on its own date; no unexplained adjustment on top.
    expect(allocations().filter((a) => a.number === 'INV/2026/00001')).toEqual([{ number: 'INV/2026/00001', kind: 'payment', amount_minor: 60000, applied_date: '2026-11-21' }]);
    const lastRead = moveReads().at(-1)!;
    expect(JSON.stringify(lastRead.params.domain)).toContain('write_date');
  });

  it('an invoice cancelled or credited in Odoo after a sync stops being owed', async () => {
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    server.write('account.move', seeded.open.id, { state: 'cancel' });
    server.write('account.move', seeded.partial.id, { amount_residual: 0, payment_state: 'reversed' });
    await t.core.call('sync.run', { jobId: JOB() });
    expect(invoices()['INV/2026/00001']).toMatchObject({ status: 'void', open_minor: 0 });
    expect(invoices()['INV/2026/00003']).toMatchObject({ status: 'paid', open_minor: 0 });
  });

  it('pages by write_date and id: 400 changed invoices in two full pages and an empty one, none missed or repeated', async () => {
    for (let i = 0; i < 394; i++) invoice(server, { name: `BULK/${String(i).padStart(4, '0')}`, partner_id: seeded.deco.id, amount_total: 10, amount_residual: 10 });
    await connect(t.core);
    await t.core.call('sync.run', { jobId: JOB() });
    expect(t.query<{ n: number }>('SELECT count(*) AS n FROM invoices')[0]!.n).toBe(399);
    expect(moveReads().map((c) => c.params.limit)).toEqual([200, 200, 200]);
    expect(t.query<{ n: number }>('SELECT count(*) AS n FROM credit_notes')[0]!.n).toBe(1);
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
    server.fault = ({ model }) => (model === 'account.payment'
      ? { raw: JSON.stringify({ jsonrpc: '2.0', id: 1, error: { code: 200, message: 'Odoo Server Error', data: { name: 'odoo.exceptions.AccessError', message: 'You are not allowed to access Payments.' } } }) }
      : null);
    await expectSyncError(t.core, 'SYNC_FAILED', /may not read account\.payment\.search_read: You are not allowed to access Payments/);
  });

  it('retries a 500 and a 429, then succeeds (the waits themselves: erp-http.test.ts)', async () => {
    await connect(t.core);
    server.fault = ({ index }) => (index === 0 ? { status: 500, raw: '<html>Internal Server Error</html>' } : index === 1 ? { status: 429, headers: { 'retry-after': '0' } } : null);
    const result = await t.core.call('sync.run', { jobId: JOB() });
    expect(result.created).toBeGreaterThan(0);
  });

  it('re-reads a few seconds before the cursor: a record written in the cursor\'s second after it was read is not missed', async () => {
    // 201 moves: the first sync's pages end at the 200th and the 201st, which share one write_date second.
    for (let i = 0; i < 195; i++) invoice(server, { name: `BULK/${String(i).padStart(4, '0')}`, partner_id: seeded.deco.id, amount_total: 10, amount_residual: 10 });
    const moves = server.models.get('account.move')!;
    expect(moves).toHaveLength(201);
    moves[200]!.write_date = moves[199]!.write_date;
    await connect(t.core);
    const first = await t.core.call('sync.run', { jobId: JOB() });
    expect(t.query<{ n: number }>('SELECT (SELECT count(*) FROM invoices) + (SELECT count(*) FROM credit_notes) AS n')[0]!.n).toBe(201);
    expect(JSON.parse(first.cursor!).moves).toEqual({ writeDate: moves[200]!.write_date, id: moves[200]!.id });
    // Odoo stamps write_date at the start of a transaction: this change committed after the sync read
    // that second, with a lower id than the cursor's record, so (write_date, id) > cursor misses it.
    moves[199]!.amount_residual = 4;
    moves[199]!.payment_state = 'partial';
    const next = await t.core.call('sync.run', { jobId: JOB() });
    expect(next).toMatchObject({ created: 0, updated: 1 });
    expect(invoices()[moves[199]!.name as string]).toMatchObject({ open_minor: 400 });
    expect(t.query<{ n: number }>('SELECT count(*) AS n FROM invoices')[0]!.n).toBe(200);
  });

  it('a contact email Odoo holds that is not an address is left off the contact, with the partner named on the log once', async () => {
    server.create('res.partner', { name: 'Gemini Furniture', is_company: true, customer_rank: 1, email: 'gemini.furniture@', phone: '(941)-284-4875', parent_id: false, type: 'contact' });
    await connect(t.core);
    const result = await t.core.call('sync.run', { jobId: JOB() });
    expect(result.created).toBeGreaterThan(0);
    expect(t.query("SELECT c.name, c.email, c.phone FROM contacts c JOIN customers k ON k.id = c.customer_id WHERE k.name = 'Gemini Furniture'"))
      .toEqual([{ name: 'Gemini Furniture', email: null, phone: '(941)-284-4875' }]);
    await t.core.call('sync.run', { jobId: JOB() });
    const notes = (await t.core.call('sync.status', {})).log.filter((entry) => entry.message.includes('not an email address'));
    expect(notes).toMatchObject([{ status: 'ok', message: expect.stringMatching(/^Odoo partner \d+ \(Gemini Furniture\): email "gemini\.furniture@" is not an email address/) }]);
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
    for (let i = 0; i < 250; i++) invoice(server, { name: `BULK/${String(i).padStart(4, '0')}`, partner_id: seeded.deco.id, amount_total: 10, amount_residual: 10 });
    await connect(t.core);
    let moves = 0;
    server.fault = ({ model, method }) => (model === 'account.move' && method === 'search_read' && ++moves >= 3 ? { drop: true } : null);
    await expectSyncError(t.core, 'OFFLINE', /Could not reach 127\.0\.0\.1/);
    // The first page of 200 moves (invoices and the credit note) is in; the dropped one is not, in part or whole.
    expect(t.query<{ n: number }>('SELECT (SELECT count(*) FROM invoices) + (SELECT count(*) FROM credit_notes) AS n')[0]!.n).toBe(200);
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
    const messages = () => server.models.get('mail.message') ?? [];
    // Odoo files the message, then the connection drops before its answer reaches Inflow.
    server.fault = ({ method }) => (method === 'message_post' ? { dropAfterCall: true } : null);
    await expectSyncError(t.core, 'OFFLINE', /Could not reach/);
    expect(messages()).toHaveLength(1);
    expect(t.query('SELECT id FROM sync_outbox WHERE sent_at IS NOT NULL')).toHaveLength(0);

    server.fault = () => null;
    const retried = await t.core.call('sync.run', { jobId: JOB() });
    expect(retried.pushed).toBe(1);
    expect(messages()).toHaveLength(1);
    expect(messages()[0]).toMatchObject({ model: 'res.partner', res_id: seeded.deco.id, body: expect.stringMatching(/^\[inflow:\d+\] Inflow · Note — text: Spoke to Douglas: cheque in the post$/) });
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

describe('Odoo 19 over JSON-2', () => {
  it('syncs with a bearer API key and named arguments', async () => {
    await connect(t.core, 'json2');
    const result = await t.core.call('sync.run', { jobId: JOB() });
    expect(result.created).toBeGreaterThan(0);
    expect(invoices()['INV/2026/00003']).toMatchObject({ open_minor: 20000 });
  });

  it('a wrong API key is refused with Odoo\'s words', async () => {
    await connect(t.core, 'json2', 'nope');
    await expectSyncError(t.core, 'SYNC_FAILED', /Odoo refused the credentials \(Invalid apikey\)/);
  });
});
