import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentFact } from '../../electron/core/activity/promise-status';
import { customerRisk } from '../../electron/core/risk/customer-risk';
import { historyFacts } from '../../electron/core/risk/history-facts';
import { fitLogistic, sigmoid, type LogisticModel } from '../../electron/core/risk/logistic-regression';
import { percentile } from '../../electron/core/risk/percentile';
import { readRiskHistories } from '../../electron/core/risk/read-risk-history';
import { retrainRisk } from '../../electron/core/risk/retrain-risk';
import { featureVector, isLate } from '../../electron/core/risk/risk-features';
import { balanceBefore, LATE_GRACE_DAYS, type CustomerHistory } from '../../electron/core/risk/risk-history';
import { trainingSet, trainRiskModel, type RiskModel } from '../../electron/core/risk/risk-model';
import { readLatestModel } from '../../electron/core/risk/risk-store';
import { solveLinear } from '../../electron/core/risk/solve-linear';
import { loadSample } from '../../electron/core/sample/load-sample';
import { Random } from '../../electron/core/sample/random';
import { openDatabase, type OpenDatabase } from '../../electron/db/open';
import { addDays, daysBetween, type IsoDate } from '../../shared/dates';

/*
 * The straightforward training path, as it was before training moved into typed arrays: one object
 * per example, a second standardized copy of every row. The typed path must give the very same
 * model, bit for bit, since stored models and scores may not change with how memory is laid out.
 */
interface ReferenceExample {
  features: number[];
  late: 0 | 1;
  delay: number | null;
}

function referenceExamples(histories: Iterable<CustomerHistory>, asOf: IsoDate): ReferenceExample[] {
  const rows: ReferenceExample[] = [];
  const lateBy = addDays(asOf, -LATE_GRACE_DAYS);
  for (const history of histories) {
    const facts = historyFacts(history);
    history.invoices.forEach((invoice, k) => {
      const features = featureVector(facts[k]!);
      if (invoice.paidDate !== null && invoice.paidDate <= asOf)
        rows.push({ features, late: isLate(invoice) ? 1 : 0, delay: daysBetween(invoice.dueDate, invoice.paidDate) });
      else if (invoice.dueDate < lateBy && balanceBefore(invoice, addDays(asOf, 1)) > 0) rows.push({ features, late: 1, delay: null });
    });
  }
  return rows;
}

function referenceModel(examples: ReferenceExample[], asOf: IsoDate): RiskModel {
  const late = examples.filter((e) => e.late === 1);
  const delays = examples.flatMap((e) => (e.delay === null ? [] : [e.delay])).sort((a, b) => a - b);
  const lateDays = late.flatMap((e) => (e.delay === null ? [] : [e.delay]));
  return {
    asOf,
    nTrain: examples.length,
    lateShare: late.length / examples.length,
    meanLateDays: lateDays.length > 0 ? lateDays.reduce((a, b) => a + b, 0) / lateDays.length : 0,
    delayBand: { p10: percentile(delays, 0.1), p90: percentile(delays, 0.9) },
    logistic: referenceFit(
      examples.map((e) => e.features),
      examples.map((e) => e.late),
      1,
    ),
  };
}

function referenceFit(rows: number[][], labels: number[], l2: number): LogisticModel {
  const p = rows[0]?.length ?? 0;
  const n = rows.length;
  const means = Array.from({ length: p }, (_, k) => rows.reduce((s, r) => s + r[k]!, 0) / Math.max(n, 1));
  const stds = means.map((m, k) => {
    const sd = Math.sqrt(rows.reduce((s, r) => s + (r[k]! - m) ** 2, 0) / Math.max(n, 1));
    return sd > 1e-12 ? sd : 1;
  });
  const z = rows.map((row) => [1, ...row.map((v, k) => (v - means[k]!) / stds[k]!)]);
  const width = p + 1;
  const beta = new Array<number>(width).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = beta.map((b, i) => (i === 0 ? 0 : -l2 * b));
    const hessian = Array.from({ length: width }, (_, i) => Array.from({ length: width }, (__, j) => (i === j && i > 0 ? l2 : 0)));
    z.forEach((zr, r) => {
      let logit = 0;
      for (let i = 0; i < width; i++) logit += beta[i]! * zr[i]!;
      const prob = sigmoid(logit);
      const weight = Math.max(prob * (1 - prob), 1e-10);
      for (let i = 0; i < width; i++) {
        gradient[i]! += (labels[r]! - prob) * zr[i]!;
        for (let j = 0; j <= i; j++) hessian[i]![j]! += weight * zr[i]! * zr[j]!;
      }
    });
    const square = hessian.map((row, i) => row.map((_, j) => hessian[Math.max(i, j)]![Math.min(i, j)]!));
    const step = solveLinear(square, gradient);
    step.forEach((s, k) => (beta[k]! += s));
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { means, stds, intercept: beta[0]!, weights: beta.slice(1) };
}

