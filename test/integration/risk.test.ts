import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/** The risk model and the cash forecast on the embedded sample (anchored at the frozen "today", 2026-11-22). */
let t: TempCore;
beforeAll(async () => {
  t = tempCore();
  await t.core.call('sample.load', { jobId: JOB() });
}, 60_000);
afterAll(() => t.dispose());

describe('risk model on the sample', () => {
  it("beats the customer's past late share alone on a six-month time split", async () => {
    const result = await t.core.call('risk.evaluate', { asOf: '2026-05-22' });
    expect(result.nTrain).toBeGreaterThan(5000);
    expect(result.nTest).toBeGreaterThan(1000);
    expect(result.auc).toBeGreaterThan(result.baselineAuc + 0.01);
    expect(result.auc).toBeGreaterThan(0.8);
    expect(result.brier).toBeLessThan(0.15);
    expect(result.accuracy).toBeGreaterThan(0.8);
  });

  it('is trained by the sample load, scores every customer and feeds the queue', async () => {
    const stored = t.query<{ n: number }>('SELECT count(*) AS n FROM customer_risk')[0]!.n;
    expect(stored).toBe(300);
    const page = await t.core.call('worklist.list', { limit: 1000 });
    expect(page.rows.every((row) => row.factors.some((f) => f.key === 'risk') || row.factors.length > 0)).toBe(true);
    expect(page.rows.filter((row) => row.factors.some((f) => f.key === 'risk')).length).toBeGreaterThan(page.rows.length / 2);
    const distribution = await t.core.call('risk.distribution', {});
    expect(distribution.bins.reduce((s, b) => s + b.customers, 0)).toBe(300);
    expect(Object.values(distribution.segments).reduce((s, n) => s + n, 0)).toBe(300);
    expect(distribution.segments.reliable).toBeGreaterThan(0);
    expect(distribution.segments.habitually_late).toBeGreaterThan(0);
  });

  it('explains a customer in three reasons and advises on credit when it is habitually late', async () => {
    const [worst] = t.query<{ id: number }>("SELECT customer_id AS id FROM customer_risk WHERE segment = 'habitually_late' ORDER BY p_late DESC LIMIT 1");
    const risk = (await t.core.call('risk.customer', { customerId: worst!.id }))!;
    expect(risk.pLate).toBeGreaterThan(0.6);
    expect(risk.expectedDaysLate).toBeGreaterThan(0);
    expect(risk.reasons).toHaveLength(3);
    expect(risk.advice.map((a) => a.code)).toContain('shorter_terms');
    const retrained = await t.core.call('risk.train', {});
    expect(retrained).toMatchObject({ asOf: '2026-11-22', customersScored: 300 });
    expect(t.query<{ n: number }>('SELECT count(*) AS n FROM risk_models')[0]!.n).toBe(2);
  });
});

describe('billing channel', () => {
  it('is read from an export that says it, kept when a later export does not, and refused when unknown', async () => {
    const fresh = tempCore();
    try {
      const header = 'Invoice Number,Customer ID,Issue Date,Due Date,Amount,Billing\n';
      await fresh.core.call('import.run', {
        jobId: JOB(),
        fileId: fresh.stageText('a.csv', `${header}1,C1,2026-01-05,2026-02-04,100.00,Paperless\n2,C1,2026-02-05,2026-03-07,50.00,Paper\n`),
        preset: 'generic-invoices',
      });
      await fresh.core.call('import.run', {
        jobId: JOB(),
        fileId: fresh.stageText('b.csv', 'Invoice Number,Customer ID,Issue Date,Due Date,Amount\n1,C1,2026-01-05,2026-02-04,100.00\n'),
        preset: 'generic-invoices',
      });
      expect(fresh.query('SELECT number, billing FROM invoices ORDER BY number')).toEqual([
        { number: '1', billing: 'electronic' },
        { number: '2', billing: 'paper' },
      ]);
      await expect(
        fresh.core.call('import.run', {
          jobId: JOB(),
          fileId: fresh.stageText('c.csv', `${header}3,C1,2026-01-05,2026-02-04,1.00,carrier pigeon\n`),
          preset: 'generic-invoices',
        }),
      ).rejects.toMatchObject({ code: 'IMPORT_REJECTED' });
    } finally {
      await fresh.dispose();
    }
  });
});

