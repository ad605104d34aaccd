import { describe, expect, it } from 'vitest';
import { promiseStatus, type PaymentFact, type PromiseTerms } from '../../electron/core/activity/promise-status';

const promise: PromiseTerms = { currency: 'USD', amountMinor: 400_000, madeDate: '2026-11-10', promisedDate: '2026-11-20', graceDays: 2, cancelledDate: null };
const pay = (date: string, amountMinor: number, currency = 'USD'): PaymentFact => ({ date, amountMinor, currency });

describe('promiseStatus', () => {
  it.each([
    ['before the date, nothing paid yet', [], '2026-11-15', 'open', 0, null],
    ['paid in full early', [pay('2026-11-12', 400_000)], '2026-11-15', 'kept', 400_000, '2026-11-12'],
    ['paid in two parts by the date', [pay('2026-11-20', 300_000), pay('2026-11-12', 100_000)], '2026-11-25', 'kept', 400_000, '2026-11-20'],
    ['paid within the grace days', [pay('2026-11-22', 400_000)], '2026-11-25', 'kept', 400_000, '2026-11-22'],
    ['paid after the grace days', [pay('2026-11-23', 400_000)], '2026-11-25', 'broken', 0, '2026-11-23'],
    ['still in grace, unpaid', [], '2026-11-22', 'open', 0, null],
    ['nothing by the deadline', [], '2026-11-23', 'broken', 0, '2026-11-23'],
    ['part paid by the deadline', [pay('2026-11-18', 150_000)], '2026-11-23', 'partially_kept', 150_000, '2026-11-23'],
    ['a payment before the promise does not count', [pay('2026-11-09', 400_000)], '2026-11-23', 'broken', 0, '2026-11-23'],
    ['a payment in another currency does not count', [pay('2026-11-15', 400_000, 'EUR')], '2026-11-23', 'broken', 0, '2026-11-23'],
    ['a payment dated after "today" is not known yet', [pay('2026-11-16', 400_000)], '2026-11-15', 'open', 0, null],
  ] as const)('%s → %s', (_why, payments, today, state, paid, settled) => {
    expect(promiseStatus(promise, payments, today)).toEqual({ state, paidMinor: paid, settledDate: settled });
  });

  it('a cancelled promise is cancelled, not broken (kept rates exclude it)', () => {
    expect(promiseStatus({ ...promise, cancelledDate: '2026-11-18' }, [], '2026-11-25').state).toBe('cancelled');
  });
});
