import { AGING_BUCKETS, type AgingAmounts, type AgingReport } from '../../../../shared/aging';

export interface CurrencyAging {
  currency: string;
  amounts: AgingAmounts;
  /** Each bucket's share of the currency's total, 0–100, for a 100% stacked bar. */
  shares: Record<string, number>;
}

/** Currencies by total, largest first. */
export function currencyAging(report: AgingReport): CurrencyAging[] {
  return Object.entries(report.totals)
    .map(([currency, amounts]) => withShares(currency, amounts))
    .sort((a, b) => b.amounts.total - a.amounts.total);
}

/** One currency's buckets with their shares; shares are display-only, so floats are fine here. */
export function withShares(currency: string, amounts: AgingAmounts): CurrencyAging {
  const positive = AGING_BUCKETS.reduce((sum, bucket) => sum + Math.max(amounts[bucket], 0), 0);
  const shares = Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, positive > 0 ? (Math.max(amounts[bucket], 0) / positive) * 100 : 0]));
  return { currency, amounts, shares };
}

/** Everything past due: the total less the current bucket. */
export function overdue(amounts: AgingAmounts): number {
  return amounts.total - amounts.current;
}
