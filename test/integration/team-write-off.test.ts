import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDesk, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * Write-offs with their limit, on a real PostgreSQL: within the collector's limit the invoice leaves
 * the chase at once (the send guard drops it, naming why) and the other desks learn it; above it, a
 * request that a manager approves (then it is written off as asked) or declines (then nothing is).
 * A solo desk has no limits.
 */
let server: PostgresServer;
let database: string;
let desks: TeamDesk[];
let n = 0;
const SAM_PASSWORD = 'sam-own-secret-1';

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());
beforeEach(async () => {
  database = await server.createDatabase(`write_off_${++n}`);
  desks = [];
});
afterEach(async () => {
  await Promise.all(desks.map((desk) => desk.dispose()));
});

const LIMITS = { currency: 'USD', collector: { writeOffMinor: 150_000 }, senior: {} };

async function desk(collector: string): Promise<TeamDesk> {
  const opened = await openDesk(server, database, { collector });
  desks.push(opened);
  // The guard's verdict is read from a message's preview, which needs who signs it.
  await opened.core.call('settings.outreach.save', { senderName: collector, companyName: 'Northwind' });
  return opened;
}

async function team(): Promise<{ maya: TeamDesk; sam: TeamDesk }> {
  const maya = await desk('Maya');
  await maya.core.call('team.join', {});
  await maya.core.call('team.members.add', { dbUser: 'sam', collector: 'Sam', role: 'collector', password: SAM_PASSWORD });
  await maya.core.call('team.limits.save', LIMITS);
  const sam = await desk('Sam');
  await sam.core.call('settings.team.save', { host: server.host, port: server.port, database, user: 'sam', password: SAM_PASSWORD, collector: 'Sam' });
  await sam.core.call('team.join', {});
  return { maya, sam };
}

const invoice = (d: TeamDesk, number: string) =>
  d.sql<{ id: number; customerId: number }>('SELECT id, customer_id AS customerId FROM invoices WHERE number = ?', number)[0]!;
const writtenOff = (d: TeamDesk) => d.sql<{ amount: number; reason: string }>('SELECT amount_minor AS amount, reason FROM write_offs ORDER BY id');
/** The guard's verdict on a reminder about this one invoice. */
async function guardOn(d: TeamDesk, number: string) {
  const { id, customerId } = invoice(d, number);
  return (await d.core.call('outreach.preview', { draft: { customerId, templateId: 'first-reminder', invoiceIds: [id] } })).guard;
}

