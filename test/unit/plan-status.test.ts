import { describe, expect, it } from 'vitest';
import { planStatus, type PlanTerms } from '../../electron/core/activity/plan-status';

const plan: PlanTerms = {
  currency: 'USD',
  startDate: '2026-10-01',
  graceDays: 3,
  installments: [
    { dueDate: '2026-10-15', amountMinor: 100_000 },
    { dueDate: '2026-11-15', amountMinor: 100_000 },
    { dueDate: '2026-12-15', amountMinor: 100_000 },
  ],
};
const pay = (date: string, amountMinor: number, currency = 'USD') => ({ date, amountMinor, currency });
const states = (payments: ReturnType<typeof pay>[], today: string) => planStatus(plan, payments, today).map((i) => i.state);

describe('planStatus', () => {
  it.each([
    ['nothing due yet', [], '2026-10-10', ['upcoming', 'upcoming', 'upcoming']],
    ['first installment due today', [], '2026-10-15', ['due', 'upcoming', 'upcoming']],
    ['in grace, still due', [], '2026-10-18', ['due', 'upcoming', 'upcoming']],
    ['past grace, missed', [], '2026-10-19', ['missed', 'upcoming', 'upcoming']],
    ['paid on time', [pay('2026-10-14', 100_000)], '2026-10-20', ['paid', 'upcoming', 'upcoming']],
    ['one payment covering two installments', [pay('2026-10-14', 200_000)], '2026-11-20', ['paid', 'paid', 'upcoming']],
    ['partial payment leaves the second missed', [pay('2026-10-14', 150_000)], '2026-11-20', ['paid', 'missed', 'upcoming']],
    ['payments before the plan do not count', [pay('2026-09-30', 100_000)], '2026-10-20', ['missed', 'upcoming', 'upcoming']],
    ['payments in another currency do not count', [pay('2026-10-14', 100_000, 'EUR')], '2026-10-20', ['missed', 'upcoming', 'upcoming']],
  ] as const)('%s', (_why, payments, today, expected) => {
    expect(states([...payments], today)).toEqual(expected);
  });

  it('reports what was paid towards a partly covered installment', () => {
    expect(planStatus(plan, [pay('2026-10-14', 150_000)], '2026-11-20')[1]).toMatchObject({ paidMinor: 50_000, state: 'missed' });
  });
});
