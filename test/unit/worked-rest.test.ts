import { describe, expect, it } from 'vitest';
import type { CustomerFacts } from '../../electron/core/worklist/priority-score';
import { backOn, REST_DAYS, resting } from '../../electron/core/worklist/worked-rest';
import { addDays } from '../../shared/dates';

const TODAY = '2026-11-22';
const base: CustomerFacts = {
  currency: 'USD',
  baseRate: 1,
  overdueMinor: 100_000,
  overdue60Minor: 0,
  coveredOverdueMinor: 0,
  oldestDaysPastDue: 20,
  weightedDaysPastDue: 20,
  promise: null,
  installmentMissed: null,
  disputePastSla: null,
  lastTouch: TODAY,
  escalation: null,
  risk: null,
  valueBase: 0,
};
const facts = (over: Partial<CustomerFacts>): CustomerFacts => ({ ...base, ...over });
const promise = (promisedDate: string, state: 'open' | 'broken' = 'open') => ({ state, amountMinor: 50_000, currency: 'USD', promisedDate });

describe('a worked customer rests until its next step', () => {
  it.each([
    ['no next step: back after the rest days', { worked: { on: TODAY, followUp: null } }, addDays(TODAY, REST_DAYS)],
    ['a follow-up brings it back on that day', { worked: { on: TODAY, followUp: '2026-11-25' } }, '2026-11-25'],
    ['a follow-up past the rest days holds it out longer', { worked: { on: TODAY, followUp: '2026-12-10' } }, '2026-12-10'],
    ['a follow-up set before the work is done already', { worked: { on: TODAY, followUp: '2026-11-20' } }, addDays(TODAY, REST_DAYS)],
    ['a promise falling due', { worked: { on: TODAY, followUp: null }, promise: promise('2026-11-27') }, '2026-11-27'],
    ['the earlier of a follow-up and a promise', { worked: { on: TODAY, followUp: '2026-11-26' }, promise: promise('2026-11-27') }, '2026-11-26'],
    [
      'a promise broken before the work was what the work was about',
      { worked: { on: TODAY, followUp: null }, promise: promise('2026-11-18', 'broken') },
      addDays(TODAY, REST_DAYS),
    ],
    [
      'an installment due after the work',
      { worked: { on: '2026-11-20', followUp: null }, installmentMissed: { amountMinor: 1, currency: 'USD', dueDate: '2026-11-21' } },
      '2026-11-21',
    ],
  ] as const)('%s', (_name, over, expected) => {
    const f = facts(over);
    expect(backOn(f.worked!, f, TODAY)).toBe(expected);
    expect(resting(f, TODAY)).toBe(TODAY < expected);
  });

  it('is in the queue when never worked, or when the ladder has a letter or referral still to do', () => {
    expect(resting(facts({}), TODAY)).toBe(false);
    expect(resting(facts({ worked: { on: TODAY, followUp: null }, escalation: { label: 'Letter', channel: 'letter' } }), TODAY)).toBe(false);
    expect(resting(facts({ worked: { on: TODAY, followUp: null }, escalation: { label: 'Agency', channel: 'agency_referral' } }), TODAY)).toBe(false);
    expect(resting(facts({ worked: { on: TODAY, followUp: null }, escalation: { label: 'Call', channel: 'call_task' } }), TODAY)).toBe(true);
    expect(resting(facts({ worked: { on: TODAY, followUp: null }, escalation: { label: 'Second reminder', channel: 'email' } }), TODAY)).toBe(true);
  });

  it('comes back once the day arrives', () => {
    const f = facts({ worked: { on: '2026-11-15', followUp: null } });
    expect(resting(f, '2026-11-21')).toBe(true);
    expect(resting(f, '2026-11-22')).toBe(false);
  });
});
