import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates';
import { accuracy, auc, brier } from '../../electron/core/risk/classification-metrics';
import { creditAdvice } from '../../electron/core/risk/credit-advice';
import { fitLogistic, predictProbability, sigmoid, type FeatureRows } from '../../electron/core/risk/logistic-regression';
import { percentile } from '../../electron/core/risk/percentile';
import { FEATURE_KEYS, payDelaysBefore, riskFacts, type InvoiceTerms } from '../../electron/core/risk/risk-features';
import type { CustomerHistory, PastInvoice } from '../../electron/core/risk/risk-history';
import { topReasons } from '../../electron/core/risk/risk-reasons';
import { riskSegment } from '../../electron/core/risk/risk-segment';
import { solveLinear } from '../../electron/core/risk/solve-linear';
import { Random } from '../../electron/core/sample/random';

describe('classification metrics against hand-computed cases', () => {
  it('AUC is the share of (late, on-time) pairs ranked right', () => {
    // Pairs: 0.35>0.1 ✓, 0.35<0.4 ✗, 0.8>0.1 ✓, 0.8>0.4 ✓ → 3 of 4.
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(auc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(auc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])).toBe(0);
  });

  it('AUC counts a tie between a late and an on-time invoice as one half', () => {
    // Late 0.5 vs on-time 0.5, 0.5: ½ + ½; late 0.9 beats both: 2 → 3 of 4.
    expect(auc([0.5, 0.5, 0.5, 0.9], [0, 1, 0, 1])).toBe(0.75);
    expect(auc([0.3, 0.3, 0.3], [1, 0, 0])).toBe(0.5);
    expect(auc([0.3, 0.4], [1, 1])).toBeNaN();
  });

  it('Brier is the mean squared error; accuracy calls P ≥ 0.5 late', () => {
    expect(brier([0.9, 0.2], [1, 0])).toBeCloseTo((0.01 + 0.04) / 2, 12);
    expect(brier([1, 0, 0.5], [1, 0, 1])).toBeCloseTo(0.25 / 3, 12);
    expect(accuracy([0.9, 0.5, 0.49, 0.1], [1, 0, 0, 1])).toBe(0.5);
  });

  it('percentiles interpolate between ranks', () => {
    expect(percentile([0, 10, 20, 30, 40], 0.1)).toBeCloseTo(4, 12);
    expect(percentile([0, 10, 20, 30, 40], 0.9)).toBeCloseTo(36, 12);
    expect(percentile([7], 0.5)).toBe(7);
  });
});

const featureRows = (rows: number[][]): FeatureRows => ({ count: rows.length, width: rows[0]?.length ?? 0, values: Float64Array.from(rows.flat()) });

describe('logistic regression', () => {
  it('solves small linear systems exactly, pivoting past a zero', () => {
    const x = solveLinear(
      [
        [0, 2, 1],
        [1, 1, 0],
        [2, 0, 3],
      ],
      [7, 3, 11],
    );
    [1, 2, 3].forEach((v, i) => expect(x[i]).toBeCloseTo(v, 10));
  });

  it('recovers known coefficients from synthetic data (seeded, so always the same)', () => {
    const rng = new Random(7);
    const truth = { intercept: -0.5, weights: [1.5, -2, 0] };
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let n = 0; n < 100_000; n++) {
      const x = [rng.next() * 4 - 2, rng.next() * 2, rng.next() * 2 - 1];
      const z = truth.intercept + x.reduce((s, v, k) => s + v * truth.weights[k]!, 0);
      rows.push(x);
      labels.push(rng.chance(sigmoid(z)) ? 1 : 0);
    }
    const model = fitLogistic(featureRows(rows), labels, { l2: 0.01 });
    // Back from standardized to raw units: w_raw = w / sd, b_raw = b − Σ w·mean/sd.
    const raw = model.weights.map((w, k) => w / model.stds[k]!);
    const intercept = model.intercept - model.weights.reduce((s, w, k) => s + (w * model.means[k]!) / model.stds[k]!, 0);
    expect(raw[0]).toBeCloseTo(1.5, 1);
    expect(raw[1]).toBeCloseTo(-2, 1);
    expect(Math.abs(raw[2]!)).toBeLessThan(0.05);
    expect(Math.abs(intercept + 0.5)).toBeLessThan(0.05);
    expect(fitLogistic(featureRows(rows), labels, { l2: 0.01 })).toEqual(model);
    expect(predictProbability(model, [0, 0, 0])).toBeCloseTo(sigmoid(-0.5), 1);
  });

  it('gives a feature that never varies no weight', () => {
    const model = fitLogistic(
      featureRows([
        [1, 3],
        [2, 3],
        [3, 3],
        [4, 3],
      ]),
      [0, 1, 0, 1],
    );
    expect(model.weights[1]).toBe(0);
  });
});

