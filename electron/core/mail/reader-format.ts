import { templateLanguage, type TemplateLanguage } from '../../../shared/customer-locale';
import { dayNumber, type IsoDate } from '../../../shared/dates';
import { formatMoney } from '../../../shared/money';
import { MESSAGE_WORDS, type MessageWords } from './message-words';

/**
 * How a customer reads what Inflow sends them, email or paper: their locale's amounts and dates and
 * their language's words. One place, so a statement, a letter and a reminder to the same customer
 * write 1.234,56 € and the same date the same way.
 */
export interface ReaderFormat {
  locale: string;
  language: TemplateLanguage;
  words: MessageWords;
  money: (minor: number, currency: string) => string;
  /** A date in running text ("12 Nov 2026", "12.11.2026"). */
  date: (iso: IsoDate) => string;
  /** A numeric date for a table column (31/12/2026, 12/31/2026, 31.12.2026): one word, never wrapped. */
  numericDate: (iso: IsoDate) => string;
  /** A fraction as a percentage with up to two decimals (a discount). */
  percent: (fraction: number) => string;
  /** Basis points as a rate with exactly two decimals, so a column of rates lines up. */
  rate: (basisPoints: number) => string;
}

const cache = new Map<string, ReaderFormat>();

/** Building an Intl formatter costs more than rendering a message with it: one set per locale. */
export function readerFormat(locale: string): ReaderFormat {
  let format = cache.get(locale);
  if (!format) {
    const language = templateLanguage(locale);
    const medium = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const numeric = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
    const rate = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const day = (iso: IsoDate): Date => new Date(dayNumber(iso) * 86_400_000);
    format = {
      locale,
      language,
      words: MESSAGE_WORDS[language],
      money: (minor, currency) => formatMoney(minor, currency, locale),
      date: (iso) => medium.format(day(iso)),
      numericDate: (iso) => numeric.format(day(iso)),
      percent: (fraction) => percent.format(fraction),
      // Basis points to a fraction for display only.
      rate: (bp) => rate.format(bp / 10_000),
    };
    cache.set(locale, format);
  }
  return format;
}
