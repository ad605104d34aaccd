import { formatMoney } from '../../../shared/money';
import { dayNumber } from '../../../shared/dates';

/** The user's locale for every number, amount and date on screen. */
const userLocale = typeof navigator === 'undefined' ? 'en-US' : navigator.language;

const countFormat = new Intl.NumberFormat(userLocale);
const dateFormat = new Intl.DateTimeFormat(userLocale, { dateStyle: 'medium', timeZone: 'UTC' });

export function formatCount(value: number): string {
  return countFormat.format(value);
}

export function formatAmount(minor: number, currency: string): string {
  return formatMoney(minor, currency, userLocale);
}

/** A business date (YYYY-MM-DD) in the user's style; UTC so the day never shifts. */
export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(dayNumber(isoDate) * 86_400_000));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
