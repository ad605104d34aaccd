import { describe, expect, it } from 'vitest';
import { needsAction, priorityScore, type CustomerFacts } from '../../electron/core/worklist/priority-score';
import { describeReason } from '../../shared/worklist';

const TODAY = '2026-11-22';
const base: CustomerFacts = {
  currency: 'USD',
  baseRate: 1,
  overdueMinor: 0,
  overdue60Minor: 0,
  coveredOverdueMinor: 0,
  oldestDaysPastDue: 0,
  weightedDaysPastDue: 0,
  promise: null,
  installmentMissed: null,
  disputePastSla: null,
  lastTouch: TODAY,
  escalation: null,
  risk: null,
  valueBase: 0,
};
const facts = (over: Partial<CustomerFacts>): CustomerFacts => ({ ...base, ...over });
const score = (over: Partial<CustomerFacts>) => priorityScore(facts(over), TODAY).score;

describe('priorityScore', () => {
  it.each([
    [
      'more money overdue ranks higher',
      { overdueMinor: 1_240_000, oldestDaysPastDue: 20, weightedDaysPastDue: 20 },
      { overdueMinor: 50_000, oldestDaysPastDue: 20, weightedDaysPastDue: 20 },
    ],
    [
      'older debt ranks higher for the same money',
      { overdueMinor: 500_000, oldestDaysPastDue: 95, weightedDaysPastDue: 80 },
      { overdueMinor: 500_000, oldestDaysPastDue: 5, weightedDaysPastDue: 5 },
    ],
    [
      'a broken promise lifts a smaller balance above a larger untouched one',
      {
        overdueMinor: 400_000,
        oldestDaysPastDue: 31,
        weightedDaysPastDue: 31,
        promise: { state: 'broken', amountMinor: 400_000, currency: 'USD', promisedDate: '2026-11-21' },
      },
      { overdueMinor: 1_200_000, oldestDaysPastDue: 31, weightedDaysPastDue: 31 },
    ],
    [
      'not touched for weeks ranks above touched today',
      { overdueMinor: 300_000, oldestDaysPastDue: 40, weightedDaysPastDue: 40, lastTouch: '2026-10-01' },
      { overdueMinor: 300_000, oldestDaysPastDue: 40, weightedDaysPastDue: 40 },
    ],
    [
      'a dispute past its SLA adds weight',
      { overdueMinor: 100_000, oldestDaysPastDue: 10, weightedDaysPastDue: 10, disputePastSla: { daysOver: 6, invoices: 2 } },
      { overdueMinor: 100_000, oldestDaysPastDue: 10, weightedDaysPastDue: 10 },
    ],
    [
      'an exchange rate puts currencies on one scale',
      { currency: 'GBP', baseRate: 1.27, overdueMinor: 1_000_000 },
      { currency: 'JPY', baseRate: 0.0066, overdueMinor: 1_000_000 },
    ],
    ['the risk model adds weight when it has a score', { overdueMinor: 100_000, risk: 0.9 }, { overdueMinor: 100_000, risk: 0.1 }],
  ] as const)('%s', (_why, higher, lower) => {
    expect(score(higher)).toBeGreaterThan(score(lower));
  });

  it('explains itself: factors add up to the score and the top reasons come first, in plain words', () => {
    const result = priorityScore(
      facts({
        overdueMinor: 1_640_000,
        overdue60Minor: 1_240_000,
        oldestDaysPastDue: 64,
        weightedDaysPastDue: 50,
        lastTouch: null,
        promise: { state: 'broken', amountMinor: 400_000, currency: 'USD', promisedDate: '2026-11-21' },
      }),
      TODAY,
    );
    expect(result.factors.reduce((sum, f) => sum + f.points, 0)).toBeCloseTo(result.score, 0);
    expect(result.factors.map((f) => f.points)).toEqual([...result.factors.map((f) => f.points)].sort((a, b) => b - a));
    expect(result.reasons.map((r) => describeReason(r, TODAY, 'en-US'))).toEqual([
      '$12,400.00 over 60 days',
      'Promise of $4,000.00 due yesterday, not paid',
      'Never contacted',
    ]);
  });

  it('a promise falling due today is a reason; one due later is not', () => {
    const due = priorityScore(facts({ promise: { state: 'open', amountMinor: 10_000, currency: 'USD', promisedDate: TODAY } }), TODAY);
    expect(due.reasons[0]).toMatchObject({ code: 'promise_due' });
    const later = priorityScore(facts({ promise: { state: 'open', amountMinor: 10_000, currency: 'USD', promisedDate: '2026-11-30' } }), TODAY);
    expect(later.reasons).toEqual([]);
  });
});

describe('needsAction', () => {
  it.each([
    ['nothing overdue, nothing promised', {}, false],
    ['something overdue', { overdueMinor: 1 }, true],
    ['a broken promise', { promise: { state: 'broken', amountMinor: 1, currency: 'USD', promisedDate: '2026-11-01' } }, true],
    ['a promise due later', { promise: { state: 'open', amountMinor: 1, currency: 'USD', promisedDate: '2026-12-01' } }, false],
    [
      'everything overdue under a promise due later',
      { overdueMinor: 500, coveredOverdueMinor: 500, promise: { state: 'open', amountMinor: 500, currency: 'USD', promisedDate: '2026-12-01' } },
      false,
    ],
    [
      'a promise covering part of what is overdue',
      { overdueMinor: 500, coveredOverdueMinor: 200, promise: { state: 'open', amountMinor: 200, currency: 'USD', promisedDate: '2026-12-01' } },
      true,
    ],
    [
      'the promised day has come: back in the queue',
      { overdueMinor: 500, coveredOverdueMinor: 500, promise: { state: 'open', amountMinor: 500, currency: 'USD', promisedDate: TODAY } },
      true,
    ],
    ['a dispute past SLA', { disputePastSla: { daysOver: 1, invoices: 1 } }, true],
    ['a ladder call due', { escalation: { label: 'Call', channel: 'call_task' } }, true],
    ['only a ladder email due (the ladder run sends it)', { escalation: { label: 'Friendly nudge', channel: 'email' } }, false],
  ] as const)('%s → %s', (_why, over, expected) => {
    expect(needsAction(facts(over as Partial<CustomerFacts>), TODAY)).toBe(expected);
  });
});
