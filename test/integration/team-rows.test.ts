import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/outreach/default-policy';
import { openDesk, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * Another desk's activity becomes the same domain rows here as on its origin: the worklist, the
 * ladder's guard and the timeline read promises, disputes, plans, offers, snoozes, in-transit marks
 * and steps taken from their tables, not from the timeline entry.
 */
let server: PostgresServer;
let database: string;
let desks: TeamDesk[];
let n = 0;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());
beforeEach(async () => {
  database = await server.createDatabase(`rows_${++n}`);
  desks = [];
});
afterEach(async () => {
  await Promise.all(desks.map((desk) => desk.dispose()));
});

const desk = async (collector: string): Promise<TeamDesk> => {
  const opened = await openDesk(server, database, { collector });
  desks.push(opened);
  await opened.core.call('team.join', {});
  return opened;
};
const idOf = async (d: TeamDesk, externalId: string) => (await d.core.call('customer.lookup', { externalId })).customerId;
const invoiceOf = (d: TeamDesk, number: string) => d.sql<{ id: number }>('SELECT id FROM invoices WHERE number = ?', number)[0]!.id;
const sync = async (...ds: TeamDesk[]) => {
  for (const d of ds) await d.core.call('team.sync', {});
};

/** What a desk holds of the book's commitments, by ERP keys only: the same on every desk that has them. */
function commitments(d: TeamDesk) {
  return {
    promises:
      d.sql(`SELECT c.external_id AS customer, p.amount_minor AS amount, p.promised_date AS due, p.made_date AS made, p.grace_days AS grace, p.cancelled_date AS cancelled,
        (SELECT group_concat(i.number) FROM promise_invoices x JOIN invoices i ON i.id = x.invoice_id WHERE x.promise_id = p.id) AS invoices
      FROM promises p JOIN customers c ON c.id = p.customer_id ORDER BY p.promised_date`),
    disputes: d.sql(`SELECT c.external_id AS customer, d.reason_code AS reason, d.status, d.opened_date AS opened, d.resolution_note AS resolution,
        (SELECT group_concat(i.number) FROM dispute_invoices x JOIN invoices i ON i.id = x.invoice_id WHERE x.dispute_id = d.id) AS invoices
      FROM disputes d JOIN customers c ON c.id = d.customer_id`),
    plans: d.sql(`SELECT p.label, p.start_date AS start, p.cancelled_date AS cancelled,
        (SELECT group_concat(due_date || ':' || amount_minor) FROM plan_installments WHERE plan_id = p.id) AS installments FROM payment_plans p`),
    offers: d.sql(
      'SELECT percent_bp AS bp, pay_by AS payBy, offered_date AS offered, (SELECT count(*) FROM discount_offer_invoices WHERE offer_id = o.id) AS invoices FROM discount_offers o',
    ),
    snoozes: d.sql('SELECT c.external_id AS customer, s.until_date AS until, s.reason FROM snoozes s JOIN customers c ON c.id = s.customer_id'),
    inTransit: d.sql('SELECT number, in_transit_since AS since FROM invoices WHERE in_transit_since IS NOT NULL ORDER BY number'),
  };
}

