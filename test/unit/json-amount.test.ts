import { describe, expect, it } from 'vitest';
import { jsonAmountToMinor } from '../../electron/core/sync/json-amount';

describe('amounts an ERP sends as JSON numbers', () => {
  it.each([
    [0.1 + 0.2, 'USD', 30],
    [1234.56, 'USD', 123456],
    [4250.1, 'USD', 425010],
    [1.005, 'USD', 101],
    [-0.005, 'USD', -1],
    [1500, 'JPY', 1500],
    [1499.5, 'JPY', 1500],
    [1.2345, 'KWD', 1235],
    [1e-7, 'USD', 0],
    [12345678901234.5, 'USD', 1234567890123450],
    [0, 'EUR', 0],
  ])('%s %s is %s minor units', (value, currency, minor) => {
    expect(jsonAmountToMinor(value, currency)).toBe(minor);
  });

  it.each([[false], ['12.50'], [Number.NaN], [null]])('refuses %s', (value) => {
    expect(() => jsonAmountToMinor(value, 'USD')).toThrow(/where an amount belongs/);
  });
});
