import { daysInMonth, toIsoDate, type IsoDate } from '../../../shared/dates';

/** One calendar month's sales and how many of its days count (the month of `to` only up to `to`). */
export interface MonthSales {
  sales: number;
  days: number;
}

/**
 * DSO by the countback method: walk back month by month from the newest, adding each whole month's
 * days while AR(to) still covers that month's sales, then the uncovered fraction of the next month's
 * days (remaining AR ÷ that month's sales × its days). A month without sales is covered by any
 * remaining AR. When AR outlasts the months given (all of the book's history) the result is their
 * total days: the figure cannot reach back before the first sale.
 */
export function countbackDso(endingAr: number, monthsNewestFirst: readonly MonthSales[]): number {
  let remaining = endingAr;
  let days = 0;
  for (const month of monthsNewestFirst) {
    if (remaining <= 0) break;
    if (remaining >= month.sales) {
      days += month.days;
      remaining -= month.sales;
    } else {
      days += (remaining / month.sales) * month.days;
      remaining = 0;
    }
  }
  return days;
}

/**
 * The calendar months countback walks, newest first, as [first day, last counted day, days]: the
 * month of `to` from its first day to `to`, then whole months back to (and including) `earliest`'s month.
 */
export function countbackMonths(to: IsoDate, earliest: IsoDate): { from: IsoDate; to: IsoDate; days: number }[] {
  const months: { from: IsoDate; to: IsoDate; days: number }[] = [];
  let year = Number(to.slice(0, 4));
  let month = Number(to.slice(5, 7));
  let lastDay = Number(to.slice(8, 10));
  const stop = earliest.slice(0, 7);
  while (toIsoDate(year, month, 1).slice(0, 7) >= stop) {
    months.push({ from: toIsoDate(year, month, 1), to: toIsoDate(year, month, lastDay), days: lastDay });
    year = month === 1 ? year - 1 : year;
    month = month === 1 ? 12 : month - 1;
    lastDay = daysInMonth(year, month);
  }
  return months;
}
