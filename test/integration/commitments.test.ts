import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * Promises, plans and disputes as the customer page shows them: on the invoices they cover, as
 * outcomes on the timeline, and with their own way out (cancel, resolve). Calls and notes can be
 * corrected or withdrawn, and the audit trail keeps every earlier version.
 */
let t: TempCore;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-22T15:00:00Z');
  t = tempCore(() => now);
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
});
afterEach(() => t.dispose());

const idOf = async (externalId: string) => (await t.core.call('customer.lookup', { externalId })).customerId;
const invoices = async (customerId: number) => t.core.call('customer.invoices', { customerId });
const payCole = (date: string, amount: string) =>
  t.core.call('import.run', {
    jobId: JOB(),
    preset: 'generic-payments',
    fileId: t.stageText(`pay-${date}.csv`, `Payment ID,Customer ID,Date,Amount,Invoice Number,Currency\nP-${date},C-003,${date},${amount},00127,EUR\n`),
  });

describe('commitments', () => {
  it('lists paid invoices beside open ones, with the day they were settled', async () => {
    const birch = await idOf('C-002');
    expect((await invoices(birch)).map((i) => [i.number, i.status, i.closedDate])).toEqual([
      ['00126', 'paid', '2026-06-10'],
      ['00125', 'open', null],
    ]);
    expect((await t.core.call('customer.invoices', { customerId: birch, openOnly: true })).map((i) => i.number)).toEqual(['00125']);
  });

  it('marks invoices promised while the promise runs; a kept promise shows on the timeline on the day it was paid', async () => {
    const cole = await idOf('C-003');
    const [inv127] = await invoices(cole);
    await t.core.call('activity.recordPromise', {
      customerId: cole,
      amountMinor: 100_000,
      currency: 'EUR',
      promisedDate: '2026-11-25',
      invoiceIds: [inv127!.id],
      graceDays: 0,
    });
    expect((await invoices(cole)).map((i) => [i.number, i.promised])).toEqual([
      ['00127', true],
      ['00128', false],
    ]);
    await payCole('2026-11-24', '1000.00');
    now = new Date('2026-11-26T09:00:00Z');
    expect((await invoices(cole)).map((i) => i.promised)).toEqual([false, false]);
    const { promises } = await t.core.call('customer.commitments', { customerId: cole });
    expect(promises[0]).toMatchObject({ state: 'kept', paidMinor: 100_000, settledDate: '2026-11-24', invoiceIds: [inv127!.id] });
    const timeline = await t.core.call('customer.timeline', { customerId: cole });
    expect(timeline.find((e) => e.kind === 'promise_kept')).toMatchObject({ at: '2026-11-24', title: 'Promise kept', amountMinor: 100_000, currency: 'EUR' });
  });

  it('a broken promise is on the timeline the day after its grace ran out', async () => {
    const cole = await idOf('C-003');
    await t.core.call('activity.recordPromise', { customerId: cole, amountMinor: 100_000, currency: 'EUR', promisedDate: '2026-11-24', graceDays: 1 });
    now = new Date('2026-11-27T09:00:00Z');
    const timeline = await t.core.call('customer.timeline', { customerId: cole });
    expect(timeline[0]).toMatchObject({ at: '2026-11-26', kind: 'promise_broken', detail: 'promised by 2026-11-24; nothing paid' });
  });

  it('marks invoices in an active plan, shows missed installments, and a cancelled plan lets them go', async () => {
    const cole = await idOf('C-003');
    const [inv127] = await invoices(cole);
    const { planId } = await t.core.call('activity.createPlan', {
      customerId: cole,
      currency: 'EUR',
      invoiceIds: [inv127!.id],
      installments: [
        { dueDate: '2026-11-23', amountMinor: 50_000 },
        { dueDate: '2026-12-23', amountMinor: 50_000 },
      ],
    });
    expect((await invoices(cole))[0]!.inPlan).toBe(true);
    now = new Date('2026-11-25T09:00:00Z');
    expect((await t.core.call('customer.timeline', { customerId: cole }))[0]).toMatchObject({
      at: '2026-11-24',
      kind: 'installment_missed',
      amountMinor: 50_000,
    });
    const plan = (await t.core.call('customer.commitments', { customerId: cole })).plans[0]!;
    expect(plan.installments.map((i) => i.state)).toEqual(['missed', 'upcoming']);
    await t.core.call('activity.cancelPlan', { planId, reason: 'Paying in full instead' });
    expect((await invoices(cole))[0]!.inPlan).toBe(false);
    // The plan worked the account (it may rest out of the queue); if listed, never for the cancelled plan's installment.
    const row = (await t.core.call('worklist.list', {})).rows.find((r) => r.customerId === cole);
    expect(row?.reasons.map((r) => r.code) ?? []).not.toContain('installment_missed');
    await expect(t.core.call('activity.cancelPlan', { planId, reason: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('an early-payment discount saves an exact amount, is taken when paid by its date, and expires otherwise', async () => {
    const cole = await idOf('C-003');
    const [inv127, inv128] = await invoices(cole);
    // 2.5 % of 3,020.00 = 75.50; of 999.99 = 24.99975 → 25.00 (half up).
    await t.core.call('activity.offerDiscount', { customerId: cole, invoiceIds: [inv127!.id], percentBp: 250, payBy: '2026-11-25' });
    const { offerId } = await t.core.call('activity.offerDiscount', { customerId: cole, invoiceIds: [inv128!.id], percentBp: 250, payBy: '2026-11-30' });
    let { discounts } = await t.core.call('customer.commitments', { customerId: cole });
    expect(discounts.map((d) => [d.id, d.savingMinor, d.state])).toEqual([
      [offerId, 2_500, 'open'],
      [offerId - 1, 7_550, 'open'],
    ]);
    await payCole('2026-11-24', '3020.00');
    now = new Date('2026-11-26T09:00:00Z');
    ({ discounts } = await t.core.call('customer.commitments', { customerId: cole }));
    expect(discounts.find((d) => d.id === offerId - 1)!.state).toBe('taken');
    now = new Date('2026-12-01T09:00:00Z');
    ({ discounts } = await t.core.call('customer.commitments', { customerId: cole }));
    expect(discounts.find((d) => d.id === offerId)!.state).toBe('expired');
    await expect(
      t.core.call('activity.offerDiscount', { customerId: cole, invoiceIds: [inv128!.id], percentBp: 250, payBy: '2026-11-01' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('corrects a note and withdraws a call; the audit log and the outbox keep what they were', async () => {
    const acme = await idOf('C-001');
    const { activityId: noteId } = await t.core.call('activity.addNote', { customerId: acme, text: 'Cheque in teh post' });
    const { activityId: callId } = await t.core.call('activity.logCall', { customerId: acme, outcome: 'reached', notes: 'Wrong customer' });
    expect((await t.core.call('worklist.list', {})).doneToday).toBe(1);
    await t.core.call('activity.edit', { activityId: noteId, text: 'Cheque in the post' });
    await t.core.call('activity.delete', { activityId: callId, reason: 'Logged against the wrong customer' });

    const timeline = await t.core.call('customer.timeline', { customerId: acme });
    expect(timeline.filter((e) => e.activityId !== undefined).map((e) => [e.kind, e.detail, e.edited])).toEqual([['note', 'Cheque in the post', true]]);
    const audit = t.query<{ action: string; detail: string }>(
      "SELECT action, detail FROM audit_log WHERE entity = 'activity' AND action LIKE '%.%' ORDER BY id",
    );
    expect(audit.map((a) => a.action)).toEqual(['note.create', 'call.create', 'note.edit', 'call.delete']);
    expect(JSON.parse(audit[2]!.detail)).toEqual({ before: { text: 'Cheque in teh post' }, after: { text: 'Cheque in the post' } });
    expect(JSON.parse(audit[3]!.detail)).toMatchObject({
      before: { outcome: 'reached', notes: 'Wrong customer' },
      reason: 'Logged against the wrong customer',
    });
    expect(t.query('SELECT action FROM sync_outbox ORDER BY id').slice(-2)).toEqual([{ action: 'update' }, { action: 'delete' }]);
    // The withdrawn call no longer counts as work done today; the note still does.
    expect((await t.core.call('worklist.list', {})).doneToday).toBe(1);

    await expect(t.core.call('activity.delete', { activityId: callId, reason: 'twice' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { activityId: promiseActivity } = await t.core.call('activity.recordPromise', {
      customerId: acme,
      amountMinor: 1,
      currency: 'USD',
      promisedDate: '2026-11-30',
    });
    await expect(t.core.call('activity.edit', { activityId: promiseActivity, text: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
