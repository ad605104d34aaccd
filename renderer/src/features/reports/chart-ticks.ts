import { currencyExponent } from '../../../../shared/money';

const compact = new Intl.NumberFormat(typeof navigator === 'undefined' ? 'en-US' : navigator.language, { notation: 'compact', maximumFractionDigits: 1 });

/** Axis ticks in major units of the chart's currency, compact ("1.2M"): the tooltip carries the exact amounts. */
export const tickFor = (currency: string) => (minor: number): string => compact.format(minor / 10 ** currencyExponent(currency));
