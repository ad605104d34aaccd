import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { odooConnection, seedOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooRecord, type OdooServer } from '../helpers/odoo-server';
import { customer, invoice, payment, seedQbo } from '../helpers/qbo-fixtures';
import { browse, startQboServer, type QboServer } from '../helpers/qbo-server';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * A write-off is a decision awaiting the ERP's credit note: when that lands (an allocation of kind
 * 'credit' from a sync, or an open-items file whose balance dropped by exactly what is still written
 * off), it takes the write-off's place instead of lowering the collectable balance a second time. A
 * payment of the rest closes the invoice; it never consumes the write-off.
 */
let now: Date;
let t: TempCore;
beforeEach(() => {
  now = new Date('2026-11-20T12:00:00Z');
  t = tempCore(() => now);
});
afterEach(async () => t.dispose());

const invoiceId = (number: string) =>
  t.query<{ id: number; customerId: number }>(`SELECT id, customer_id AS customerId FROM invoices WHERE number = '${number}'`)[0]!;
async function collectable(number: string, asOf?: string) {
  const { id, customerId } = invoiceId(number);
  const page = await t.core.call('worklist.list', { asOf });
  const queue = page.rows.find((row) => row.customerId === customerId)?.openMinor ?? 0;
  const onPage = (await t.core.call('customer.invoices', { customerId, asOf })).find((row) => row.id === id)!;
  const guard = asOf
    ? null
    : (await t.core.call('outreach.preview', { draft: { customerId, templateId: 'first-reminder', invoiceIds: [id] } })).guard.dropped.map((d) => d.reason);
  return { queue, openMinor: onPage.openMinor, writtenOffMinor: onPage.writtenOffMinor, status: onPage.status, guard };
}
/** The ladder's dry run on the invoice: 'message' when its step would go, else the guard's reason for holding it. */
async function ladder(number: string): Promise<string | undefined> {
  const run = await t.core.call('ladder.run', { dryRun: true });
  if (run.messages.some((m) => m.invoices.some((i) => i.number === number))) return 'message';
  return run.excluded.find((e) => e.number === number)?.reason;
}
const writeOff = (number: string, amountMinor: number | undefined, reason: string) =>
  t.core.call('activity.writeOff', { invoiceId: invoiceId(number).id, amountMinor, reason });
/** What is left to write off, as activity.writeOff reports it when asked for more. */
const leftToWriteOff = (number: string): Promise<string> =>
  writeOff(number, 10_000_000, 'probe').then(
    () => 'written',
    (e: Error) => e.message,
  );

