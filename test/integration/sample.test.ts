import { describe, expect, it } from 'vitest';
import { QUIET_DAYS, sampleCollectionHistory } from '../../electron/core/sample/collection-history';
import { generateSample } from '../../electron/core/sample/generate-sample';
import { addDays } from '../../shared/dates';
import { tempCore } from '../helpers/temp-core';

const ANCHOR = '2026-11-22';

describe('embedded sample dataset', () => {
  const batch = generateSample({ anchor: ANCHOR });

  it('is deterministic for a seed and differs for another', () => {
    expect(generateSample({ anchor: ANCHOR })).toEqual(batch);
    expect(generateSample({ anchor: ANCHOR, seed: 7 }).customers[10]).not.toEqual(batch.customers[10]);
  });

  it('has the promised size and variety', () => {
    expect(batch.customers).toHaveLength(300);
    expect(batch.invoices.length).toBeGreaterThanOrEqual(6000);
    expect(new Set(batch.invoices.map((i) => i.currency)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(batch.customers.map((c) => c.name)).size).toBe(300);
    const firstIssue = batch.invoices[0]!.issueDate;
    expect(firstIssue <= '2024-12-28').toBe(true);
    expect(batch.invoices.some((i) => i.disputed)).toBe(true);
    expect(batch.customers.every((c) => (c.contacts ?? []).filter((k) => k.isPrimary).length === 1)).toBe(true);
  });

  it('keeps ledger invariants: positive integer money, payments within their invoice and on or before today', () => {
    const byNumber = new Map(batch.invoices.map((i) => [i.number, i]));
    expect(byNumber.size).toBe(batch.invoices.length);
    const paid = new Map<string, number>();
    for (const invoice of batch.invoices) {
      expect(Number.isSafeInteger(invoice.amountMinor) && invoice.amountMinor > 0).toBe(true);
      expect(invoice.dueDate >= invoice.issueDate).toBe(true);
      expect(invoice.issueDate <= ANCHOR).toBe(true);
    }
    for (const payment of batch.payments) {
      const invoice = byNumber.get(payment.invoiceNumber!)!;
      expect(Number.isSafeInteger(payment.amountMinor) && payment.amountMinor > 0).toBe(true);
      expect(payment.date >= invoice.issueDate && payment.date <= ANCHOR).toBe(true);
      paid.set(invoice.number, (paid.get(invoice.number) ?? 0) + payment.amountMinor);
    }
    for (const [number, amount] of paid) expect(amount).toBeLessThanOrEqual(byNumber.get(number)!.amountMinor);
  });

  it('loads through the ledger writer, shows overdue and paid work, and loads idempotently', async () => {
    const t = tempCore();
    try {
      const first = await t.core.call('sample.load', {});
      expect(first.customers).toBe(300);
      expect(first.invoices).toBe(batch.invoices.length);
      expect(first.payments).toBe(batch.payments.length);
      expect(first.contacts).toBe(batch.customers.reduce((n, c) => n + (c.contacts?.length ?? 0), 0));
      const aging = await t.core.call('aging.report', { asOf: ANCHOR });
      const usd = aging.totals.USD!;
      expect(usd.d120_plus).toBeGreaterThan(0);
      expect(usd.d1_30).toBeGreaterThan(0);
      expect(usd.current).toBeGreaterThan(0);
      const status = await t.core.call('app.status', {});
      expect(status.openInvoices).toBeGreaterThan(100);
      expect(status.openInvoices).toBeLessThan(status.invoices / 2);
      expect(await t.core.call('sample.load', {})).toEqual(first);
      expect(await t.core.call('aging.report', { asOf: ANCHOR })).toEqual(aging);
    } finally {
      await t.dispose();
    }
  });

  it('has a deterministic collection history, all of it before the quiet weeks, on settled invoices only', () => {
    const history = sampleCollectionHistory(batch, ANCHOR, 20_261_122);
    expect(sampleCollectionHistory(generateSample({ anchor: ANCHOR }), ANCHOR, 20_261_122)).toEqual(history);
    const settled = new Set(batch.invoices.filter((i) => i.openMinor === 0).map((i) => i.number));
    const touches = history.flatMap((c) => c.touches);
    expect(history.every((c) => settled.has(c.invoiceNumber))).toBe(true);
    expect(touches.every((t) => t.date < addDays(ANCHOR, -QUIET_DAYS))).toBe(true);
    const kinds = new Set(
      touches.map((t) => (t.kind === 'email' ? (t.videoMemo ? 'video' : `email:${t.templateId}`) : t.kind === 'call' ? `call:${t.outcome}` : t.kind)),
    );
    for (const kind of [
      'email:pre-due-nudge',
      'email:first-reminder',
      'email:second-reminder',
      'email:final-notice',
      'email:early-payment-discount',
      'video',
      'call:reached',
      'call:left_voicemail',
      'call:no_answer',
      'call:promised_to_pay',
      'promise',
      'ladder_task',
      'discount_offered',
      'dispute',
    ])
      expect(kinds).toContain(kind);
  });

  it("makes attribution, the promise-kept rate and the dispute figures meaningful, and does not move today's queue", async () => {
    const t = tempCore();
    try {
      await t.core.call('sample.load', {});
      const attribution = await t.core.call('analytics.attribution', { to: ANCHOR });
      const usd = attribution.rows.filter((r) => r.currency === 'USD' && r.view === 'last');
      const touched = usd.filter((r) => r.action !== 'none');
      expect(touched.length).toBeGreaterThanOrEqual(8);
      expect(touched.reduce((n, r) => n + r.payments, 0)).toBeGreaterThan(usd.find((r) => r.action === 'none')!.payments);
      const report = await t.core.call('analytics.kpis', { from: '2026-01-01', to: '2026-10-31' });
      const kpis = report.rows.find((r) => r.currency === 'USD')!;
      expect(kpis.promisesKept).toBeGreaterThan(20);
      expect(kpis.promisesBroken).toBeGreaterThan(20);
      expect(kpis.promiseKeptPct).toBeGreaterThan(20);
      expect(kpis.promiseKeptPct).toBeLessThan(80);
      const disputes = report.disputes[0]!;
      expect(disputes.opened).toBeGreaterThan(5);
      expect(disputes.medianResolutionDays).toBeGreaterThan(0);
      expect(disputes.pastSlaPct).toBeGreaterThan(0);
      expect(disputes.pastSlaPct).toBeLessThan(100);
      // Nothing is recent: no one counts as touched lately, no promise or dispute weighs on today's queue.
      const queue = await t.core.call('worklist.list', { limit: 1000 });
      expect(queue.rows.length).toBeGreaterThan(50);
      expect(queue.rows.some((r) => r.factors.some((f) => f.key === 'promise' || f.key === 'dispute'))).toBe(false);
      expect(queue.rows.every((r) => (r.factors.find((f) => f.key === 'last_touch')?.points ?? 15) === 15)).toBe(true);
      const activities = t.query<{ n: number }>('SELECT count(*) AS n FROM activities')[0]!.n;
      await t.core.call('sample.load', {});
      expect(t.query<{ n: number }>('SELECT count(*) AS n FROM activities')[0]!.n).toBe(activities);
      expect(t.query<{ n: number }>('SELECT count(*) AS n FROM sync_outbox')[0]!.n).toBe(0);
    } finally {
      await t.dispose();
    }
  }, 60_000);
});
