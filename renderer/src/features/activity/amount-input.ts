import { currencyExponent, minorToDecimalString, parseAmount } from '../../../../shared/money';

/** The decimal separator the user types, from their locale ("1,5" in Germany, "1.5" in the US). */
const decimal = (1.5).toLocaleString(typeof navigator === 'undefined' ? 'en-US' : navigator.language).includes(',') ? ',' : '.';

/** A positive amount typed by the user, in exact minor units; throws a message a form can show. */
export function parseUserAmount(text: string, currency: string, field = 'Amount'): number {
  const parsed = parseAmount(text, currencyExponent(currency), { decimalSeparator: decimal });
  if (!parsed.ok) throw new Error(`${field}: ${parsed.reason}.`);
  if (parsed.value <= 0) throw new Error(`${field}: must be more than zero.`);
  return parsed.value;
}

/** Minor units back to what the user would type, for pre-filled amounts (no grouping, their decimal mark). */
export function amountText(minor: number, currency: string): string {
  const text = minorToDecimalString(minor, currency);
  return decimal === ',' ? text.replace('.', ',') : text;
}
