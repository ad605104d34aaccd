/**
 * Money is always an integer count of the currency's minor unit plus an ISO 4217 code.
 * Parsing works on the decimal string itself (never through a float) so "4,250.10" is exactly 425010.
 */
export type Minor = number;

const currencyExponentCache = new Map<string, number>();

/** Number of minor-unit digits of a currency (USD 2, JPY 0, KWD 3), from the runtime's ICU data. */
export function currencyExponent(currency: string): number {
  let digits = currencyExponentCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    currencyExponentCache.set(currency, digits);
  }
  return digits;
}

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 code the runtime knows ("USD"); "XYZ" or "usd" are not. */
export function isCurrencyCode(value: string): boolean {
  return knownCurrencies.has(value);
}

export interface AmountFormat {
  /** '.' or ',' */
  decimalSeparator: '.' | ',';
  /** The currency the amount is in; a different code or symbol written in the text is an error, not stripped. */
  currency?: string;
}

/** Symbols that name one currency (or a few). "$" is written for many dollars and pesos, so it is never contradicted. */
const SYMBOL_CURRENCIES: Record<string, readonly string[]> = {
  '€': ['EUR'],
  '£': ['GBP', 'GIP', 'FKP', 'SHP', 'EGP'],
  '¥': ['JPY', 'CNY'],
  '₹': ['INR'],
  '₩': ['KRW'],
  '₽': ['RUB'],
  '₺': ['TRY'],
  '₪': ['ILS'],
  '₫': ['VND'],
  '฿': ['THB'],
  '₱': ['PHP'],
  '₴': ['UAH'],
  '₦': ['NGN'],
  '₡': ['CRC'],
};

/**
 * Parses an amount as written in an ERP export: "$4,250.00", "(1,234.56)", "-12.5", "1.234,56 €",
 * "1 234,56". Returns minor units, or a reason string when the text is not an amount in that format.
 */
export function parseAmount(text: string, exponent: number, format: AmountFormat): { ok: true; value: Minor } | { ok: false; reason: string } {
  const plain = plainAmount(text, exponent, format.decimalSeparator);
  if (plain !== null) return { ok: true, value: plain };
  let s = text.trim();
  if (s === '') return { ok: false, reason: 'empty amount' };
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const written: string[] = [];
  s = stripCurrency(s, written);
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) negative = !negative;
    s = stripCurrency(s.slice(1), written);
  }
  const contradiction = format.currency ? written.find((marker) => contradicts(marker, format.currency!)) : undefined;
  if (contradiction) return { ok: false, reason: `written in ${contradiction}, but the row's currency is ${format.currency}` };
  if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  const group = format.decimalSeparator === '.' ? ',' : '.';
  const decimalAt = s.indexOf(format.decimalSeparator);
  if (decimalAt !== -1 && s.slice(decimalAt).includes(group)) {
    return { ok: false, reason: `"${group}" after the decimal separator "${format.decimalSeparator}": does this file use "${group}" for decimals?` };
  }
  const groupPattern = group === ',' ? /[,\s\u00a0\u202f']/g : /[.\s\u00a0\u202f']/g;
  const withoutGroups = s.replace(groupPattern, '');
  const parts = withoutGroups.split(format.decimalSeparator);
  if (parts.length > 2) return { ok: false, reason: `more than one decimal separator "${format.decimalSeparator}"` };
  const [whole = '', fraction = ''] = parts;
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || (whole === '' && fraction === '')) {
    return { ok: false, reason: 'not a number' };
  }
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent))) {
    return { ok: false, reason: `more than ${exponent} decimal places` };
  }
  if (!groupsAreWellFormed(s, group, format.decimalSeparator)) {
    return {
      ok: false,
      reason: `digit grouping does not match decimal separator "${format.decimalSeparator}"`,
    };
  }
  const digits = (whole === '' ? '0' : whole) + fraction.slice(0, exponent).padEnd(exponent, '0');
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'amount too large' };
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

/**
 * The shape nearly every row of a machine export has ("1234.56": digits, at most one decimal
 * separator, no more decimals than the currency has), read digit by digit without the general path's
 * rewrites or a regex match: a million-row import reads two amounts a row. Anything else returns
 * null for the general path.
 */
function plainAmount(text: string, exponent: number, decimalSeparator: '.' | ','): Minor | null {
  const separator = decimalSeparator.charCodeAt(0);
  let value = 0;
  let whole = 0;
  let fraction = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
      if (fraction === -1) whole++;
      else fraction++;
    } else if (code === separator && fraction === -1 && whole > 0) fraction = 0;
    else return null;
  }
  if (whole === 0) return null;
  const decimals = Math.max(fraction, 0);
  if (decimals > exponent) return null;
  // Beyond 2^53 the sum above is no longer exact, but it is then no longer a safe integer either.
  value *= 10 ** (exponent - decimals);
  return Number.isSafeInteger(value) ? value : null;
}

/** Removes a leading or trailing currency code or symbol, noting each one in `written`. */
function stripCurrency(s: string, written: string[]): string {
  const note = (marker: string) => {
    written.push(marker.trim());
    return '';
  };
  return s
    .replace(/^(?:[A-Z]{3}|\p{Sc})\s*/u, note)
    .replace(/\s*(?:[A-Z]{3}|\p{Sc})$/u, note)
    .trim();
}

/** A code or symbol that names another currency than the row's; "$" and unknown symbols name none for sure. */
function contradicts(marker: string, currency: string): boolean {
  // Three capitals that are not a currency ("TBD") are not a claim about the currency.
  if (/^[A-Z]{3}$/.test(marker)) return isCurrencyCode(marker) && marker !== currency;
  const known = SYMBOL_CURRENCIES[marker];
  return known !== undefined && !known.includes(currency);
}

/** "1,234.56" with "." decimals is fine; "1,23.45" or "12.345,6" read with "." decimals is not. */
function groupsAreWellFormed(s: string, group: string, decimal: string): boolean {
  const whole = s.split(decimal)[0] ?? '';
  if (group === ',' && !whole.includes(',')) return true;
  if (group === '.' && !whole.includes('.')) return true;
  const groups = whole.split(group);
  return groups.slice(1).every((g) => /^\d{3}$/.test(g.replace(/[\s\u00a0\u202f']/g, '')));
}

/** Exact decimal string of a minor amount, e.g. 425010 USD → "4250.10". */
export function minorToDecimalString(value: Minor, currency: string): string {
  const exponent = currencyExponent(currency);
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Building a formatter costs far more than using one, and a scrolling list formats thousands of amounts. */
function moneyFormatter(locale: string | undefined, currency: string): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Locale-formatted money for display. Goes through a decimal string so no float rounding is involved. */
export function formatMoney(value: Minor, currency: string, locale?: string): string {
  const formatter = moneyFormatter(locale, currency);
  // Intl accepts decimal strings exactly (ES2023 "string as exact decimal").
  return formatter.format(minorToDecimalString(value, currency) as unknown as number);
}