let dir: string;
let database: OpenDatabase;
let histories: Map<number, CustomerHistory>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-training-'));
  database = openDatabase(join(dir, 'inflow.db'), randomBytes(32));
  loadSample(database.sqlite, { anchor: '2026-11-22', now: '2026-11-22T12:00:00Z' });
  histories = readRiskHistories(database.sqlite);
}, 60_000);
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('training in typed arrays', () => {
  it.each(['2026-05-22', '2026-11-22'])('holds the same rows as one object per example, as known at %s', (asOf) => {
    const reference = referenceExamples(histories.values(), asOf);
    const set = trainingSet(histories, asOf);
    const width = set.features.width;
    expect(set.features.count).toBe(reference.length);
    reference.forEach((example, row) => {
      expect([...set.features.values.subarray(row * width, (row + 1) * width)]).toEqual(example.features);
      expect(set.late[row]).toBe(example.late);
      expect(set.delays[row]).toEqual(example.delay ?? Number.NaN);
    });
    // Both kinds of row are there: paid ones, and unpaid ones known late with no delay yet.
    expect(reference.filter((e) => e.delay === null).length).toBeGreaterThan(50);
    expect(reference.filter((e) => e.delay !== null).length).toBeGreaterThan(1_000);
  });

  it.each(['2026-05-22', '2026-11-22'])('learns the very model the reference learns, as known at %s', (asOf) => {
    const model = trainRiskModel(trainingSet(histories, asOf), asOf);
    expect(model).toEqual(referenceModel(referenceExamples(histories.values(), asOf), asOf));
    expect(model!.logistic.weights.filter((w) => w !== 0).length).toBeGreaterThan(5);
  });

  it('fits seeded rows exactly as the copying fit, a constant column included', () => {
    const rng = new Random(11);
    const rows = Array.from({ length: 20_000 }, () => [rng.next() * 4 - 2, rng.next() * 10, 3, rng.chance(0.3) ? 1 : 0]);
    const labels = rows.map((x) => (rng.chance(sigmoid(0.8 * x[0]! - 0.2 * x[1]! + x[3]!)) ? 1 : 0));
    const model = fitLogistic({ count: rows.length, width: 4, values: Float64Array.from(rows.flat()) }, labels, { l2: 1 });
    expect(model).toEqual(referenceFit(rows, labels, 1));
    expect(model.weights[2]).toBe(0);
  });
});

describe('risk histories', () => {
  it('leave out the payments of customers who never promised, which change none of their facts', () => {
    const all = new Map<number, PaymentFact[]>();
    for (const p of database.sqlite
      .prepare('SELECT customer_id AS customerId, received_date AS date, currency, amount_minor AS amountMinor FROM payments ORDER BY id')
      .all() as (PaymentFact & { customerId: number })[]) {
      all.set(p.customerId, [...(all.get(p.customerId) ?? []), { date: p.date, currency: p.currency, amountMinor: p.amountMinor }]);
    }
    const without = [...histories.values()].filter((h) => h.promises.length === 0 && all.has(h.customerId));
    expect(without.length).toBeGreaterThan(20);
    for (const history of without) {
      expect(history.payments).toEqual([]);
      expect(historyFacts({ ...history, payments: all.get(history.customerId)! })).toEqual(historyFacts(history));
    }
    const promisers = [...histories.values()].filter((h) => h.promises.length > 0);
    expect(promisers.length).toBeGreaterThan(20);
    for (const history of promisers) expect(history.payments).toEqual(all.get(history.customerId) ?? []);
  });
});

describe('a retrain', () => {
  it('stores for every customer the score its own history gives afresh under the stored model', () => {
    const today = '2026-11-22';
    const summary = retrainRisk(database.sqlite, today, '2026-11-22T13:00:00Z');
    const model = readLatestModel(database.sqlite)!.model;
    expect(model).toEqual(referenceModel(referenceExamples(histories.values(), today), today));
    const limits = new Map(
      (database.sqlite.prepare('SELECT id, credit_limit_minor AS limitMinor FROM customers').all() as { id: number; limitMinor: number | null }[]).map((c) => [
        c.id,
        c.limitMinor,
      ]),
    );
    const stored = database.sqlite
      .prepare(
        'SELECT customer_id AS customerId, p_late AS pLate, expected_days_late AS expectedDaysLate, segment, reasons, advice FROM customer_risk ORDER BY customer_id',
      )
      .all() as { customerId: number; reasons: string; advice: string }[];
    const afresh = [...histories.values()].flatMap((history) => {
      const risk = customerRisk(model, history, today, { creditLimitMinor: limits.get(history.customerId) ?? null });
      return risk ? [{ ...risk, reasons: JSON.stringify(risk.reasons), advice: JSON.stringify(risk.advice) }] : [];
    });
    expect(stored).toEqual(afresh);
    expect(summary!.customersScored).toBe(afresh.length);
    expect(afresh.length).toBeGreaterThan(250);
    expect(new Set(stored.map((s) => (s as unknown as { segment: string }).segment)).size).toBeGreaterThan(2);
  });
});
