import { daysBetween, type IsoDate } from '../../../shared/dates';
import { currencyExponent } from '../../../shared/money';
import type { Reason, ScoreFactor } from '../../../shared/worklist';
import type { EscalationDue } from '../ladder/escalations-due';

/** Everything the score looks at for one customer, as plain data (one currency per row). */
export interface CustomerFacts {
  currency: string;
  /**
   * Base-currency units per unit of `currency` (ranking only; money itself is never converted); null
   * without a rate: amounts then count in their own currency and the row is ranked among its own.
   */
  baseRate: number | null;
  overdueMinor: number;
  /** Part of the overdue amount more than 60 days past due. */
  overdue60Minor: number;
  /** Part of the overdue amount under a running promise to pay: nothing to chase until the promised day. */
  coveredOverdueMinor: number;
  oldestDaysPastDue: number;
  /** Overdue-amount-weighted average days past due. */
  weightedDaysPastDue: number;
  promise: { state: 'open' | 'broken'; amountMinor: number; currency: string; promisedDate: IsoDate } | null;
  installmentMissed: { amountMinor: number; currency: string; dueDate: IsoDate } | null;
  disputePastSla: { daysOver: number; invoices: number } | null;
  lastTouch: IsoDate | null;
  /** The ladder step due for this customer's invoices in this currency, when one is. */
  escalation: EscalationDue | null;
  /** 0–1 chance of paying late, when the risk model has one. */
  risk: number | null;
  /** Invoiced over the last 12 months, in base-currency units (its own without a rate). */
  valueBase: number;
  /** When a collector last worked the account (a local date, within the rest window) and the follow-up its latest call set. */
  worked?: { on: IsoDate; followUp: IsoDate | null } | null;
  /** When the customer's latest reply still waiting to be handled came in; null: none waiting. */
  repliedAt?: string | null;
}

export interface Score {
  score: number;
  factors: ScoreFactor[];
  /** The top reasons, most weighty first. */
  reasons: Reason[];
}

const REASONS_SHOWN = 3;

/** What a ladder step due adds to the score, whichever step it is. */
export const ESCALATION_POINTS = 20;

function toBase(minor: number, currency: string, rate: number | null): number {
  return (minor / 10 ** currencyExponent(currency)) * (rate ?? 1);
}

/**
 * Money-weighted priority: the overdue amount sets the scale (logarithmic, so $100k is not a
 * thousand times $100), age and broken commitments push up, a recent touch pushes down.
 * Points are a ranking heuristic, not money: floats are fine here.
 */
export function priorityScore(facts: CustomerFacts, today: IsoDate): Score {
  const parts: { factor: ScoreFactor; reason?: Reason }[] = [];
  const add = (key: ScoreFactor['key'], points: number, reason?: Reason): void => {
    if (points > 0) parts.push({ factor: { key, points: Math.round(points * 10) / 10 }, ...(reason ? { reason } : {}) });
  };
  // A customer who has just written back comes first: the answer may change everything else.
  if (facts.repliedAt) add('replied', 200, { code: 'replied', at: facts.repliedAt });
  const overdueBase = toBase(facts.overdueMinor, facts.currency, facts.baseRate);
  if (facts.overdueMinor > 0) {
    const reason: Reason =
      facts.overdue60Minor > 0
        ? { code: 'overdue_over', amountMinor: facts.overdue60Minor, currency: facts.currency, days: 60 }
        : { code: 'overdue', amountMinor: facts.overdueMinor, currency: facts.currency, oldestDays: facts.oldestDaysPastDue };
    add('overdue_amount', 20 * Math.log10(1 + overdueBase), reason);
    add('oldest_age', (Math.min(facts.oldestDaysPastDue, 180) / 180) * 30);
    add('weighted_age', (Math.min(facts.weightedDaysPastDue, 120) / 120) * 20);
  }
  if (facts.promise?.state === 'broken') {
    add('promise', 35, { code: 'promise_broken', amountMinor: facts.promise.amountMinor, currency: facts.promise.currency, date: facts.promise.promisedDate });
  } else if (facts.promise?.state === 'open' && facts.promise.promisedDate <= today) {
    add('promise', 25, { code: 'promise_due', amountMinor: facts.promise.amountMinor, currency: facts.promise.currency, date: facts.promise.promisedDate });
  }
  if (facts.installmentMissed)
    add('installment', 30, {
      code: 'installment_missed',
      amountMinor: facts.installmentMissed.amountMinor,
      currency: facts.installmentMissed.currency,
      date: facts.installmentMissed.dueDate,
    });
  if (facts.disputePastSla) {
    add('dispute', 15 + Math.min(facts.disputePastSla.daysOver, 30) / 2, { code: 'dispute_past_sla', ...facts.disputePastSla });
  }
  if (facts.overdueMinor > 0) {
    const days = facts.lastTouch === null ? null : daysBetween(facts.lastTouch, today);
    const points = days === null ? 15 : (Math.min(days, 30) / 30) * 15;
    add('last_touch', points, days === null || days >= 14 ? { code: 'no_touch', days } : undefined);
  }
  if (facts.escalation) add('escalation', ESCALATION_POINTS, { code: 'escalation_due', step: facts.escalation.label, channel: facts.escalation.channel });
  if (facts.risk !== null) add('risk', facts.risk * 20, facts.risk >= 0.6 ? { code: 'risk', score: facts.risk } : undefined);
  add('value', 3 * Math.log10(1 + facts.valueBase));
  parts.sort((a, b) => b.factor.points - a.factor.points);
  const score = Math.round(parts.reduce((sum, p) => sum + p.factor.points, 0) * 10) / 10;
  return {
    score,
    factors: parts.map((p) => p.factor),
    reasons: parts.flatMap((p) => (p.reason ? [p.reason] : [])).slice(0, REASONS_SHOWN),
  };
}

/**
 * In today's queue: something is owed that no promise covers, a promise falls due or was
 * broken, a dispute has waited too long, or the ladder has work for a person (a call, a letter, an
 * agency referral; its emails go out from the ladder run). A customer whose promise covers what is
 * overdue leaves the queue until the promised date, and comes back then if the money has not.
 */
export function needsAction(facts: CustomerFacts, today: IsoDate): boolean {
  return (
    Boolean(facts.repliedAt) ||
    facts.overdueMinor > facts.coveredOverdueMinor ||
    facts.promise?.state === 'broken' ||
    (facts.promise?.state === 'open' && facts.promise.promisedDate <= today) ||
    facts.installmentMissed !== null ||
    facts.disputePastSla !== null ||
    (facts.escalation !== null && facts.escalation.channel !== 'email')
  );
}
