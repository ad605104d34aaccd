import { describe, expect, it } from 'vitest';
import type { ChargePolicy } from '../../shared/charges';
import { accrueInterest, type PrincipalReduction } from '../../electron/core/charges/accrue-interest';
import { chargeRule, rateInForce, ukReferenceDay, type RateTable } from '../../electron/core/charges/charge-rules';
import { SHIPPED_REFERENCE_RATES } from '../../electron/core/charges/reference-rate-history';

/**
 * Hand-worked cases: each expected figure was computed by hand (exact fractions, shown in the
 * comment) and rounded once, half away from zero, to the cent.
 */
const policy = (over: Partial<ChargePolicy>): ChargePolicy => ({
  id: 'p',
  name: 'P',
  segments: [],
  kind: 'contractual',
  rateBp: 1000,
  ratePer: 'year',
  compounding: false,
  fixedFeeMinor: 0,
  graceDays: 0,
  dayCount: 'act365',
  ...over,
});
const table = SHIPPED_REFERENCE_RATES as RateTable;

function interest(p: ChargePolicy, amountMinor: number, dueDate: string, asOf: string, reductions: PrincipalReduction[] = []) {
  const rule = chargeRule(p, table);
  const accrual = accrueInterest({
    amountMinor,
    dueDate,
    asOf,
    reductions,
    graceDays: p.graceDays,
    rateOn: rule.rateOn,
    rateBreaks: rule.rateBreaks,
    dayCount: p.dayCount,
    compounding: p.compounding,
  });
  return { ...accrual, fee: rule.fixedFee(amountMinor, p.kind === 'uk_late_payment' ? 'GBP' : 'EUR') };
}

describe('interest on one overdue invoice', () => {
  it('1.5 % a month, simple: 100,000.00 for 30 days is 100,000 × 18 % × 30/365 = 1,479.45', () => {
    expect(interest(policy({ rateBp: 150, ratePer: 'month' }), 10_000_000, '2026-01-31', '2026-03-02')).toMatchObject({ days: 30, interestMinor: 147_945 });
  });

  it('a part-payment lowers the base from its own date: 1,000 for 14 days, then 600 for 14 days, at 10 % = 6.14', () => {
    // (100,000 × 14 + 60,000 × 14) × 0.10 / 365 = 613.70 cents
    expect(interest(policy({}), 100_000, '2026-01-31', '2026-02-28', [{ date: '2026-02-15', amountMinor: 40_000 }]).interestMinor).toBe(614);
  });

  it('a payment after the as-of date is not known yet, and a payment before the due date lowers the whole period', () => {
    expect(interest(policy({}), 100_000, '2026-01-31', '2026-02-28', [{ date: '2026-03-05', amountMinor: 40_000 }]).interestMinor).toBe(767);
    // 60,000 × 0.10 × 28/365 = 460.27
    expect(interest(policy({}), 100_000, '2026-01-31', '2026-02-28', [{ date: '2026-01-10', amountMinor: 40_000 }]).interestMinor).toBe(460);
    expect(interest(policy({}), 100_000, '2026-01-31', '2026-02-28', [{ date: '2026-02-01', amountMinor: 100_000 }]).interestMinor).toBe(0);
  });

  it('leap years: 29 February is a day of interest; actual/actual divides by 366 in a leap year', () => {
    // 28 Feb, 29 Feb, 1 Mar 2024: 3,660,000 × 10 % × 3/365 = 3,008.22; /366 = 3,000 exactly
    expect(interest(policy({}), 3_660_000, '2024-02-27', '2024-03-01')).toMatchObject({ days: 3, interestMinor: 3_008 });
    expect(interest(policy({ dayCount: 'actact' }), 3_660_000, '2024-02-27', '2024-03-01').interestMinor).toBe(3_000);
    // Across New Year: 2 days of 2023 (/365) and 2 of 2024 (/366): 366,000 × (2/365 + 2/366) = 4,005.48
    expect(interest(policy({ dayCount: 'actact' }), 3_660_000, '2023-12-29', '2024-01-02').interestMinor).toBe(4_005);
  });

  it('grace days: interest starts the day after due date + grace', () => {
    // 6–10 Feb: 5 days, 100,000 × 10 % × 5/365 = 136.99
    expect(interest(policy({ graceDays: 5 }), 100_000, '2026-01-31', '2026-02-10')).toMatchObject({ days: 5, interestMinor: 137 });
    expect(interest(policy({ graceDays: 10 }), 100_000, '2026-01-31', '2026-02-10')).toMatchObject({ days: 0, interestMinor: 0 });
  });

  it('monthly compounding adds the interest to the base on each anniversary, rounded as it is booked', () => {
    // Feb: 100,000 × 12 % × 28/365 = 920.55 → 921 booked on 1 Mar; Mar: 100,921 × 12 % × 31/365 = 1,028.56 → 1,029 on 1 Apr;
    // 1 Apr: 101,950 × 12 % / 365 = 33.52 → 34. Total 1,984.
    expect(interest(policy({ rateBp: 100, ratePer: 'month', compounding: true }), 100_000, '2026-01-31', '2026-04-01').interestMinor).toBe(1_984);
  });
});

