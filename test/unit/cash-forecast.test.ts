import { describe, expect, it } from 'vitest';
import { CATCH_UP_WEEKS, cashForecast, HORIZON_WEEKS, type OpenItem } from '../../electron/core/forecast/cash-forecast';

const AS_OF = '2026-11-22';
const item = (over: Partial<OpenItem>): OpenItem => ({
  invoiceId: 1,
  currency: 'USD',
  balanceMinor: 100_00,
  dueDate: '2026-12-01',
  expectedDaysLate: 0,
  band: { p10: -2, p90: 20 },
  ...over,
});

describe('cash forecast', () => {
  it('puts each balance in the week of its predicted pay day, with the early and late timings as the band', () => {
    const [usd] = cashForecast([item({ expectedDaysLate: 3.4 })], AS_OF);
    expect(usd!.weeks).toHaveLength(HORIZON_WEEKS);
    expect(usd!.weeks[0]).toMatchObject({ weekStart: '2026-11-23', weekEnd: '2026-11-29', expectedMinor: 0 });
    // Due 12-01 + 3 days = 12-04, the second week (11-30 … 12-06); p10 (11-29) the first; p90 (12-21) the fifth.
    expect(usd!.weeks.map((w) => w.expectedMinor).slice(0, 5)).toEqual([0, 100_00, 0, 0, 0]);
    expect(usd!.weeks.map((w) => [w.lowMinor, w.highMinor]).slice(0, 5)).toEqual([
      [0, 100_00],
      [0, 100_00],
      [0, 0],
      [0, 0],
      [0, 100_00],
    ]);
  });

  it('spreads an invoice whose predicted day has passed over the coming weeks, to the cent', () => {
    const [usd] = cashForecast([item({ dueDate: '2026-09-01', balanceMinor: 100_03, expectedDaysLate: 10, band: { p10: 0, p90: 30 } })], AS_OF);
    expect(usd!.weeks.map((w) => w.expectedMinor).slice(0, CATCH_UP_WEEKS + 1)).toEqual([25_03, 25_00, 25_00, 25_00, 0]);
  });

  it('sums, with what falls after the horizon, to the open balance, per currency', () => {
    const items = [
      item({ balanceMinor: 123_45 }),
      item({ dueDate: '2026-06-01', balanceMinor: 999_99, expectedDaysLate: 40 }),
      item({ dueDate: '2027-06-01', balanceMinor: 5_000_00 }),
      item({ currency: 'JPY', balanceMinor: 70_001, expectedDaysLate: 61.7 }),
      item({ dueDate: '2027-02-10', balanceMinor: 77_77, expectedDaysLate: 12 }),
    ];
    const forecast = cashForecast(items, AS_OF);
    expect(forecast.map((c) => c.currency)).toEqual(['JPY', 'USD']);
    for (const c of forecast) {
      const open = items.filter((i) => i.currency === c.currency).reduce((s, i) => s + i.balanceMinor, 0);
      expect(c.openMinor).toBe(open);
      expect(c.weeks.reduce((s, w) => s + w.expectedMinor, 0) + c.beyondMinor).toBe(open);
      for (const w of c.weeks) expect(w.lowMinor <= w.expectedMinor && w.expectedMinor <= w.highMinor).toBe(true);
    }
    expect(forecast[1]!.beyondMinor).toBe(5_000_00 + 77_77);
  });
});
