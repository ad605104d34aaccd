import { addDays, daysBetween, type IsoDate } from '../../../shared/dates';
import { currencyExponent } from '../../../shared/money';
import { promiseStatus } from '../activity/promise-status';
import { balanceBefore, LATE_GRACE_DAYS, type CustomerHistory, type PastInvoice } from './risk-history';
import { median } from './median';

/** The invoice being judged: only its own terms, never its outcome. */
export interface InvoiceTerms {
  issueDate: IsoDate;
  dueDate: IsoDate;
  amountMinor: number;
  currency: string;
  billing?: 'electronic' | 'paper' | null;
}

/** What was known about the customer on the morning of an invoice's issue date, in plain numbers. */
export interface RiskFacts {
  priorInvoices: number;
  /** Earlier invoices already paid by then, and how many of those late. */
  settled: number;
  late: number;
  meanDaysLate: number;
  /** Mean days late, and how many were late, of the last 5 paid (by paid date). */
  recentDaysLate: number;
  recentLate: number;
  recentSettled: number;
  /** Paid invoices issued in the same calendar month of earlier years, and how many of those late (seasonal payers). */
  seasonSettled: number;
  seasonLate: number;
  maxDaysLate: number;
  disputes: number;
  brokenPromises: number;
  tenureDays: number;
  /** ln(amount ÷ median of earlier invoices in the currency); 0 without any. */
  amountLogRatio: number;
  termsDays: number;
  /** Earlier invoices in the currency past due and unpaid the day before. */
  overdueMinor: number;
  currency: string;
  billing: 'electronic' | 'paper' | null;
}

/** How many of the latest paid invoices are "recent". */
export const RECENT = 5;

export function isLate(invoice: Pick<PastInvoice, 'dueDate' | 'paidDate'>): boolean {
  return invoice.paidDate !== null && daysBetween(invoice.dueDate, invoice.paidDate) > LATE_GRACE_DAYS;
}

/**
 * The facts behind an invoice's risk, from the customer's history strictly before its issue date:
 * invoices issued earlier, payments and allocations dated earlier, disputes opened and promises
 * broken earlier. Nothing dated on or after the issue date can change them (no leakage). This is the
 * definition, read for one invoice (a customer's next one); `historyFacts` gives the same for every
 * invoice of a history in one pass.
 */
export function riskFacts(history: CustomerHistory, invoice: InvoiceTerms): RiskFacts {
  const t = invoice.issueDate;
  const dayBefore = addDays(t, -1);
  const prior = history.invoices.filter((i) => i.issueDate < t);
  const paid = paidBefore(history, t);
  const lateness = paid.map((i) => Math.max(0, daysBetween(i.dueDate, i.paidDate!)));
  const recent = lateness.slice(-RECENT);
  const season = paid.filter((i) => i.issueDate.slice(5, 7) === t.slice(5, 7));
  const sameCurrency = prior.filter((i) => i.currency === invoice.currency);
  const usual = median(sameCurrency.map((i) => i.amountMinor)) ?? 0;
  return {
    priorInvoices: prior.length,
    settled: paid.length,
    late: paid.filter(isLate).length,
    meanDaysLate: mean(lateness),
    recentDaysLate: mean(recent),
    recentLate: paid.slice(-RECENT).filter(isLate).length,
    recentSettled: recent.length,
    seasonSettled: season.length,
    seasonLate: season.filter(isLate).length,
    maxDaysLate: Math.max(0, ...lateness),
    // An ERP dispute flag is undated; on an invoice paid before t it was surely raised before t.
    disputes: history.disputeDates.filter((d) => d < t).length + paid.filter((i) => i.disputed).length,
    brokenPromises: history.promises.filter((p) => p.madeDate < t && isBroken(promiseStatus(p, history.payments, dayBefore).state)).length,
    tenureDays: history.invoices.length > 0 && history.invoices[0]!.issueDate < t ? daysBetween(history.invoices[0]!.issueDate, t) : 0,
    amountLogRatio: usual > 0 ? Math.log(invoice.amountMinor / usual) : 0,
    termsDays: daysBetween(invoice.issueDate, invoice.dueDate),
    overdueMinor: sameCurrency.filter((i) => i.dueDate < t).reduce((sum, i) => sum + Math.max(0, balanceBefore(i, t)), 0),
    currency: invoice.currency,
    billing: invoice.billing ?? null,
  };
}

/**
 * Earlier invoices paid before `date`, in the order they were paid. ISO dates order as plain
 * strings; a collator would give the same order at many times the cost, once per training example.
 */
function paidBefore(history: CustomerHistory, date: IsoDate): PastInvoice[] {
  return history.invoices
    .filter((i) => i.issueDate < date && i.paidDate !== null && i.paidDate < date)
    .sort((a, b) => (a.paidDate! < b.paidDate! ? -1 : a.paidDate! > b.paidDate! ? 1 : a.id - b.id));
}

/** Signed days from due to paid (negative: early) of the invoices paid before `date`, sorted: the customer's spread. */
export function payDelaysBefore(history: CustomerHistory, date: IsoDate): number[] {
  return paidBefore(history, date)
    .map((i) => daysBetween(i.dueDate, i.paidDate!))
    .sort((a, b) => a - b);
}

export function isBroken(state: string): boolean {
  return state === 'broken' || state === 'partially_kept';
}

export const FEATURE_KEYS = [
  'prior_invoices',
  'late_share',
  'recent_late_share',
  'season_late_share',
  'mean_days_late',
  'recent_days_late',
  'trend',
  'max_days_late',
  'disputes',
  'broken_promises',
  'tenure',
  'amount_ratio',
  'terms_days',
  'open_overdue',
  'electronic_billing',
] as const;
export type FeatureKey = (typeof FEATURE_KEYS)[number];

/**
 * The model's inputs, in FEATURE_KEYS order. Counts and money are log-scaled so one huge customer
 * does not dominate; the late share is smoothed (one late and one on time assumed) so a customer with
 * one invoice is not scored as certain.
 */
export function featureVector(facts: RiskFacts): number[] {
  const values: Record<FeatureKey, number> = {
    prior_invoices: Math.log1p(facts.priorInvoices),
    late_share: lateShare(facts),
    recent_late_share: lateShare({ late: facts.recentLate, settled: facts.recentSettled }),
    season_late_share: lateShare({ late: facts.seasonLate, settled: facts.seasonSettled }),
    mean_days_late: facts.meanDaysLate,
    recent_days_late: facts.recentDaysLate,
    trend: facts.recentDaysLate - facts.meanDaysLate,
    max_days_late: facts.maxDaysLate,
    disputes: Math.log1p(facts.disputes),
    broken_promises: Math.log1p(facts.brokenPromises),
    tenure: Math.log1p(facts.tenureDays),
    amount_ratio: facts.amountLogRatio,
    terms_days: facts.termsDays,
    open_overdue: Math.log1p(facts.overdueMinor / 10 ** currencyExponent(facts.currency)),
    // Unknown sits between the two, so a book that never says gets no weight from it.
    electronic_billing: facts.billing === null ? 0.5 : facts.billing === 'electronic' ? 1 : 0,
  };
  return FEATURE_KEYS.map((key) => values[key]);
}

/** The customer's past late share, smoothed; alone it is the baseline the model must beat. */
export function lateShare(facts: Pick<RiskFacts, 'late' | 'settled'>): number {
  return (facts.late + 1) / (facts.settled + 2);
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
