import type { IsoDate } from './dates';

/**
 * What one unit of a currency was worth in the base currency on a date, as the user keeps it in
 * Settings → Currencies. Only the worklist's ranking reads rates; money is never converted.
 */
export interface FxRate {
  currency: string;
  date: IsoDate;
  rate: number;
}

export interface FxRatesView {
  baseCurrency: string;
  /** The currencies the book's invoices are in. */
  currencies: string[];
  /** Every rate kept for this base currency, newest first. */
  rows: FxRate[];
  /** The rate each currency is ranked with today: its latest dated on or before today. */
  current: FxRate[];
  /** Currencies of the book other than the base with no rate yet: ranked on their own until one is set. */
  missing: string[];
}