describe('write-offs', () => {
  it('solo: no limit; the invoice leaves the chase and the guard says why; no more than is left', async () => {
    const solo = await desk('Lee');
    const { id } = invoice(solo, '00123');
    expect((await guardOn(solo, '00123')).dropped).toEqual([]);
    await expect(solo.core.call('activity.writeOff', { invoiceId: id, amountMinor: 1_300_000, reason: 'Goods damaged' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Only $12,400.00 of invoice 00123 is left to write off.',
    });
    const acmeInQueue = async () => (await solo.core.call('worklist.list', {})).rows.find((row) => row.externalId === 'C-001');
    expect(await acmeInQueue()).toMatchObject({ openMinor: 1_340_025 });
    const onPage = async () =>
      (await solo.core.call('customer.invoices', { customerId: invoice(solo, '00123').customerId, openOnly: true })).find((i) => i.id === id);
    expect(await onPage()).toMatchObject({ openMinor: 1_240_000, writtenOffMinor: 0 });
    await solo.core.call('activity.writeOff', { invoiceId: id, amountMinor: 400_000, reason: 'Goods damaged in transit' });
    expect((await guardOn(solo, '00123')).dropped).toEqual([]);
    // The customer page keeps the ERP's balance and shows what Inflow wrote off of it.
    expect(await onPage()).toMatchObject({ openMinor: 1_240_000, writtenOffMinor: 400_000 });
    // The queue ranks what is left to collect.
    expect(await acmeInQueue()).toMatchObject({ openMinor: 940_025 });
    // Without an amount: everything still collectable.
    await solo.core.call('activity.writeOff', { invoiceId: id, reason: 'Customer insolvent' });
    expect(writtenOff(solo)).toEqual([
      { amount: 400_000, reason: 'Goods damaged in transit' },
      { amount: 840_000, reason: 'Customer insolvent' },
    ]);
    expect((await guardOn(solo, '00123')).dropped).toEqual([{ invoiceId: id, number: '00123', reason: 'written_off' }]);
    expect(await onPage()).toMatchObject({ writtenOffMinor: 1_240_000 });
    expect(await acmeInQueue()).toMatchObject({ openMinor: 100_025 });
    await expect(solo.core.call('activity.writeOff', { invoiceId: id, reason: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // The ledger balance stays the ERP's; the timeline says what happened.
    expect(solo.sql('SELECT open_minor AS open FROM invoices WHERE id = ?', id)).toEqual([{ open: 1_240_000 }]);
    const timeline = await solo.core.call('customer.timeline', { customerId: invoice(solo, '00123').customerId });
    expect(timeline.find((entry) => entry.kind === 'write_off')).toMatchObject({ title: 'Written off', detail: 'invoice 00123 · Customer insolvent' });
  });

  it("within the collector's limit: written off, and the other desks stop chasing it too", async () => {
    const { maya, sam } = await team();
    const { id } = invoice(sam, '00124');
    await sam.core.call('activity.writeOff', { invoiceId: id, reason: 'Short payment, not worth chasing' });
    expect(writtenOff(sam)).toEqual([{ amount: 100_025, reason: 'Short payment, not worth chasing' }]);
    expect((await guardOn(sam, '00124')).dropped).toEqual([{ invoiceId: id, number: '00124', reason: 'written_off' }]);
    await sam.core.call('team.sync', {});
    await maya.core.call('team.sync', {});
    expect(writtenOff(maya)).toEqual([{ amount: 100_025, reason: 'Short payment, not worth chasing' }]);
    expect((await guardOn(maya, '00124')).dropped).toMatchObject([{ number: '00124', reason: 'written_off' }]);
  });

  it('above the limit: a request; approved, it is written off as asked; declined, nothing is', async () => {
    const { maya, sam } = await team();
    const big = invoice(sam, '00123');
    await expect(sam.core.call('activity.writeOff', { invoiceId: big.id, reason: 'Customer insolvent' })).rejects.toMatchObject({
      code: 'NEEDS_APPROVAL',
      message: expect.stringMatching(
        /a write-off of \$12,400\.00 \(your limit is \$1,500\.00\).*"Approve write-off: \$12,400\.00 of invoice 00123 for Acme Tools Ltd \(Customer insolvent\)" waits for a manager/,
      ),
    });
    await expect(sam.core.call('activity.writeOff', { invoiceId: invoice(sam, '00125').id, amountMinor: 200_000, reason: 'Goodwill' })).rejects.toMatchObject({
      code: 'NEEDS_APPROVAL',
    });
    expect(writtenOff(sam)).toEqual([]);
    expect((await guardOn(sam, '00123')).dropped).toEqual([]);
    const [birch, acme] = await maya.core.call('team.approvals.list', {});
    expect(acme).toMatchObject({
      kind: 'write_off',
      summary: 'Approve write-off: $12,400.00 of invoice 00123 for Acme Tools Ltd (Customer insolvent), asked by Sam',
    });
    await maya.core.call('team.approvals.decide', { id: acme!.id, decision: 'approve' });
    await maya.core.call('team.approvals.decide', { id: birch!.id, decision: 'decline', note: 'they will pay' });
    await sam.core.call('team.sync', {});
    expect(writtenOff(sam)).toEqual([{ amount: 1_240_000, reason: 'Customer insolvent' }]);
    expect((await guardOn(sam, '00123')).dropped).toMatchObject([{ number: '00123', reason: 'written_off' }]);
    expect(
      sam.sql<{ text: string }>("SELECT json_extract(body, '$.text') AS text FROM activities WHERE kind = 'note' ORDER BY id").map((row) => row.text),
    ).toEqual(
      expect.arrayContaining([
        'Approved by Maya: Approve write-off: $12,400.00 of invoice 00123 for Acme Tools Ltd (Customer insolvent)',
        'Declined by Maya: Approve write-off: $2,000.00 of invoice 00125 for Birch & Co (Goodwill) (they will pay)',
      ]),
    );
  });
});