const invoice = (
  id: number,
  issueDate: string,
  termsDays: number,
  amountMinor: number,
  paidDate: string | null,
  extra: Partial<PastInvoice> = {},
): PastInvoice => ({
  id,
  customerId: 1,
  issueDate,
  dueDate: addDays(issueDate, termsDays),
  currency: 'USD',
  amountMinor,
  openMinor: paidDate ? 0 : amountMinor,
  paidDate,
  disputed: false,
  billing: null,
  allocations: paidDate ? [{ date: paidDate, amountMinor }] : [],
  ...extra,
});

function history(): CustomerHistory {
  return {
    customerId: 1,
    invoices: [
      invoice(1, '2026-01-05', 30, 100_00, '2026-02-20'), // 16 days late
      invoice(2, '2026-02-01', 30, 300_00, '2026-03-01'), // 2 days early
      invoice(3, '2026-03-01', 30, 200_00, '2026-05-10', { disputed: true }), // 40 days late, paid before the judged invoice
      invoice(4, '2026-04-01', 30, 500_00, '2026-07-15', {
        allocations: [
          { date: '2026-05-20', amountMinor: 100_00 },
          { date: '2026-07-15', amountMinor: 400_00 },
        ],
      }),
      invoice(5, '2026-06-01', 30, 250_00, null), // the invoice judged below
      invoice(6, '2026-07-01', 30, 999_00, '2026-09-30'),
    ],
    disputeDates: ['2026-04-15', '2026-06-20'],
    promises: [
      { currency: 'USD', amountMinor: 50_00, madeDate: '2026-04-20', promisedDate: '2026-04-30', graceDays: 0, cancelledDate: null },
      { currency: 'USD', amountMinor: 50_00, madeDate: '2026-05-25', promisedDate: '2026-06-10', graceDays: 0, cancelledDate: null },
    ],
    payments: [
      { date: '2026-02-20', currency: 'USD', amountMinor: 100_00 },
      { date: '2026-03-01', currency: 'USD', amountMinor: 300_00 },
      { date: '2026-05-10', currency: 'USD', amountMinor: 200_00 },
      { date: '2026-05-20', currency: 'USD', amountMinor: 100_00 },
      { date: '2026-07-15', currency: 'USD', amountMinor: 400_00 },
      { date: '2026-09-30', currency: 'USD', amountMinor: 999_00 },
    ],
  };
}
const judged: InvoiceTerms = { issueDate: '2026-06-01', dueDate: '2026-07-01', amountMinor: 250_00, currency: 'USD' };

