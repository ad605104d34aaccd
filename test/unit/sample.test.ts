import { describe, expect, it } from 'vitest';
import { generateSample } from '../../electron/core/sample/generate-sample';
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
});
