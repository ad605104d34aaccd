import { formatMoney } from '../../../shared/money';
import { FEATURE_KEYS, type FeatureKey, type RiskFacts } from './risk-features';

const REASONS_SHOWN = 3;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function duration(days: number): string {
  if (days < 60) return plural(days, 'day');
  if (days < 730) return plural(Math.round(days / 30.4), 'month');
  return plural(Math.round(days / 365.25), 'year');
}

/** One feature's part in the score, in words from the facts behind it. */
const WORDS: Record<FeatureKey, (f: RiskFacts) => string> = {
  prior_invoices: (f) =>
    f.priorInvoices < 5 ? `only ${plural(f.priorInvoices, 'earlier invoice')}` : `${plural(f.priorInvoices, 'earlier invoice')} on record`,
  late_share: (f) => (f.settled === 0 ? 'no invoices paid yet' : `paid ${f.late} of ${plural(f.settled, 'invoice')} late`),
  recent_late_share: (f) => (f.recentSettled === 0 ? 'no recent payments' : `paid ${f.recentLate} of the last ${plural(f.recentSettled, 'invoice')} late`),
  season_late_share: (f) =>
    f.seasonSettled === 0 ? 'no history for this time of year' : `late on ${f.seasonLate} of ${plural(f.seasonSettled, 'invoice')} from this time of year`,
  mean_days_late: (f) => `pays ${Math.round(f.meanDaysLate)} days late on average`,
  recent_days_late: (f) => `the last ${plural(f.recentSettled, 'invoice')} were paid ${Math.round(f.recentDaysLate)} days late on average`,
  trend: (f) => {
    const change = Math.round(f.recentDaysLate - f.meanDaysLate);
    return change >= 0 ? `paying ${plural(change, 'day')} later than usual lately` : `paying ${plural(-change, 'day')} sooner than usual lately`;
  },
  max_days_late: (f) => (f.maxDaysLate === 0 ? 'never paid late' : `once paid ${plural(f.maxDaysLate, 'day')} late`),
  disputes: (f) => (f.disputes === 0 ? 'no disputes' : `${plural(f.disputes, 'dispute')} raised before`),
  broken_promises: (f) => (f.brokenPromises === 0 ? 'no broken promises' : `${plural(f.brokenPromises, 'broken promise')} to pay`),
  tenure: (f) => (f.tenureDays === 0 ? 'a new customer' : `a customer for ${duration(f.tenureDays)}`),
  amount_ratio: (f) => `invoiced ${Math.exp(f.amountLogRatio).toFixed(1)}× their usual amount`,
  terms_days: (f) => `Net ${f.termsDays} terms`,
  electronic_billing: (f) => (f.billing === null ? 'billing channel unknown' : f.billing === 'electronic' ? 'billed electronically' : 'billed on paper'),
  open_overdue: (f) =>
    f.overdueMinor === 0 ? 'nothing overdue when invoiced' : `${formatMoney(f.overdueMinor, f.currency, 'en-US')} already overdue when invoiced`,
};

/** The features that moved the score most, either way, in words: "paid 7 of 10 invoices late". */
export function topReasons(contributions: readonly number[], facts: RiskFacts): string[] {
  return FEATURE_KEYS.map((key, k) => ({ key, weight: Math.abs(contributions[k]!) }))
    .filter((part) => part.weight > 1e-6)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, REASONS_SHOWN)
    .map((part) => WORDS[part.key](facts));
}
