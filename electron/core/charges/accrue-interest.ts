import type { DayCount } from '../../../shared/charges';
import { addDays, addMonths, daysBetween, type IsoDate } from '../../../shared/dates';

/** A dated reduction of an invoice's principal: a payment, a credit applied, an ERP adjustment. */
export interface PrincipalReduction {
  date: IsoDate;
  amountMinor: number;
}

export interface AccrualInput {
  amountMinor: number;
  dueDate: IsoDate;
  asOf: IsoDate;
  /** Every reduction dated on or before asOf (later ones are ignored: "as of" is the book at the end of asOf). */
  reductions: readonly PrincipalReduction[];
  graceDays: number;
  /** The annual rate in basis points for one interest day, given the first interest day. */
  rateOn: (day: IsoDate, firstDay: IsoDate) => number;
  /** Days on which rateOn may change besides the rate table's own dates (a half-year's first day). */
  rateBreaks: (from: IsoDate, to: IsoDate) => IsoDate[];
  dayCount: DayCount;
  /** Accrued interest joins the base on each monthly anniversary of the first interest day. */
  compounding: boolean;
}

export interface Accrual {
  /** Interest days: from the day after due date + grace to asOf, both counted. */
  days: number;
  interestMinor: number;
  /** The rate on asOf (or on the last interest day), for the words of a letter. */
  rateBp: number;
}

/** 365 × 366: every day's share of a year as a whole number, for either length of year. */
const YEAR_LCD = 133_590n;

/**
 * Interest on one overdue invoice, day by day in constant stretches (same base, rate and year length).
 *
 * - Interest runs from the day after due date + grace days through asOf, both included.
 * - The base of a day is the amount less every reduction dated on or before that day: a payment
 *   lowers the base from its own date (the day money arrives earns no interest on it). A base at or
 *   below zero earns nothing.
 * - A day earns base × annual rate ÷ 365 (act365) or ÷ the days of its calendar year (actact).
 * - Rounding: the exact sum for the invoice is a fraction; it is rounded once, half away from zero, to
 *   the minor unit. With compounding, the interest accrued by each monthly anniversary is rounded the
 *   same way when it joins the base (it becomes principal then).
 */
export function accrueInterest(input: AccrualInput): Accrual {
  const firstDay = addDays(input.dueDate, input.graceDays + 1);
  const days = Math.max(0, daysBetween(firstDay, input.asOf) + 1);
  if (days === 0) return { days: 0, interestMinor: 0, rateBp: 0 };
  const reductions = [...input.reductions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const capitalDays = input.compounding ? anniversaries(firstDay, input.asOf) : [];
  const breaks = new Set<IsoDate>([
    ...reductions.map((r) => r.date),
    ...input.rateBreaks(firstDay, input.asOf),
    ...capitalDays,
    ...(input.dayCount === 'actact' ? newYears(firstDay, input.asOf) : []),
  ]);
  const starts = [firstDay, ...[...breaks].filter((d) => d > firstDay && d <= input.asOf)].sort();
  const capitalSet = new Set(capitalDays);
  let numerator = 0n;
  let capitalised = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    if (capitalSet.has(start)) {
      // The interest accrued so far becomes principal, rounded as it is booked.
      const booked = roundHalfAway(numerator, denominator());
      capitalised += booked;
      numerator = 0n;
    }
    const end = i + 1 < starts.length ? addDays(starts[i + 1]!, -1) : input.asOf;
    const stretch = BigInt(daysBetween(start, end) + 1);
    const base = input.amountMinor + capitalised - reductions.filter((r) => r.date <= start).reduce((sum, r) => sum + r.amountMinor, 0);
    if (base <= 0) continue;
    const perYear = YEAR_LCD / BigInt(input.dayCount === 'actact' ? daysInYear(start) : 365);
    numerator += BigInt(base) * BigInt(input.rateOn(start, firstDay)) * stretch * perYear;
  }
  return { days, interestMinor: capitalised + roundHalfAway(numerator, denominator()), rateBp: input.rateOn(input.asOf, firstDay) };
}

/** Basis points per unit (10,000) times the year's common denominator. */
const denominator = (): bigint => 10_000n * YEAR_LCD;

function roundHalfAway(numerator: bigint, denom: bigint): number {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (magnitude * 2n + denom) / (denom * 2n);
  return Number(negative ? -rounded : rounded);
}

function daysInYear(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/** 1 January of each year after `from`'s, up to `to`. */
function newYears(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let year = Number(from.slice(0, 4)) + 1; year <= Number(to.slice(0, 4)); year++) dates.push(`${year}-01-01`);
  return dates;
}

/** 1 January and 1 July after `from`, up to `to`: where a half-yearly reference rate may change. */
export function halfYearStarts(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const day of [`${year}-01-01`, `${year}-07-01`]) if (day > from && day <= to) dates.push(day);
  }
  return dates;
}

/** The same day of each following month (the month's last day when shorter), after `from`, up to `to`. */
function anniversaries(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let n = 1; ; n++) {
    const day = addMonths(from, n);
    if (day > to) return dates;
    dates.push(day);
  }
}
