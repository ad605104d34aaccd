import { dayNumber, type IsoDate } from '../../../shared/dates';
import { formatMoney } from '../../../shared/money';
import type { Paper } from './pdf-canvas';

/** Countries that post on US Letter; everyone else uses A4. */
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'PA', 'DO', 'PR', 'SV', 'NI']);

export function paperForLocale(locale: string): Paper {
  const region = new Intl.Locale(locale).maximize().region ?? '';
  return LETTER_REGIONS.has(region) ? 'letter' : 'a4';
}

export interface DocumentFormat {
  locale: string;
  money: (minor: number, currency: string) => string;
  /** A numeric date in the reader's order (31/12/2026, 12/31/2026, 31.12.2026): one word, never split. */
  date: (iso: IsoDate) => string;
  percent: (basisPoints: number) => string;
}

const cache = new Map<string, DocumentFormat>();

/** Amounts and dates as the customer reads them. U+202F (narrow no-break space) is kept: the fonts have it. */
export function documentFormat(locale: string): DocumentFormat {
  let format = cache.get(locale);
  if (!format) {
    const dates = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    format = {
      locale,
      money: (minor, currency) => formatMoney(minor, currency, locale),
      date: (iso) => dates.format(new Date(dayNumber(iso) * 86_400_000)),
      // Basis points to a fraction for display only.
      percent: (bp) => percent.format(bp / 10_000),
    };
    cache.set(locale, format);
  }
  return format;
}
