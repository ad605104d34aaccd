import { AppError } from '../../../shared/errors';
import { currencyExponent, parseAmount, type Minor } from '../../../shared/money';

/**
 * An amount an ERP sent as a JSON number, in minor units. JSON numbers arrive as binary floats, so the
 * number is written back as the shortest decimal that reads as it (what the ERP printed: 0.3 for
 * Odoo's rounded 0.30000000000000004) and rounded half away from zero at the currency's exponent as
 * text, then parsed like any export amount. No float arithmetic touches the value.
 */
export function jsonAmountToMinor(value: unknown, currency: string): Minor {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AppError('SYNC_FAILED', `The ERP sent ${JSON.stringify(value)} where an amount belongs.`);
  }
  const exponent = currencyExponent(currency);
  const text = roundDecimal(decimalText(value), exponent);
  const parsed = parseAmount(text, exponent, { decimalSeparator: '.' });
  if (!parsed.ok) throw new AppError('SYNC_FAILED', `The ERP sent the amount ${text}, which is not an amount in ${currency}: ${parsed.reason}.`);
  return parsed.value;
}

/** Plain decimal notation, also for numbers JavaScript would print with an exponent (1e-7, 1e21). */
function decimalText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa = '', power = '0'] = text.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole = '', fraction = ''] = mantissa.replace('-', '').split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(power);
  const plain =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

function roundDecimal(text: string, exponent: number): string {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  if (fraction.length <= exponent) return text;
  const kept = BigInt(whole + fraction.slice(0, exponent)) + (Number(fraction[exponent]) >= 5 ? 1n : 0n);
  const digits = kept.toString().padStart(exponent + 1, '0');
  const rounded = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative && kept !== 0n ? `-${rounded}` : rounded;
}