it("another desk's promises, disputes, plans, offers, snoozes and in-transit marks are rows here, closed when closed there", async () => {
  const [maya, sam, lee] = [await desk('Maya'), await desk('Sam'), await desk('Lee')];
  const [acme, birch] = [await idOf(maya, 'C-001'), await idOf(maya, 'C-002')];
  const { promiseId } = await maya.core.call('activity.recordPromise', {
    customerId: acme,
    amountMinor: 100_000,
    currency: 'USD',
    promisedDate: '2026-11-30',
    invoiceIds: [invoiceOf(maya, '00123')],
    graceDays: 2,
  });
  await maya.core.call('activity.recordPromise', { customerId: acme, amountMinor: 5_000, currency: 'USD', promisedDate: '2026-12-04' });
  const { disputeId } = await maya.core.call('activity.openDispute', {
    customerId: birch,
    invoiceIds: [invoiceOf(maya, '00125')],
    reasonCode: 'pricing',
    slaDays: 10,
    note: 'Wrong unit price',
  });
  await sam.core.call('activity.createPlan', {
    customerId: await idOf(sam, 'C-001'),
    label: 'Two parts',
    currency: 'USD',
    invoiceIds: [invoiceOf(sam, '00124')],
    graceDays: 3,
    installments: [
      { dueDate: '2026-12-01', amountMinor: 50_000 },
      { dueDate: '2027-01-01', amountMinor: 50_025 },
    ],
  });
  await sam.core.call('activity.offerDiscount', {
    customerId: await idOf(sam, 'C-001'),
    invoiceIds: [invoiceOf(sam, '00123')],
    percentBp: 200,
    payBy: '2026-11-28',
  });
  await sam.core.call('activity.markInTransit', { customerId: await idOf(sam, 'C-001'), invoiceIds: [invoiceOf(sam, '00124')] });
  await sam.core.call('worklist.snooze', { customerId: await idOf(sam, 'C-002'), untilDate: '2026-12-10', reason: 'Owner on holiday' });
  await sync(maya, sam, lee, maya);
  const expected = commitments(maya);
  expect(expected.promises).toHaveLength(2);
  expect(expected.plans).toEqual([{ label: 'Two parts', start: '2026-11-22', cancelled: null, installments: '2026-12-01:50000,2027-01-01:50025' }]);
  expect(expected.snoozes).toEqual([{ customer: 'C-002', until: '2026-12-10', reason: 'Owner on holiday' }]);
  for (const other of [sam, lee]) expect(commitments(other)).toEqual(expected);

  // Closing them on the desk that made them (or on one that only received them) closes them everywhere.
  await maya.core.call('activity.cancelPromise', { promiseId, reason: 'Customer withdrew it' });
  const samDispute = sam.sql<{ id: number }>('SELECT id FROM disputes')[0]!.id;
  await sam.core.call('activity.resolveDispute', { disputeId: samDispute, resolutionNote: 'Credit note issued' });
  const leePlan = lee.sql<{ id: number }>('SELECT id FROM payment_plans')[0]!.id;
  await lee.core.call('activity.cancelPlan', { planId: leePlan, reason: 'Paid in full' });
  await sync(maya, sam, lee, maya, sam);
  const closed = commitments(maya);
  expect(closed.promises).toContainEqual(expect.objectContaining({ amount: 100_000, cancelled: '2026-11-22', grace: 2, invoices: '00123' }));
  expect(closed.disputes).toEqual([
    { customer: 'C-002', reason: 'pricing', status: 'resolved', opened: '2026-11-22', resolution: 'Credit note issued', invoices: '00125' },
  ]);
  expect(closed.plans).toEqual([expect.objectContaining({ cancelled: '2026-11-22' })]);
  for (const other of [sam, lee]) expect(commitments(other)).toEqual(closed);
  expect(maya.sql('SELECT id FROM disputes')).toEqual([{ id: disputeId }]);
});

it('a ladder step taken on one desk (a call, a letter) is taken on the others: their ladder does not offer it again', async () => {
  const [maya, sam] = [await desk('Maya'), await desk('Sam')];
  // Policies are each desk's own for now: both hold the same one, with a letter where the manager writes.
  const policy = {
    ...DEFAULT_POLICY,
    steps: DEFAULT_POLICY.steps.map((step) => (step.id === 'manager' ? { ...step, id: 'letter', label: 'Letter', channel: 'letter' as const } : step)),
  };
  for (const d of [maya, sam]) await d.core.call('ladder.savePolicy', policy);
  const due = async (d: TeamDesk) => (await d.core.call('ladder.run', { dryRun: true })).messages.map((m) => `${m.customerExternalId}@${m.step.id}`);
  const steps = (d: TeamDesk) =>
    d.sql("SELECT i.number || '@' || s.step_id || ':' || s.state AS step FROM ladder_invoice_steps s JOIN invoices i ON i.id = s.invoice_id ORDER BY 1");
  expect(await due(sam)).toEqual(['C-001@letter', 'C-003@call']);
  await maya.core.call('activity.logCall', { customerId: await idOf(maya, 'C-003'), outcome: 'left_voicemail' });
  await maya.core.call('ladder.completeTask', { customerId: await idOf(maya, 'C-001'), channel: 'letter', note: 'Posted first class' });
  await sync(maya, sam);
  expect(await due(sam)).toEqual([]);
  expect(steps(sam)).toEqual(steps(maya));
  expect(steps(sam)).toContainEqual({ step: '00127@call:taken' });
  await expect(sam.core.call('ladder.completeTask', { customerId: await idOf(sam, 'C-001'), channel: 'letter' })).rejects.toMatchObject({ code: 'CONFLICT' });
});
