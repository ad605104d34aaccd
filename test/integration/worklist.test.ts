import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/** The queue on real imported data: ranking, reasons, and how one logged action moves one customer. */
let t: TempCore;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-22T15:00:00Z');
  t = tempCore(() => now);
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
});
afterEach(() => t.dispose());

const list = () => t.core.call('worklist.list', {});
const idOf = async (externalId: string) => (await list()).rows.find((r) => r.externalId === externalId)!.customerId;

describe('worklist', () => {
  it('ranks customers with overdue money, with reasons, and leaves out those with nothing due', async () => {
    const page = await list();
    // Birch's $8,150 is 144 days late: age outweighs Acme's larger but younger $13,400.
    expect(page.rows.map((r) => r.externalId)).toEqual(['C-002', 'C-001', 'C-003']);
    expect(page.total).toBe(3);
    expect(page.rows[1]).toMatchObject({ name: 'Acme Tools Ltd', overdueMinor: 1_340_025, oldestDaysPastDue: 83 });
    expect(page.rows[1]!.reasons[0]).toEqual({ code: 'overdue_over', amountMinor: 1_240_000, currency: 'USD', days: 60 });
    expect(page.doneToday).toBe(0);
  });

  it('filters by currency, by age of the oldest overdue invoice, and by reason', async () => {
    expect((await t.core.call('worklist.list', { currency: 'EUR' })).rows.map((r) => r.externalId)).toEqual(['C-003']);
    expect((await t.core.call('worklist.list', { reason: 'overdue_over' })).total).toBe(2);
    // Oldest overdue: Birch 144 days (120+), Acme 83 (61–90), Cole 22 (1–30).
    expect((await t.core.call('worklist.list', { bucket: 'd61_90' })).rows.map((r) => r.externalId)).toEqual(['C-001']);
    expect((await t.core.call('worklist.list', { bucket: 'd120_plus' })).rows.map((r) => r.externalId)).toEqual(['C-002']);
  });

  it('a logged call takes only that customer out of the queue, at once; done-today counts it', async () => {
    const acme = await idOf('C-001');
    const before = await list();
    await t.core.call('activity.logCall', { customerId: acme, outcome: 'reached', notes: 'Spoke to J. Park' });
    const page = await list();
    expect(page.rows.map((r) => r.customerId)).toEqual(before.rows.map((r) => r.customerId).filter((id) => id !== acme));
    expect(page.total).toBe(before.total - 1);
    expect(page.doneToday).toBe(1);
    // With no next step named it comes back after the rest days, scored as touched then.
    now = new Date('2026-11-29T15:00:00Z');
    expect((await list()).rows.find((r) => r.customerId === acme)!.reasons.map((r) => r.code)).not.toContain('no_touch');
  });

  it('a broken promise raises the customer and is shown on the timeline', async () => {
    const cole = await idOf('C-003');
    const before = (await list()).rows.find((r) => r.customerId === cole)!;
    await t.core.call('activity.recordPromise', { customerId: cole, amountMinor: 100_000, currency: 'EUR', promisedDate: '2026-11-24', graceDays: 0 });
    now = new Date('2026-11-26T09:00:00Z');
    const after = (await list()).rows.find((r) => r.customerId === cole)!;
    expect(after.reasons.map((r) => r.code)).toContain('promise_broken');
    expect(after.score).toBeGreaterThan(before.score);
    const timeline = await t.core.call('customer.timeline', { customerId: cole });
    expect(timeline.slice(0, 2)).toMatchObject([
      { kind: 'promise_broken', title: 'Promise broken', at: '2026-11-25' },
      { kind: 'promise', title: 'Promise to pay', amountMinor: 100_000, currency: 'EUR' },
    ]);
    expect(timeline.some((e) => e.kind === 'invoice' && e.title === 'Invoice 00127')).toBe(true);
  });

  it('a cancelled promise stops counting as broken but stays on the timeline', async () => {
    const cole = await idOf('C-003');
    const { promiseId } = await t.core.call('activity.recordPromise', {
      customerId: cole,
      amountMinor: 100_000,
      currency: 'EUR',
      promisedDate: '2026-11-23',
      graceDays: 0,
    });
    await t.core.call('activity.cancelPromise', { promiseId, reason: 'Customer switched to a payment plan' });
    // The promise worked the account: with it cancelled, Cole is back after the rest days.
    now = new Date('2026-11-30T09:00:00Z');
    expect((await list()).rows.find((r) => r.customerId === cole)!.reasons.map((r) => r.code)).not.toContain('promise_broken');
    const timeline = await t.core.call('customer.timeline', { customerId: cole });
    expect(timeline.slice(0, 2).map((e) => e.kind)).toEqual(['promise_cancelled', 'promise']);
    await expect(t.core.call('activity.cancelPromise', { promiseId, reason: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('the incrementally kept queue equals a full rebuild after many actions', async () => {
    const t2 = tempCore(() => now);
    try {
      await t2.core.call('sample.load', {});
      const rows = (await t2.core.call('worklist.list', { limit: 40 })).rows;
      for (const [index, row] of rows.entries()) {
        if (index % 3 === 0) await t2.core.call('activity.logCall', { customerId: row.customerId, outcome: 'no_answer' });
        if (index % 5 === 0) await t2.core.call('activity.addNote', { customerId: row.customerId, text: 'Checked' });
      }
      const incremental = (await t2.core.call('worklist.list', { limit: 1000 })).rows.map((r) => [r.customerId, r.score]);
      // An import rebuilds the queue from scratch.
      await t2.core.call('import.run', { jobId: JOB(), fileId: t2.stage('erp/generic-customers.csv'), preset: 'generic-customers' });
      const rebuilt = (await t2.core.call('worklist.list', { limit: 1000 })).rows.map((r) => [r.customerId, r.score]);
      expect(incremental).toEqual(rebuilt);
    } finally {
      await t2.dispose();
    }
  });

  it('a missed plan installment is a queue reason; payments keep it off', async () => {
    const cole = await idOf('C-003');
    await t.core.call('activity.createPlan', {
      customerId: cole,
      label: 'No-penalty pause',
      currency: 'EUR',
      invoiceIds: [5],
      installments: [
        { dueDate: '2026-11-23', amountMinor: 50_000 },
        { dueDate: '2026-12-23', amountMinor: 50_000 },
      ],
    });
    // Agreeing the plan worked the account: out of the queue until the first installment falls due.
    expect((await list()).rows.map((r) => r.customerId)).not.toContain(cole);
    now = new Date('2026-11-25T09:00:00Z');
    const row = (await t.core.call('worklist.list', { reason: 'installment_missed' })).rows[0]!;
    expect(row.customerId).toBe(cole);
    expect(row.reasons).toContainEqual({ code: 'installment_missed', amountMinor: 50_000, currency: 'EUR', date: '2026-11-23' });
    const timeline = await t.core.call('customer.timeline', { customerId: cole });
    expect(timeline.slice(0, 2)).toMatchObject([
      { kind: 'installment_missed', detail: 'No-penalty pause, due 2026-11-23' },
      { kind: 'plan_created', title: 'Payment plan', detail: 'No-penalty pause · 2 installments' },
    ]);
    await expect(
      t.core.call('activity.createPlan', {
        customerId: cole,
        currency: 'EUR',
        installments: [
          { dueDate: '2026-12-01', amountMinor: 1 },
          { dueDate: '2026-12-01', amountMinor: 1 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('without a rate a currency is ranked on its own, never at par; a dated rate ranks it by its value from its date', async () => {
    const page = await list();
    expect(page.unratedCurrencies).toEqual(['EUR']);
    expect(page.rows.map((r) => [r.externalId, r.unrated])).toEqual([
      ['C-002', false],
      ['C-001', false],
      ['C-003', true],
    ]);
    const euros = async () => (await list()).rows.find((r) => r.currency === 'EUR')!;
    const own = await euros();
    // Dated tomorrow: not in use yet.
    await t.core.call('settings.setFxRates', { baseCurrency: 'USD', date: '2026-11-23', rates: { EUR: 2 } });
    expect((await list()).unratedCurrencies).toEqual(['EUR']);
    const view = await t.core.call('settings.setFxRates', { baseCurrency: 'USD', date: '2026-11-01', rates: { EUR: 2, USD: 5 } });
    expect(view).toMatchObject({
      baseCurrency: 'USD',
      currencies: ['EUR', 'USD'],
      missing: [],
      rows: [
        { currency: 'EUR', date: '2026-11-23', rate: 2 },
        { currency: 'EUR', date: '2026-11-01', rate: 2 },
      ],
      current: [{ currency: 'EUR', date: '2026-11-01', rate: 2 }],
    });
    expect((await list()).unratedCurrencies).toEqual([]);
    expect(await euros()).toMatchObject({ unrated: false });
    expect((await euros()).score).toBeGreaterThan(own.score);
    await t.core.call('settings.setFxRates', { baseCurrency: 'USD', date: '2026-11-01', rates: { EUR: 0.25 } });
    expect((await euros()).score).toBeLessThan(own.score);
    // Tomorrow the newer rate takes over.
    now = new Date('2026-11-23T09:00:00Z');
    expect((await t.core.call('settings.fxRates.list', {})).current).toEqual([{ currency: 'EUR', date: '2026-11-23', rate: 2 }]);
    const deleted = await t.core.call('settings.fxRates.delete', { currency: 'EUR', date: '2026-11-23' });
    expect(deleted.current).toEqual([{ currency: 'EUR', date: '2026-11-01', rate: 0.25 }]);
    await t.core.call('settings.fxRates.delete', { currency: 'EUR', date: '2026-11-01' });
    expect((await list()).unratedCurrencies).toEqual(['EUR']);
    await expect(t.core.call('settings.fxRates.delete', { currency: 'EUR', date: '2026-11-01' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.core.call('settings.setFxRates', { baseCurrency: 'USD', rates: { EUR: 0 } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(t.core.call('settings.setFxRates', { baseCurrency: 'XYZ', rates: {} })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('the banner speaks for the whole queue whatever the filter, and the base currency ranks first', async () => {
    expect((await t.core.call('worklist.list', { currency: 'USD' })).unratedCurrencies).toEqual(['EUR']);
    await t.core.call('settings.setFxRates', { baseCurrency: 'EUR', rates: {} });
    expect((await list()).rows.map((r) => [r.externalId, r.unrated])).toEqual([
      ['C-003', false],
      ['C-002', true],
      ['C-001', true],
    ]);
  });

  it('a snoozed customer leaves the queue until the date', async () => {
    const birch = await idOf('C-002');
    await t.core.call('worklist.snooze', { customerId: birch, untilDate: '2026-11-25', reason: 'AP on holiday' });
    expect((await list()).rows.map((r) => r.customerId)).not.toContain(birch);
    now = new Date('2026-11-25T09:00:00Z');
    expect((await list()).rows.map((r) => r.customerId)).toContain(birch);
  });

  it('every action writes its audit entry and a sync-outbox row in the same transaction', async () => {
    const acme = await idOf('C-001');
    const { disputeId } = await t.core.call('activity.openDispute', {
      customerId: acme,
      invoiceIds: [1],
      reasonCode: 'pricing',
      slaDays: 7,
      note: 'Wrong unit price',
    });
    await t.core.call('activity.resolveDispute', { disputeId, resolutionNote: 'Credit note agreed' });
    await t.core.call('activity.addNote', { customerId: acme, text: '<b>not html</b>' });
    const outbox = t.query('SELECT entity, action FROM sync_outbox ORDER BY id');
    const audit = t.query("SELECT action FROM audit_log WHERE actor = 'collector' ORDER BY id");
    expect(outbox).toEqual([
      { entity: 'dispute', action: 'create' },
      { entity: 'dispute', action: 'create' },
      { entity: 'activity', action: 'create' },
    ]);
    expect(audit).toEqual([{ action: 'dispute_opened.create' }, { action: 'dispute_resolved.create' }, { action: 'note.create' }]);
  });

  it('refuses invoices of another customer, unknown customers and past promise dates', async () => {
    const acme = await idOf('C-001');
    await expect(t.core.call('activity.openDispute', { customerId: acme, invoiceIds: [5], reasonCode: 'other' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(t.core.call('activity.addNote', { customerId: 999, text: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      t.core.call('activity.recordPromise', { customerId: acme, amountMinor: 1, currency: 'USD', promisedDate: '2026-11-01' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(t.core.call('activity.logCall', { customerId: acme, outcome: 'shouted' as never })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
