import { describe, expect, it } from 'vitest';
import { splitInstallments } from '../../shared/installments';

describe('splitInstallments', () => {
  it.each([
    [
      'even split, monthly',
      300_000,
      3,
      '2026-12-15',
      'monthly',
      [
        ['2026-12-15', 100_000],
        ['2027-01-15', 100_000],
        ['2027-02-15', 100_000],
      ],
    ],
    [
      'the last takes the remainder',
      100_000,
      3,
      '2026-12-01',
      'weekly',
      [
        ['2026-12-01', 33_333],
        ['2026-12-08', 33_333],
        ['2026-12-15', 33_334],
      ],
    ],
    [
      'month ends clamp (31st → 28th)',
      2,
      2,
      '2027-01-31',
      'monthly',
      [
        ['2027-01-31', 1],
        ['2027-02-28', 1],
      ],
    ],
    [
      'fortnightly',
      10,
      2,
      '2026-12-30',
      'fortnightly',
      [
        ['2026-12-30', 5],
        ['2027-01-13', 5],
      ],
    ],
    ['one installment', 999, 1, '2026-12-01', 'monthly', [['2026-12-01', 999]]],
  ] as const)('%s', (_why, total, count, first, every, expected) => {
    const plan = splitInstallments(total, count, first, every);
    expect(plan.map((i) => [i.dueDate, i.amountMinor])).toEqual(expected);
    expect(plan.reduce((sum, i) => sum + i.amountMinor, 0)).toBe(total);
  });

  it.each([
    [0, 1],
    [100, 0],
    [100, 121],
    [2, 3],
    [1.5, 1],
  ])('refuses a total of %s in %s installments', (total, count) => {
    expect(() => splitInstallments(total, count, '2026-12-01', 'monthly')).toThrow(RangeError);
  });
});
