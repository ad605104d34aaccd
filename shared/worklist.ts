import { daysBetween, type IsoDate } from './dates';
import { formatMoney } from './money';
import type { LadderChannel } from './outreach/ladder';

/**
 * Why a customer is in the queue, as data: the core decides, each host words it in the user's
 * locale (the CLI in English, the renderer with navigator.language).
 */
export type Reason =
  | { code: 'promise_broken'; amountMinor: number; currency: string; date: IsoDate }
  | { code: 'promise_due'; amountMinor: number; currency: string; date: IsoDate }
  | { code: 'overdue_over'; amountMinor: number; currency: string; days: number }
  | { code: 'overdue'; amountMinor: number; currency: string; oldestDays: number }
  | { code: 'installment_missed'; amountMinor: number; currency: string; date: IsoDate }
  | { code: 'dispute_past_sla'; daysOver: number; invoices: number }
  | { code: 'no_touch'; days: number | null }
  | { code: 'risk'; score: number }
  | { code: 'escalation_due'; step: string; channel: LadderChannel };

export interface ScoreFactor {
  key: 'overdue_amount' | 'oldest_age' | 'weighted_age' | 'promise' | 'installment' | 'dispute' | 'last_touch' | 'escalation' | 'risk' | 'value';
  points: number;
}

export interface WorklistRow {
  customerId: number;
  externalId: string;
  name: string;
  currency: string;
  collector: string | null;
  segment: string | null;
  overdueMinor: number;
  openMinor: number;
  oldestDaysPastDue: number;
  score: number;
  factors: ScoreFactor[];
  reasons: Reason[];
  /** No exchange rate to the base currency: ranked among its own currency only, after the rated rows. */
  unrated: boolean;
}

export interface WorklistPage {
  asOf: IsoDate;
  total: number;
  doneToday: number;
  rows: WorklistRow[];
  /** With more than one currency in the queue: those without a rate, each ranked on its own until one is set. */
  unratedCurrencies: string[];
}

function when(date: IsoDate, today: IsoDate): string {
  const days = daysBetween(date, today);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days === -1) return 'tomorrow';
  return days > 0 ? `${days} days ago` : `in ${-days} days`;
}

/** One reason in plain words, e.g. "Promise of $4,000.00 due yesterday, not paid". */
export function describeReason(reason: Reason, today: IsoDate, locale?: string): string {
  switch (reason.code) {
    case 'promise_broken':
      return `Promise of ${formatMoney(reason.amountMinor, reason.currency, locale)} due ${when(reason.date, today)}, not paid`;
    case 'promise_due':
      return `Promise of ${formatMoney(reason.amountMinor, reason.currency, locale)} due ${when(reason.date, today)}`;
    case 'overdue_over':
      return `${formatMoney(reason.amountMinor, reason.currency, locale)} over ${reason.days} days`;
    case 'overdue':
      return `${formatMoney(reason.amountMinor, reason.currency, locale)} overdue, oldest ${reason.oldestDays} days`;
    case 'installment_missed':
      return `Plan installment of ${formatMoney(reason.amountMinor, reason.currency, locale)} due ${when(reason.date, today)}, missed`;
    case 'dispute_past_sla':
      return `Dispute on ${reason.invoices} invoice${reason.invoices === 1 ? '' : 's'} ${reason.daysOver} days past its SLA`;
    case 'no_touch':
      return reason.days === null ? 'Never contacted' : `No touch in ${reason.days} days`;
    case 'risk':
      return `Likely to pay late (risk ${Math.round(reason.score * 100)}%)`;
    case 'escalation_due':
      return `${reason.step} due`;
  }
}