describe('cash forecast on the sample', () => {
  it('forecasts 13 weeks per currency that, with what falls later, add up to the open balance', async () => {
    const forecast = await t.core.call('forecast.run', {});
    const open = t.query<{ currency: string; n: number }>(
      "SELECT currency, SUM(open_minor) AS n FROM invoices WHERE status = 'open' AND open_minor > 0 GROUP BY currency",
    );
    expect(forecast.currencies.map((c) => c.currency)).toEqual(open.map((o) => o.currency));
    for (const c of forecast.currencies) {
      expect(c.weeks).toHaveLength(13);
      expect(c.openMinor).toBe(open.find((o) => o.currency === c.currency)!.n);
      expect(c.weeks.reduce((s, w) => s + w.expectedMinor, 0) + c.beyondMinor).toBe(c.openMinor);
      expect(c.weeks.every((w) => Number.isSafeInteger(w.expectedMinor) && w.lowMinor <= w.expectedMinor && w.expectedMinor <= w.highMinor)).toBe(true);
    }
  });

  it('compares a past run with what actually came in on the invoices it forecast', async () => {
    const asOf = '2026-08-30';
    const past = await t.core.call('forecast.run', { asOf });
    const comparison = await t.core.call('forecast.compare', { runId: past.runId });
    expect(comparison.asOf).toBe(asOf);
    const weeks = new Set(comparison.rows.map((r) => r.weekStart));
    expect(weeks.size).toBe(13);
    expect([...weeks][0]).toBe(addDays(asOf, 1));
    // 13 weeks from 08-31; the last two end on or after 11-22, so nothing has come in for them yet.
    const ended = new Set(comparison.rows.filter((r) => r.actualMinor !== null).map((r) => r.weekStart));
    expect(ended).toEqual(new Set([...weeks].slice(0, 11)));
    expect(comparison.rows.every((r) => r.errorMinor === (r.actualMinor === null ? null : r.actualMinor - r.expectedMinor))).toBe(true);
    const usd = comparison.rows.filter((r) => r.currency === 'USD' && r.actualMinor !== null);
    const paid = usd.reduce((s, r) => s + r.actualMinor!, 0);
    const expected = usd.reduce((s, r) => s + r.expectedMinor, 0);
    expect(paid).toBeGreaterThan(0);
    // The forecast is in the right range of what came in over those weeks.
    expect(expected / paid).toBeGreaterThan(0.5);
    expect(expected / paid).toBeLessThan(2);
  });
});

describe('cash forecast and the stored risk model', () => {
  it('uses the model the last ledger write trained, never retraining per request, until a retrain is asked for', async () => {
    let now = new Date('2026-11-22T12:00:00Z');
    const own = tempCore(() => now);
    try {
      await own.core.call('sample.load', { jobId: JOB() });
      const models = () => own.query<{ trainedAt: string; n: number }>('SELECT MAX(trained_at) AS trainedAt, count(*) AS n FROM risk_models')[0]!;
      const stored = models();
      now = new Date('2026-11-23T08:00:00Z');
      const first = await own.core.call('forecast.run', {});
      now = new Date('2026-11-23T09:00:00Z');
      const second = await own.core.call('forecast.run', {});
      expect(first.model).toEqual({ asOf: '2026-11-22', trainedAt: stored.trainedAt });
      expect(second.model).toEqual(first.model);
      expect(second.currencies).toEqual(first.currencies);
      expect(models()).toEqual(stored);

      await own.core.call('risk.train', {});
      const retrained = await own.core.call('forecast.run', {});
      expect(retrained.model).toEqual({ asOf: '2026-11-23', trainedAt: now.toISOString() });
      expect(models().n).toBe(stored.n + 1);

      // A day before the stored model learned is a backtest: it learns from what was known then, and stores no model.
      const past = await own.core.call('forecast.run', { asOf: '2026-08-30' });
      expect(past.model.asOf).toBe('2026-08-30');
      expect(models().n).toBe(stored.n + 1);
    } finally {
      await own.dispose();
    }
  }, 60_000);
});

