import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMoney, minorToDecimalString, parseAmount } from '../../shared/money';

describe('parseAmount', () => {
  it.each([
    ['4250.00', 2, '.', 425000],
    ['$4,250.00', 2, '.', 425000],
    ['(1,234.56)', 2, '.', -123456],
    ['-$50.00', 2, '.', -5000],
    ['$-605.46', 2, '.', -60546],
    ['1.234,56', 2, ',', 123456],
    ['1 234,56 €', 2, ',', 123456],
    ['12,5', 2, ',', 1250],
    ['0.1', 2, '.', 10],
    ['0.10', 2, '.', 10],
    ['1000', 0, '.', 1000],
    ['1,000', 0, '.', 1000],
    ['12.345', 3, '.', 12345],
    ['USD 99.99', 2, '.', 9999],
    ['150-', 2, '.', -15000],
    ['1.50', 2, '.', 150],
    ['12.340', 2, '.', 1234],
  ] as const)('%s (exp %i, "%s") → %i', (text, exponent, decimal, expected) => {
    expect(parseAmount(text, exponent, { decimalSeparator: decimal })).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['TBD', 'not a number'],
    ['12.5O', 'not a number'],
    ['12.345', 'more than 2 decimal places'],
    ['1.234,56', 'does this file use "," for decimals'],
    ['1.2.3', 'more than one decimal separator'],
    ['1,23.45', 'digit grouping'],
    ['99999999999999999', 'too large'],
  ])('rejects %j (%s)', (text, reason) => {
    const result = parseAmount(text, 2, { decimalSeparator: '.' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('never goes through a float: 0.29 × 100 style errors cannot happen', () => {
    for (let cents = 0; cents < 1000; cents++) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      expect(parseAmount(text, 2, { decimalSeparator: '.' })).toEqual({ ok: true, value: cents });
    }
  });
});

describe('money formatting', () => {
  it('knows minor units per currency', () => {
    expect([currencyExponent('USD'), currencyExponent('JPY'), currencyExponent('KWD')]).toEqual([2, 0, 3]);
  });

  it('prints exact decimal strings and locale money', () => {
    expect(minorToDecimalString(425010, 'USD')).toBe('4250.10');
    expect(minorToDecimalString(-5, 'USD')).toBe('-0.05');
    expect(minorToDecimalString(1000, 'JPY')).toBe('1000');
    expect(formatMoney(123456789, 'USD', 'en-US')).toBe('$1,234,567.89');
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
  });
});

describe('parseAmount: a currency written in the amount must agree with the row', () => {
  it.each([
    ['EUR 1,200.00', 'USD', '.', "written in EUR, but the row's currency is USD"],
    ['£120.00', 'USD', '.', "written in £, but the row's currency is USD"],
    ['-€5', 'GBP', '.', "written in €, but the row's currency is GBP"],
  ] as const)('%s in a %s row is refused', (text, currency, decimalSeparator, reason) => {
    expect(parseAmount(text, 2, { decimalSeparator, currency })).toEqual({ ok: false, reason });
  });

  it.each([
    ['$5.00', 'CAD', '.', 500],
    ['1.200,00 €', 'EUR', ',', 120_000],
    ['USD 7', 'USD', '.', 700],
    ['¥1,200', 'JPY', '.', 120_000],
  ] as const)('%s in a %s row is read', (text, currency, decimalSeparator, value) => {
    expect(parseAmount(text, 2, { decimalSeparator, currency })).toEqual({ ok: true, value });
  });
});
