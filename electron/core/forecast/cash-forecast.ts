import { addDays, type IsoDate } from '../../../shared/dates';
import type { CurrencyForecast, ForecastWeek } from '../../../shared/risk';

export const HORIZON_WEEKS = 13;
/** An invoice whose predicted day has already passed is expected evenly over this many coming weeks. */
export const CATCH_UP_WEEKS = 4;

/** One open invoice as the forecast needs it: what is left to pay and when it is likely to come. */
export interface OpenItem {
  currency: string;
  balanceMinor: number;
  dueDate: IsoDate;
  expectedDaysLate: number;
  /** The customer's 10th and 90th percentile of days from due to paid: the early and late scenarios. */
  band: { p10: number; p90: number };
}

type Scenario = 'expected' | 'low' | 'high';

/**
 * Expected collections per week for the 13 weeks after `asOf`, per currency. Each invoice's balance
 * lands in the week of its predicted pay day (due + expected days late); a day already past is
 * spread evenly over the next four weeks (it is overdue: it will come, but no one knows which week);
 * beyond the horizon it is counted apart. The band is the spread of three timings per invoice — the
 * expected one, the customer's 10th and its 90th percentile days late — each week taking the lowest
 * and highest of the three sums. Money stays integer: a split's remainder goes to its first week.
 */
export function cashForecast(items: readonly OpenItem[], asOf: IsoDate): CurrencyForecast[] {
  const weeks = Array.from({ length: HORIZON_WEEKS }, (_, k) => ({ weekStart: addDays(asOf, 7 * k + 1), weekEnd: addDays(asOf, 7 * k + 7) }));
  const horizonEnd = weeks.at(-1)!.weekEnd;
  const byCurrency = new Map<string, { sums: Record<Scenario, number[]>; beyond: number; open: number }>();
  for (const item of items) {
    let entry = byCurrency.get(item.currency);
    if (!entry) {
      const zeros = (): number[] => new Array<number>(HORIZON_WEEKS).fill(0);
      entry = { sums: { expected: zeros(), low: zeros(), high: zeros() }, beyond: 0, open: 0 };
      byCurrency.set(item.currency, entry);
    }
    entry.open += item.balanceMinor;
    const days: Record<Scenario, number> = { expected: Math.round(item.expectedDaysLate), low: Math.round(item.band.p10), high: Math.round(item.band.p90) };
    for (const scenario of ['expected', 'low', 'high'] as const) {
      const day = addDays(item.dueDate, days[scenario]);
      const sums = entry.sums[scenario];
      if (day <= asOf) {
        const part = Math.floor(item.balanceMinor / CATCH_UP_WEEKS);
        for (let k = 0; k < CATCH_UP_WEEKS; k++) sums[k]! += part;
        sums[0]! += item.balanceMinor - part * CATCH_UP_WEEKS;
      } else if (day > horizonEnd) {
        if (scenario === 'expected') entry.beyond += item.balanceMinor;
      } else {
        sums[weeks.findIndex((w) => day <= w.weekEnd)]! += item.balanceMinor;
      }
    }
  }
  return [...byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, entry]) => ({
    currency,
    weeks: weeks.map((w, k): ForecastWeek => {
      const values = [entry.sums.expected[k]!, entry.sums.low[k]!, entry.sums.high[k]!];
      return { ...w, expectedMinor: values[0]!, lowMinor: Math.min(...values), highMinor: Math.max(...values) };
    }),
    beyondMinor: entry.beyond,
    openMinor: entry.open,
  }));
}