describe('statutory presets', () => {
  it('EU Directive: the ECB rate of each half-year + 8 points, so a delay across 1 July changes rate; €40 per invoice', () => {
    // ECB MRO on 1 Jan 2025 3.15 % (from 18 Dec 2024) → 11.15 % for 21–30 June; on 1 Jul 2025 2.15 % → 10.15 % for 1–10 July.
    // 1,000,000 × (11.15 % × 10 + 10.15 % × 10) / 365 = 5,835.62
    expect(interest(policy({ kind: 'eu_directive' }), 1_000_000, '2025-06-20', '2025-07-10')).toMatchObject({
      days: 20,
      interestMinor: 5_836,
      fee: 4_000,
      rateBp: 1_015,
    });
  });

  it('Germany § 288 (2) BGB: Basiszinssatz of each half-year + 9 points; €40 lump sum', () => {
    // Basiszinssatz 1.27 % in H1 2026 → 10.27 % for 21–30 June; 1.52 % from 1 Jul 2026 → 10.52 % for 1–5 July.
    // 500,000 × (10.27 % × 10 + 10.52 % × 5) / 365 = 2,127.40
    expect(interest(policy({ kind: 'de_bgb_288' }), 500_000, '2026-06-20', '2026-07-05')).toMatchObject({ days: 15, interestMinor: 2_127, fee: 4_000 });
    // A negative base rate still gives a positive statutory rate: −0.88 % + 9 = 8.12 % in 2020.
    expect(interest(policy({ kind: 'de_bgb_288' }), 3_650_000, '2020-03-01', '2020-03-11').interestMinor).toBe(8_120);
  });

  it('UK Late Payment Act: Bank Rate on the 31 Dec / 30 Jun before interest starts + 8 points, fixed for the debt', () => {
    // Interest from 21 Jan 2026: Bank Rate on 31 Dec 2025 was 3.75 % → 11.75 %; 40 days: 500,000 × 11.75 % × 40/365 = 6,438.36
    expect(interest(policy({ kind: 'uk_late_payment' }), 500_000, '2026-01-20', '2026-03-01')).toMatchObject({ days: 40, interestMinor: 6_438, fee: 7_000 });
    // From 1 Jul 2025: the rate on 30 Jun 2025 (4.25 %) → 12.25 %, kept after the August cut: 61 days = 10,236.30
    expect(interest(policy({ kind: 'uk_late_payment' }), 500_000, '2025-06-30', '2025-08-30')).toMatchObject({
      days: 61,
      interestMinor: 10_236,
      rateBp: 1_225,
    });
    expect(ukReferenceDay('2026-01-21')).toBe('2025-12-31');
    expect(ukReferenceDay('2026-07-01')).toBe('2026-06-30');
  });

  it('UK fixed sums by the size of the debt: £40 under £1,000, £70 under £10,000, £100 from £10,000', () => {
    const uk = chargeRule(policy({ kind: 'uk_late_payment' }), table);
    expect([99_999, 100_000, 999_999, 1_000_000].map((amount) => uk.fixedFee(amount, 'GBP'))).toEqual([4_000, 7_000, 7_000, 10_000]);
    expect(uk.fixedFee(100_000, 'EUR')).toBe(0);
  });

  it('the shipped tables name the rate in force on a date, and refuse a date before them', () => {
    expect(rateInForce(table, 'ecb_mro', '2025-07-01')).toBe(215);
    expect(rateInForce(table, 'boe_bank_rate', '2023-12-31')).toBe(525);
    expect(rateInForce(table, 'de_basiszins', '2022-12-31')).toBe(-88);
    expect(() => rateInForce(table, 'de_basiszins', '2001-12-31')).toThrow(/No de_basiszins reference rate/);
    for (const rows of Object.values(SHIPPED_REFERENCE_RATES)) expect(rows.map(([d]) => d)).toEqual([...rows.map(([d]) => d)].sort());
  });
});
