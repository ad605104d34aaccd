import { addDays, type IsoDate } from '../../../shared/dates';
import type { CurrencyForecast, ForecastWeek } from '../../../shared/risk';

export const HORIZON_WEEKS = 13;
/** An invoice whose predicted day has already passed is expected evenly over this many coming weeks. */
export const CATCH_UP_WEEKS = 4;

/** One open invoice as the forecast needs it: what is left to pay and when it is likely to come. */
export interface OpenItem {
  invoiceId: number;
  currency: string;
  balanceMinor: number;
  dueDate: IsoDate;
  expectedDaysLate: number;
  /** The customer's 10th and 90th percentile of days from due to paid: the early and late scenarios. */
  band: { p10: number; p90: number };
}

type Scenario = 'expected' | 'low' | 'high';
const SCENARIOS = ['expected', 'low', 'high'] as const;

export interface ForecastWeekSpan {
  weekStart: IsoDate;
  weekEnd: IsoDate;
}

/** The 13 weeks after `asOf`: week k runs asOf + 7k + 1 … asOf + 7k + 7. */
export function forecastWeeks(asOf: IsoDate): ForecastWeekSpan[] {
  return Array.from({ length: HORIZON_WEEKS }, (_, k) => ({ weekStart: addDays(asOf, 7 * k + 1), weekEnd: addDays(asOf, 7 * k + 7) }));
}

/**
 * Where an invoice's balance lands under one timing: the week of its predicted pay day (due + days
 * late); a day already past is spread evenly over the next four weeks (it is overdue: it will
 * come, but no one knows which week), the remainder of the split in the first; beyond the horizon
 * it lands in no week. Money stays integer.
 */
export function placeItem(
  item: OpenItem,
  asOf: IsoDate,
  weeks: readonly ForecastWeekSpan[],
  scenario: Scenario,
): { week: number; amountMinor: number }[] | 'beyond' {
  const daysLate = { expected: item.expectedDaysLate, low: item.band.p10, high: item.band.p90 }[scenario];
  const day = addDays(item.dueDate, Math.round(daysLate));
  if (day <= asOf) {
    const part = Math.floor(item.balanceMinor / CATCH_UP_WEEKS);
    return Array.from({ length: CATCH_UP_WEEKS }, (_, k) => ({ week: k, amountMinor: part + (k === 0 ? item.balanceMinor - part * CATCH_UP_WEEKS : 0) }));
  }
  if (day > weeks.at(-1)!.weekEnd) return 'beyond';
  return [{ week: weeks.findIndex((w) => day <= w.weekEnd), amountMinor: item.balanceMinor }];
}

/**
 * Expected collections per week for the 13 weeks after `asOf`, per currency, each invoice placed
 * by `placeItem`; what lands beyond the horizon is counted apart. The band is the spread of three
 * timings per invoice — the expected one, the customer's 10th and its 90th percentile days late —
 * each week taking the lowest and highest of the three sums.
 */
export function cashForecast(items: readonly OpenItem[], asOf: IsoDate): Omit<CurrencyForecast, 'creditsMinor'>[] {
  const weeks = forecastWeeks(asOf);
  const byCurrency = new Map<string, { sums: Record<Scenario, number[]>; beyond: number; open: number }>();
  for (const item of items) {
    let entry = byCurrency.get(item.currency);
    if (!entry) {
      const zeros = (): number[] => new Array<number>(HORIZON_WEEKS).fill(0);
      entry = { sums: { expected: zeros(), low: zeros(), high: zeros() }, beyond: 0, open: 0 };
      byCurrency.set(item.currency, entry);
    }
    entry.open += item.balanceMinor;
    for (const scenario of SCENARIOS) {
      const placed = placeItem(item, asOf, weeks, scenario);
      if (placed === 'beyond') {
        if (scenario === 'expected') entry.beyond += item.balanceMinor;
      } else {
        for (const { week, amountMinor } of placed) entry.sums[scenario][week]! += amountMinor;
      }
    }
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, entry]) => ({
      currency,
      weeks: weeks.map((w, k): ForecastWeek => {
        const values = [entry.sums.expected[k]!, entry.sums.low[k]!, entry.sums.high[k]!];
        return { ...w, expectedMinor: values[0]!, lowMinor: Math.min(...values), highMinor: Math.max(...values) };
      }),
      beyondMinor: entry.beyond,
      openMinor: entry.open,
    }));
}
