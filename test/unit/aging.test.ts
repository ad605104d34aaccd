import { describe, expect, it } from 'vitest';
import { ageItems, agingBucket, type AgingItem } from '../../electron/core/ledger/aging';
import { DEFAULT_AGING_EDGES, agingBucketLabels, type AgingEdges } from '../../shared/aging';

describe('agingBucket', () => {
  it.each([
    [-10, 'current'],
    [0, 'current'],
    [1, 'd1_30'],
    [30, 'd1_30'],
    [31, 'd31_60'],
    [60, 'd31_60'],
    [61, 'd61_90'],
    [90, 'd61_90'],
    [91, 'd91_120'],
    [120, 'd91_120'],
    [121, 'd120_plus'],
    [5000, 'd120_plus'],
  ] as const)('%i days past due → %s', (days, bucket) => expect(agingBucket(days, DEFAULT_AGING_EDGES)).toBe(bucket));

  it.each([
    [15, 'd1_30'],
    [16, 'd31_60'],
    [45, 'd61_90'],
    [60, 'd91_120'],
    [61, 'd120_plus'],
  ] as const)('with edges 15/30/45/60, %i days → %s', (days, bucket) => expect(agingBucket(days, [15, 30, 45, 60])).toBe(bucket));

  it('labels follow the edges', () => {
    expect(agingBucketLabels([15, 30, 45, 60] as AgingEdges)).toMatchObject({ d1_30: '1–15', d31_60: '16–30', d120_plus: '60+' });
  });
});

describe('ageItems', () => {
  const item = (customerId: number, currency: string, dueDate: string, balanceMinor: number): AgingItem => ({
    customerId,
    externalId: `C${customerId}`,
    name: `Customer ${customerId}`,
    currency,
    dueDate,
    balanceMinor,
    credit: balanceMinor < 0 ? 1 : 0,
  });

  it('sums per customer and currency, and per currency in total, saying how much of it is unapplied credits', () => {
    const report = ageItems(
      [
        item(1, 'USD', '2026-11-30', 10_000),
        item(1, 'USD', '2026-10-01', 2_550),
        item(1, 'EUR', '2026-06-01', 99_999),
        item(2, 'USD', '2026-08-01', 100),
        item(2, 'USD', '2026-11-01', -5_000),
        item(3, 'USD', '2026-01-01', 0),
      ],
      '2026-11-22',
      DEFAULT_AGING_EDGES,
    );
    expect(report.totals).toEqual({
      EUR: { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d91_120: 0, d120_plus: 99_999, credits: 0, total: 99_999 },
      USD: { current: 10_000, d1_30: -5_000, d31_60: 2_550, d61_90: 0, d91_120: 100, d120_plus: 0, credits: -5_000, total: 7_650 },
    });
    expect(report.customers.map((c) => [c.externalId, c.currency, c.total])).toEqual([
      ['C1', 'EUR', 99_999],
      ['C1', 'USD', 12_550],
      ['C2', 'USD', -4_900],
    ]);
  });

  it('has no rows for an empty ledger', () => {
    expect(ageItems([], '2026-11-22', DEFAULT_AGING_EDGES)).toEqual({ asOf: '2026-11-22', edges: DEFAULT_AGING_EDGES, totals: {}, customers: [] });
  });
});
