import { currencyExponent, formatMoney, minorToDecimalString } from '../../../shared/money';
import { dayNumber, isIsoDate } from '../../../shared/dates';

/** The user's locale for every number, amount and date on screen. */
export const userLocale = typeof navigator === 'undefined' ? 'en-US' : navigator.language;

const countFormat = new Intl.NumberFormat(userLocale);
const dateFormat = new Intl.DateTimeFormat(userLocale, { dateStyle: 'medium', timeZone: 'UTC' });

export function formatCount(value: number): string {
  return countFormat.format(value);
}

export function formatAmount(minor: number, currency: string): string {
  return formatMoney(minor, currency, userLocale);
}

const plainFormats = new Map<number, Intl.NumberFormat>();

/**
 * An amount without its currency sign ("150,817.12"), for tables whose currency has a column of its
 * own, as a spreadsheet shows them: narrower, so long amounts are never cut.
 */
export function formatPlainAmount(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  let format = plainFormats.get(exponent);
  if (!format) plainFormats.set(exponent, (format = new Intl.NumberFormat(userLocale, { minimumFractionDigits: exponent, maximumFractionDigits: exponent })));
  // Intl takes the exact decimal string, so no float rounding is involved.
  return format.format(minorToDecimalString(minor, currency) as unknown as number);
}

const dateTimeFormat = new Intl.DateTimeFormat(userLocale, { dateStyle: 'medium', timeStyle: 'short' });

/** A moment (a UTC ISO time) in the user's style and time zone, in the same date style as formatDate. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** A business date (YYYY-MM-DD) in the user's style; UTC so the day never shifts. */
export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(dayNumber(isoDate) * 86_400_000));
}

// The words are English, so English rules choose between them (French would call 0 singular).
const pluralRules = new Intl.PluralRules('en');

/** "1 row", "2 rows", "1,000 rows" (the number in the user's locale). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${pluralRules.select(count) === 'one' ? one : many}`;
}

/** ISO dates inside a sentence the core wrote ("due 2026-12-27") in the screen's date style. */
export function localizeDates(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (iso: string) => (isIsoDate(iso) ? formatDate(iso) : iso));
}

const UNITS: readonly [unit: Intl.RelativeTimeFormatUnit, ms: number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];
const largestUnit = (ms: number): [Intl.RelativeTimeFormatUnit, number] => {
  const [unit, size] = UNITS.find(([, size]) => Math.abs(ms) >= size) ?? UNITS[UNITS.length - 1]!;
  return [unit, Math.round(ms / size)];
};
const relativeFormat = new Intl.RelativeTimeFormat(userLocale, { numeric: 'auto' });

/** How long ago (or how soon) a moment is from now, in the user's language: "5 minutes ago", "yesterday". */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const [unit, count] = largestUnit(Date.parse(iso) - now);
  return relativeFormat.format(count, unit);
}

/** A span of time in the user's language, in its largest whole unit: "2 minutes", "3 hours". */
export function formatSpan(ms: number): string {
  const [unit, count] = largestUnit(Math.abs(ms));
  return new Intl.NumberFormat(userLocale, { style: 'unit', unit, unitDisplay: 'long' }).format(Math.max(count, 1));
}
