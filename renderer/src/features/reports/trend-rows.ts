import type { AgingTrend, KpiFigures, TrendPoint } from '../../../../shared/analytics';
import { daysInMonth } from '../../../../shared/dates';

/** The currencies a trend covers, the base currency first, then by latest balance. */
export function trendCurrencies(trend: AgingTrend, baseCurrency: string): string[] {
  const latest = new Map<string, number>();
  for (const p of trend.points) latest.set(p.currency, p.aging.total);
  return [...latest.keys()].sort((a, b) => Number(b === baseCurrency) - Number(a === baseCurrency) || (latest.get(b) ?? 0) - (latest.get(a) ?? 0));
}

export function pointsOf(trend: AgingTrend, currency: string): TrendPoint[] {
  return trend.points.filter((p) => p.currency === currency);
}

const isMonthEnd = (date: string) => Number(date.slice(8, 10)) === daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)));

/**
 * The complete months of a trend with their KPIs, oldest first, at most `count`: a month still
 * running (a few days of sales) would make every ratio swing, so tiles show finished months only.
 */
export function kpiMonths(points: readonly TrendPoint[], count: number): (TrendPoint & { kpis: KpiFigures & { sales: number } })[] {
  return points.filter((p): p is TrendPoint & { kpis: KpiFigures & { sales: number } } => p.kpis !== null && isMonthEnd(p.asOf)).slice(-count);
}

// A four-digit year: "Nov 26" reads as the 26th of November.
const monthFormat = new Intl.DateTimeFormat(typeof navigator === 'undefined' ? 'en-US' : navigator.language, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "Nov 2026" for "2026-11", in the user's locale. */
export function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}