describe('write-off, then the ERP credit note, then the payment (Odoo sync)', () => {
  let server: OdooServer;
  beforeEach(async () => {
    server = await startOdooServer();
    seedOdoo(server);
    await t.core.call('settings.outreach.save', { senderName: 'Lee', companyName: 'Northwind' });
  });
  afterEach(async () => server.close());

  const sync = () => t.core.call('sync.run', { jobId: JOB() });
  function gemini(): OdooRecord {
    return server.create('res.partner', {
      name: 'Gemini Furniture',
      is_company: true,
      customer_rank: 1,
      email: 'ap@gemini.example',
      parent_id: false,
      type: 'contact',
    });
  }

  it('the credit note consumes the write-off; the payment of the rest closes the invoice; past days see what was applied by then', async () => {
    const { books } = server;
    const partner = gemini();
    const bill = books.invoice({ name: 'INV/2026/00900', partner, total: 1240, date: '2026-09-01', due: '2026-10-01' });
    await t.core.call('sync.connection.save', odooConnection(server));
    await sync();
    expect(await collectable('INV/2026/00900')).toMatchObject({ queue: 124_000, openMinor: 124_000, writtenOffMinor: 0, guard: [] });

    await writeOff('INV/2026/00900', 40_000, 'Goods damaged in transit');
    expect(await collectable('INV/2026/00900')).toMatchObject({ queue: 84_000, openMinor: 124_000, writtenOffMinor: 40_000, guard: [] });

    // Two days later the ERP's credit note for it is applied (dated the 21st) and synced.
    now = new Date('2026-11-22T12:00:00Z');
    books.reconcile(bill, books.creditNote({ partner, total: 400, date: '2026-11-21' }));
    await sync();
    expect(t.query("SELECT kind, amount_minor AS amount, applied_date AS day FROM allocations WHERE kind = 'credit' AND amount_minor = 40000")).toEqual([
      { kind: 'credit', amount: 40_000, day: '2026-11-21' },
    ]);
    expect(await collectable('INV/2026/00900')).toMatchObject({ queue: 84_000, openMinor: 84_000, writtenOffMinor: 0, status: 'open', guard: [] });
    expect(await leftToWriteOff('INV/2026/00900')).toBe('Only $840.00 of invoice INV/2026/00900 is left to write off.');
    // As of the write-off's day the credit note was not applied yet; as of the 21st it was.
    expect(await collectable('INV/2026/00900', '2026-11-20')).toMatchObject({ queue: 84_000, openMinor: 124_000, writtenOffMinor: 40_000 });
    expect(await collectable('INV/2026/00900', '2026-11-21')).toMatchObject({ queue: 84_000, openMinor: 84_000, writtenOffMinor: 0 });

    // The customer pays the rest: closed, not a second write-off consumed.
    books.reconcile(bill, books.payment({ partner, date: '2026-11-22', amount: 840 }));
    await sync();
    expect(await collectable('INV/2026/00900')).toMatchObject({ queue: 0, openMinor: 0, writtenOffMinor: 0, status: 'paid', guard: ['paid'] });
  });

  it('a payment after a partial write-off lowers what is left; the write-off waits for its credit note', async () => {
    const { books } = server;
    const partner = gemini();
    const bill = books.invoice({ name: 'INV/2026/00901', partner, total: 1240, date: '2026-09-01', due: '2026-10-01' });
    await t.core.call('sync.connection.save', odooConnection(server));
    await sync();
    await writeOff('INV/2026/00901', 40_000, 'Goods damaged in transit');
    now = new Date('2026-11-22T12:00:00Z');
    books.reconcile(bill, books.payment({ partner, date: '2026-11-21', amount: 840 }));
    await sync();
    // The ERP still holds 400 open (its credit note is to come), all of it written off here.
    expect(await collectable('INV/2026/00901')).toMatchObject({ queue: 0, openMinor: 40_000, writtenOffMinor: 40_000, guard: ['written_off'] });
    books.reconcile(bill, books.creditNote({ partner, total: 400, date: '2026-11-22' }));
    await sync();
    expect(await collectable('INV/2026/00901')).toMatchObject({ queue: 0, openMinor: 0, writtenOffMinor: 0, status: 'paid' });
  });
});

describe('write-off, then an open-items file with the lower balance (import)', () => {
  const HEAD = 'Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Paid Date,Currency\n';
  let files = 0;
  const importBook = (rows: string) =>
    t.core.call('import.run', { jobId: JOB(), fileId: t.stageText(`book-${++files}.csv`, HEAD + rows), preset: 'generic-invoices' });
  const row = (number: string, open: string) => `${number},CUST-G,Gemini Furniture,2026-09-01,2026-10-01,1240.00,${open},,USD\n`;
  beforeEach(async () => {
    await t.core.call('settings.outreach.save', { senderName: 'Lee', companyName: 'Northwind' });
    const customers = 'Customer ID,Name,Currency,Email\nCUST-G,Gemini Furniture,USD,ap@gemini.example\n';
    await t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('customers.csv', customers), preset: 'generic-customers' });
    await importBook(row('G-1', '1240.00'));
    await writeOff('G-1', 40_000, 'Goods damaged in transit');
    now = new Date('2026-11-22T12:00:00Z');
  });

  it('a drop of exactly what is still written off is its credit note; then the rest paid closes it', async () => {
    await importBook(row('G-1', '840.00'));
    expect(await collectable('G-1')).toMatchObject({ queue: 84_000, openMinor: 84_000, writtenOffMinor: 0, guard: [] });
    expect(await ladder('G-1')).toBe('message');
    expect(await collectable('G-1', '2026-11-21')).toMatchObject({ queue: 84_000, openMinor: 124_000, writtenOffMinor: 40_000 });
    // A second write-off, and later that day the ERP's credit note for it: consumed too, the first one stays consumed.
    now = new Date('2026-11-22T13:00:00Z');
    await writeOff('G-1', 30_000, 'Late delivery discount');
    expect(await collectable('G-1')).toMatchObject({ queue: 54_000, openMinor: 84_000, writtenOffMinor: 30_000 });
    now = new Date('2026-11-22T15:00:00Z');
    await importBook(row('G-1', '540.00'));
    expect(await collectable('G-1')).toMatchObject({ queue: 54_000, openMinor: 54_000, writtenOffMinor: 0, guard: [] });
    await importBook(row('G-1', '0'));
    expect(await collectable('G-1')).toMatchObject({ queue: 0, openMinor: 0, writtenOffMinor: 0, guard: ['paid'] });
  });

  it('any other drop is read as a payment: the rest paid leaves only the written-off part, not chased', async () => {
    await importBook(row('G-1', '400.00'));
    expect(await collectable('G-1')).toMatchObject({ queue: 0, openMinor: 40_000, writtenOffMinor: 40_000, guard: ['written_off'] });
    expect(await ladder('G-1')).toBe('written_off');
    await importBook(row('G-1', '100.00'));
    // 300 more came off: not what is still written off (400), so a payment; what remains is written off.
    expect(await collectable('G-1')).toMatchObject({ queue: 0, openMinor: 10_000, writtenOffMinor: 10_000, guard: ['written_off'] });
  });
});