describe('forecast against what came in', () => {
  it('credits payments made after a stored run to its weeks, only on invoices it forecast, with the error per week', async () => {
    let now = new Date('2026-11-22T12:00:00Z');
    const own = tempCore(() => now);
    const importCsv = (name: string, preset: string, text: string) => own.core.call('import.run', { jobId: JOB(), fileId: own.stageText(name, text), preset });
    try {
      await own.core.call('sample.load', { jobId: JOB() });
      await importCsv(
        'open.csv',
        'generic-invoices',
        `Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Paid Date,Currency
G1,G-1,Gale Works,2026-11-01,2026-12-01,1000.00,1000.00,,USD
G2,G-1,Gale Works,2026-11-10,2026-11-20,400.00,400.00,,USD
`,
      );
      const run = await own.core.call('forecast.run', {});
      expect(run.asOf).toBe('2026-11-22');
      const before = await own.core.call('forecast.compare', { asOf: '2026-11-22' });
      expect(before.runId).toBe(run.runId);
      expect(before.rows.every((r) => r.actualMinor === null)).toBe(true);
      // A week's drilldown lists the invoices behind its expected figure, each with its customer: they add up to it.
      const week = run.currencies.find((c) => c.currency === 'USD')!.weeks.find((w) => w.expectedMinor > 0)!;
      const behind = await own.core.call('analytics.drilldown', { by: 'forecast', asOf: '2026-11-22', currency: 'USD', weekStart: week.weekStart });
      expect(behind.reduce((sum, i) => sum + i.balanceMinor, 0)).toBe(week.expectedMinor);
      expect(behind.every((i) => i.currency === 'USD' && i.invoiceNumber !== '' && i.customerName !== '' && i.dueDate !== '')).toBe(true);

      now = new Date('2026-12-10T09:00:00Z');
      await importCsv(
        'paid.csv',
        'generic-payments',
        `Payment ID,Customer ID,Date,Amount,Invoice Number,Currency
P1,G-1,2026-11-25,250.00,G1,USD
P2,G-1,2026-12-02,400.00,G2,USD
`,
      );
      // Issued after the run's as-of date, so not what it forecast: its payment must not count.
      await importCsv(
        'later.csv',
        'generic-invoices',
        `Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Paid Date,Currency
G3,G-1,Gale Works,2026-12-01,2026-12-31,700.00,0,2026-12-03,USD
`,
      );
      const after = await own.core.call('forecast.compare', { asOf: '2026-11-22' });
      const usd = after.rows.filter((r) => r.currency === 'USD');
      const expectedUsd = run.currencies.find((c) => c.currency === 'USD')!.weeks;
      expect(usd.map((r) => r.weekStart)).toEqual(expectedUsd.map((w) => w.weekStart));
      expect(usd.map((r) => r.expectedMinor)).toEqual(expectedUsd.map((w) => w.expectedMinor));
      // Weeks 11-23…11-29 and 11-30…12-06 have ended by 12-10; 12-07…12-13 has not.
      expect(usd.slice(0, 3).map((r) => r.actualMinor)).toEqual([250_00, 400_00, null]);
      expect(usd.slice(0, 3).map((r) => r.errorMinor)).toEqual([250_00 - usd[0]!.expectedMinor, 400_00 - usd[1]!.expectedMinor, null]);
      expect(after.rows.filter((r) => r.currency !== 'USD').every((r) => r.actualMinor === null || r.actualMinor === 0)).toBe(true);

      const runs = await own.core.call('forecast.runs', {});
      expect(runs.map((r) => r.asOf)).toEqual(['2026-11-22']);
      // Without a date, the latest run for a day before today.
      expect((await own.core.call('forecast.compare', {})).runId).toBe(run.runId);
    } finally {
      await own.dispose();
    }
  }, 60_000);
});

describe('risk after a small ledger write', () => {
  it("re-scores only the customers it touched with the day's model, and retrains on the next day's first write", async () => {
    let now = new Date('2026-11-22T12:00:00Z');
    const own = tempCore(() => now);
    const importCsv = (text: string) => own.core.call('import.run', { jobId: JOB(), fileId: own.stageText(`${JOB()}.csv`, text), preset: 'generic-invoices' });
    const header = 'Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Paid Date,Currency';
    try {
      await own.core.call('sample.load', { jobId: JOB() });
      const models = () => own.query<{ id: number }>('SELECT id FROM risk_models ORDER BY id').map((m) => m.id);
      const scores = () =>
        new Map(
          own
            .query<{ customerId: number; modelId: number; pLate: number }>(
              'SELECT customer_id AS customerId, model_id AS modelId, p_late AS pLate FROM customer_risk',
            )
            .map((r) => [r.customerId, r]),
        );
      const trained = models();
      const before = scores();

      // One new customer, two invoices long overdue: scored at once, by the model already trained today.
      await importCsv(`${header}\nH1,H-1,Heron Ltd,2026-08-01,2026-08-31,900.00,900.00,,USD\nH2,H-1,Heron Ltd,2026-09-01,2026-10-01,300.00,300.00,,USD\n`);
      const [heron] = own.query<{ id: number }>("SELECT id FROM customers WHERE external_id = 'H-1'");
      const after = scores();
      expect(models()).toEqual(trained);
      expect(after.get(heron!.id)).toMatchObject({ modelId: trained.at(-1) });
      expect(after.size).toBe(before.size + 1);
      for (const [customerId, score] of before) expect(after.get(customerId)).toEqual(score);
      const queue = await own.core.call('worklist.list', { limit: 1000 });
      expect(queue.rows.find((row) => row.customerId === heron!.id)?.factors.some((f) => f.key === 'risk')).toBe(true);

      // An invoice the ERP moves to another customer leaves the first one's queue row and risk at once.
      await importCsv(`${header}\nH1,K-1,Kestrel Co,2026-08-01,2026-08-31,900.00,900.00,,USD\n`);
      const [kestrel] = own.query<{ id: number }>("SELECT id FROM customers WHERE external_id = 'K-1'");
      const moved = await own.core.call('worklist.list', { limit: 1000 });
      expect(moved.rows.find((row) => row.customerId === heron!.id)?.openMinor).toBe(300_00);
      expect(moved.rows.find((row) => row.customerId === kestrel!.id)?.openMinor).toBe(900_00);
      expect(scores().get(heron!.id)).not.toEqual(after.get(heron!.id));
      expect(models()).toEqual(trained);

      // The next day's first write learns again and re-scores everyone.
      now = new Date('2026-11-23T09:00:00Z');
      await importCsv(`${header}\nH3,H-1,Heron Ltd,2026-11-01,2026-12-01,100.00,100.00,,USD\n`);
      expect(models()).toEqual([...trained, trained.at(-1)! + 1]);
      expect([...scores().values()].every((s) => s.modelId === trained.at(-1)! + 1)).toBe(true);
    } finally {
      await own.dispose();
    }
  }, 60_000);
});