describe('risk features', () => {
  it('are what was known the day before the issue date', () => {
    expect(riskFacts(history(), judged)).toEqual({
      priorInvoices: 4,
      settled: 3,
      late: 2,
      meanDaysLate: (16 + 0 + 40) / 3,
      recentDaysLate: (16 + 0 + 40) / 3,
      recentLate: 2,
      recentSettled: 3,
      seasonSettled: 0,
      seasonLate: 0,
      maxDaysLate: 40,
      disputes: 2, // one opened in Inflow on 04-15, one ERP flag on invoice 3 paid before
      brokenPromises: 1, // the first; the second's window was still open
      tenureDays: 147,
      amountLogRatio: Math.log(250 / 250),
      termsDays: 30,
      overdueMinor: 400_00, // invoice 4 was due 05-01, 100 of its 500 paid by then
      currency: 'USD',
      billing: null,
    });
    expect(riskFacts(history(), { ...judged, billing: 'paper' }).billing).toBe('paper');
    expect(payDelaysBefore(history(), judged.issueDate)).toEqual([-2, 16, 40]);
  });

  it('never change when anything dated on or after the issue date changes (no leakage)', () => {
    const before = riskFacts(history(), judged);
    const changed = history();
    changed.invoices[3] = {
      ...changed.invoices[3]!,
      paidDate: '2026-06-01',
      openMinor: 0,
      allocations: [
        { date: '2026-05-20', amountMinor: 100_00 },
        { date: '2026-06-01', amountMinor: 400_00 },
      ],
    };
    changed.invoices[4] = {
      ...changed.invoices[4]!,
      paidDate: '2026-12-31',
      openMinor: 0,
      disputed: true,
      allocations: [{ date: '2026-12-31', amountMinor: 250_00 }],
    };
    changed.invoices[5] = { ...changed.invoices[5]!, paidDate: null, disputed: true, amountMinor: 5_000_00 };
    changed.invoices.push(invoice(7, '2026-06-01', 10, 1_00, '2026-06-01'), invoice(8, '2026-08-01', 60, 7_00, null));
    changed.disputeDates.push('2026-06-01', '2026-10-01');
    changed.promises.push({ currency: 'USD', amountMinor: 9_00, madeDate: '2026-06-01', promisedDate: '2026-06-02', graceDays: 0, cancelledDate: null });
    changed.payments.push({ date: '2026-06-01', currency: 'USD', amountMinor: 1_000_00 });
    expect(riskFacts(changed, judged)).toEqual(before);
  });

  it('do change with what was known before (the test above is not vacuous)', () => {
    const changed = history();
    changed.disputeDates.push('2026-05-31');
    expect(riskFacts(changed, judged).disputes).toBe(3);
  });
});

describe('reasons, segments and credit advice', () => {
  const facts = riskFacts(history(), judged);

  it('word the three weightiest features, either way, from their facts', () => {
    const contributions = FEATURE_KEYS.map(
      (key) => (({ late_share: 1.2, open_overdue: -0.8, disputes: 0.5, tenure: 0.1 }) as Record<string, number>)[key] ?? 0,
    );
    expect(topReasons(contributions, facts)).toEqual(['paid 2 of 3 invoices late', '$400.00 already overdue when invoiced', '2 disputes raised before']);
  });

  it('segments by P(late), with too short a history "new"', () => {
    expect(riskSegment(0.1, facts)).toBe('reliable');
    expect(riskSegment(0.4, facts)).toBe('occasionally_late');
    expect(riskSegment(0.7, facts)).toBe('habitually_late');
    expect(riskSegment(0.1, { ...facts, settled: 2 })).toBe('new');
  });

  it('advises on credit only for new and habitually late customers', () => {
    const terms = { currency: 'USD', termsDays: 30, creditLimitMinor: 10_000_00, usualInvoiceMinor: 1_500_00 };
    expect(creditAdvice('reliable', 0.1, terms)).toEqual([]);
    expect(creditAdvice('new', 0.3, terms).map((a) => a.code)).toEqual(['deposit', 'lower_limit']);
    expect(creditAdvice('new', 0.3, terms)[1]!.text).toContain('$3,000.00');
    expect(creditAdvice('habitually_late', 0.9, terms)).toEqual([
      { code: 'shorter_terms', text: 'Shorten terms from Net 30 to Net 15' },
      { code: 'lower_limit', text: 'Lower the limit from $10,000.00 to $5,000.00' },
      { code: 'deposit', text: 'Ask for a deposit on new orders' },
    ]);
  });
});