describe('write-off, then the credit memo applied in QuickBooks (sync: a lower balance, no payment)', () => {
  let server: QboServer;
  beforeEach(async () => {
    server = await startQboServer();
    seedQbo(server);
    server.clock = now.getTime();
    t.core.onEvent((event) => {
      if (event.type === 'browser.open') void browse(event.url);
    });
    await t.core.call('settings.outreach.save', { senderName: 'Lee', companyName: 'Northwind' });
    await t.core.call('sync.connection.save', {
      connector: 'qbo',
      baseUrl: server.url,
      authUrl: server.authorizeUrl,
      tokenUrl: server.tokenUrl,
      clientId: server.clientId,
      apiKey: server.clientSecret,
      intervalMinutes: 0,
    });
    await t.core.call('sync.qbo.connect', {});
  });
  afterEach(async () => server.close());

  it('the memo consumes the write-off; the payment of the rest closes the invoice', async () => {
    const who = customer(server, 'Gemini Furniture', { PrimaryEmailAddr: { Address: 'ap@gemini.example' } });
    const bill = invoice(server, who, '2001', 1240, 1240, { TxnDate: '2026-09-01', DueDate: '2026-10-01' });
    await t.core.call('sync.run', { jobId: JOB() });
    await writeOff('2001', 40_000, 'Goods damaged in transit');
    expect(await collectable('2001')).toMatchObject({ queue: 84_000, writtenOffMinor: 40_000 });

    now = new Date('2026-11-22T12:00:00Z');
    server.clock = now.getTime();
    const memo = server.create('CreditMemo', {
      DocNumber: '2002',
      TxnDate: '2026-11-22',
      CustomerRef: { value: who.Id, name: 'Gemini Furniture' },
      CurrencyRef: { value: 'USD', name: 'United States Dollar' },
      TotalAmt: 400,
      RemainingCredit: 0,
      Balance: 0,
    });
    server.update('Invoice', bill.Id, { Balance: 840 });
    payment(server, who, '2026-11-22', 0, [
      { amount: 400, to: bill },
      { amount: 400, to: memo, type: 'CreditMemo' },
    ]);
    await t.core.call('sync.run', { jobId: JOB() });
    expect(await collectable('2001')).toMatchObject({ queue: 84_000, openMinor: 84_000, writtenOffMinor: 0, guard: [] });
    expect(await ladder('2001')).toBe('message');

    now = new Date('2026-11-22T14:00:00Z');
    server.clock = now.getTime();
    server.update('Invoice', bill.Id, { Balance: 0 });
    payment(server, who, '2026-11-22', 840, [{ amount: 840, to: bill }]);
    await t.core.call('sync.run', { jobId: JOB() });
    expect(await collectable('2001')).toMatchObject({ queue: 0, openMinor: 0, writtenOffMinor: 0, status: 'paid', guard: ['paid'] });
  });
});
