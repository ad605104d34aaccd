import { describe, expect, it } from 'vitest';
import { attribute, type InvoiceLife, type PaymentRecord, type Touch } from '../../electron/core/analytics/attribution';
import { collectionEffectivenessIndex } from '../../electron/core/analytics/cei';
import { countbackDso, countbackMonths } from '../../electron/core/analytics/countback-dso';
import { paidInvoiceStats } from '../../electron/core/analytics/days-to-pay';
import { disputeStats } from '../../electron/core/analytics/dispute-stats';
import { averageDaysDelinquent, bestPossibleDso, dsoSimple } from '../../electron/core/analytics/dso';
import { monthEnds } from '../../electron/core/analytics/month-ends';
import { pastDuePct } from '../../electron/core/analytics/past-due-pct';
import { promiseKeptRate } from '../../electron/core/analytics/promise-kept-rate';
import { touchAction } from '../../electron/core/analytics/touch-action';

/** Every formula against figures worked out by hand (in the comments). */
describe('DSO family, CEI and % past due', () => {
  // AR(from−1) 150,000; AR(to) 280,000 of which 200,000 current; sales 230,000 over 31 days.
  const period = { beginningAr: 150_000, endingAr: 280_000, currentAr: 200_000, sales: 230_000, days: 31 };

  it('follows the published definitions', () => {
    expect(dsoSimple(period)).toBeCloseTo((280_000 / 230_000) * 31, 10); // 37.739…
    expect(bestPossibleDso(period)).toBeCloseTo((200_000 / 230_000) * 31, 10); // 26.956…
    expect(averageDaysDelinquent(period)).toBeCloseTo((80_000 / 230_000) * 31, 10); // 10.782…
    expect(collectionEffectivenessIndex(period)).toBeCloseTo((100_000 / 180_000) * 100, 10); // 55.5…
    expect(pastDuePct(period)).toBeCloseTo((80_000 / 280_000) * 100, 10); // 28.57…
  });

  it('is undefined (null), not zero or infinite, without sales or AR', () => {
    const empty = { beginningAr: 0, endingAr: 0, currentAr: 0, sales: 0, days: 30 };
    expect([dsoSimple(empty), bestPossibleDso(empty), averageDaysDelinquent(empty), collectionEffectivenessIndex(empty), pastDuePct(empty)]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('countback DSO', () => {
  it('textbook example: AR 212k, sales 100k, 80k, 70k newest first, 30-day months → 73.7 days', () => {
    // 30 (100k covered) + 30 (80k covered) + 32k/70k × 30 = 73.714…
    const days = countbackDso(212_000_00, [
      { sales: 100_000_00, days: 30 },
      { sales: 80_000_00, days: 30 },
      { sales: 70_000_00, days: 30 },
    ]);
    expect(days).toBeCloseTo(60 + (32 / 70) * 30, 10);
    expect(days.toFixed(1)).toBe('73.7');
  });

  it('the same sales over real calendar months ending 2026-11-30 (Nov 30, Oct 31, Sep 30 days) → 74.7 days', () => {
    const months = countbackMonths('2026-11-30', '2026-09-01');
    expect(months.map((m) => m.days)).toEqual([30, 31, 30]);
    const sales = [100_000_00, 80_000_00, 70_000_00];
    expect(
      countbackDso(
        212_000_00,
        months.map((m, i) => ({ days: m.days, sales: sales[i]! })),
      ),
    ).toBeCloseTo(30 + 31 + (32 / 70) * 30, 10); // 74.714…
  });

  it('counts the month of `to` only up to `to`, crosses year ends and stops at the earliest month', () => {
    expect(countbackMonths('2026-01-12', '2025-11-20')).toEqual([
      { from: '2026-01-01', to: '2026-01-12', days: 12 },
      { from: '2025-12-01', to: '2025-12-31', days: 31 },
      { from: '2025-11-01', to: '2025-11-30', days: 30 },
    ]);
    // AR beyond all history: every month's days, no more.
    expect(
      countbackDso(1_000, [
        { sales: 100, days: 12 },
        { sales: 0, days: 31 },
      ]),
    ).toBe(43);
    expect(countbackDso(0, [{ sales: 100, days: 30 }])).toBe(0);
  });
});

describe('collection figures', () => {
  it('average days to pay and days late (early payment = 0 days late)', () => {
    expect(
      paidInvoiceStats([
        { issueDate: '2026-09-01', dueDate: '2026-10-01', paidDate: '2026-10-10' }, // 39 to pay, 9 late
        { issueDate: '2026-09-01', dueDate: '2026-10-01', paidDate: '2026-09-21' }, // 20 to pay, 0 late
      ]),
    ).toEqual({ paidInvoices: 2, avgDaysToPay: 29.5, avgDaysLate: 4.5 });
    expect(paidInvoiceStats([])).toEqual({ paidInvoices: 0, avgDaysToPay: null, avgDaysLate: null });
  });

  it('promise-kept rate by count and by value; open and cancelled promises left out', () => {
    const rate = promiseKeptRate([
      { state: 'kept', amountMinor: 1000, paidMinor: 1200 }, // counts 1000
      { state: 'partially_kept', amountMinor: 1000, paidMinor: 400 },
      { state: 'broken', amountMinor: 2000, paidMinor: 0 },
      { state: 'open', amountMinor: 5000, paidMinor: 0 },
      { state: 'cancelled', amountMinor: 5000, paidMinor: 0 },
    ]);
    expect(rate.kept).toBe(1);
    expect(rate.broken).toBe(2);
    expect(rate.byCountPct).toBeCloseTo(100 / 3, 10);
    expect(rate.byValuePct).toBeCloseTo((1400 / 4000) * 100, 10); // 35
  });

  it('disputes: opened, open at the end, median resolution, share past SLA', () => {
    const stats = disputeStats(
      [
        { openedDate: '2026-10-01', resolvedDate: '2026-10-05', slaDays: 10 }, // 4 days, within SLA
        { openedDate: '2026-10-02', resolvedDate: '2026-10-22', slaDays: 10 }, // 20 days, past SLA
        { openedDate: '2026-10-20', resolvedDate: null, slaDays: 5 }, // open 11 days at 10-31: past SLA
        { openedDate: '2026-09-01', resolvedDate: '2026-10-09', slaDays: 60 }, // opened before: 38 days
        { openedDate: '2026-10-30', resolvedDate: '2026-11-03', slaDays: 14 }, // open at the end
      ],
      '2026-10-01',
      '2026-10-31',
    );
    expect(stats).toEqual({ opened: 4, openAtEnd: 2, medianResolutionDays: 20, pastSlaPct: 50 });
  });

  it('month ends: the last day of each earlier month, then as-of itself', () => {
    expect(monthEnds('2026-03-15', 4)).toEqual(['2025-12-31', '2026-01-31', '2026-02-28', '2026-03-15']);
  });
});

describe('attribution', () => {
  const payments: PaymentRecord[] = [
    {
      paymentId: 1,
      customerId: 1,
      customerExternalId: 'A',
      customerName: 'Acme',
      date: '2026-10-10',
      currency: 'USD',
      amountMinor: 1000,
      invoiceNumbers: ['A1'],
    },
    {
      paymentId: 2,
      customerId: 2,
      customerExternalId: 'B',
      customerName: 'Birch',
      date: '2026-10-20',
      currency: 'USD',
      amountMinor: 500,
      invoiceNumbers: ['B1'],
    },
    { paymentId: 3, customerId: 1, customerExternalId: 'A', customerName: 'Acme', date: '2026-10-30', currency: 'EUR', amountMinor: 700, invoiceNumbers: [] },
  ];
  const touches: Touch[] = [
    { customerId: 1, date: '2026-09-20', action: 'email:first-reminder', family: 'email' }, // 20 days before payment 1: outside 14
    { customerId: 1, date: '2026-10-01', action: 'email:second-reminder', family: 'email' }, // 9 days before
    { customerId: 1, date: '2026-10-08', action: 'call:promised_to_pay', family: 'call' }, // 2 days before
    { customerId: 1, date: '2026-10-25', action: 'video_memo', family: 'video_memo' }, // 5 days before payment 3
  ];
  const invoices: InvoiceLife[] = [
    { customerId: 1, issueDate: '2026-09-01', dueDate: '2026-09-30', paidDate: '2026-10-10', closedDate: '2026-10-10' },
    { customerId: 2, issueDate: '2026-09-10', dueDate: '2026-10-10', paidDate: '2026-10-20', closedDate: '2026-10-20' }, // untouched, paid 10 days after due
    { customerId: 2, issueDate: '2026-09-15', dueDate: '2026-10-15', paidDate: null, closedDate: null }, // untouched, unpaid
  ];
  const report = attribute(payments, touches, invoices, { from: '2026-10-01', to: '2026-10-31', windowDays: 14 });
  const row = (view: string, action: string, currency = 'USD') => report.rows.find((r) => r.view === view && r.action === action && r.currency === currency);

  it('credits the last and the first touch within the window, per currency', () => {
    expect(row('last', 'call:promised_to_pay')).toMatchObject({ payments: 1, amountMinor: 1000, medianDaysToPay: 2 });
    expect(row('first', 'email:second-reminder')).toMatchObject({ payments: 1, amountMinor: 1000, medianDaysToPay: 9 });
    expect(row('last', 'video_memo', 'EUR')).toMatchObject({ payments: 1, amountMinor: 700, medianDaysToPay: 5 });
    expect(row('last', 'none')).toMatchObject({ payments: 1, amountMinor: 500, medianDaysToPay: null });
    expect(report.rows.some((r) => r.action === 'email:first-reminder')).toBe(false);
    expect(report.payments.find((p) => p.paymentId === 1)).toMatchObject({
      firstTouch: { action: 'email:second-reminder', date: '2026-10-01' },
      lastTouch: { action: 'call:promised_to_pay', date: '2026-10-08' },
    });
  });

  it('share of touched invoices paid within N days vs untouched ones', () => {
    expect(report.invoiceShares.find((s) => s.action === 'call:promised_to_pay')).toMatchObject({ invoices: 1, paidWithin: 1, sharePct: 100 });
    expect(report.invoiceShares.find((s) => s.action === 'video_memo')).toMatchObject({ invoices: 0, sharePct: null }); // nothing of Acme's was open on 10-25
    expect(report.untouched).toEqual({ invoices: 2, paidWithin: 1, sharePct: 50 });
  });

  it('names touches by template, outcome, video and channel', () => {
    expect(touchAction({ kind: 'email', body: { templateId: 'final-notice' } }, false)).toEqual({ action: 'email:final-notice', family: 'email' });
    expect(touchAction({ kind: 'email', body: { templateId: 'final-notice' } }, true)).toEqual({ action: 'video_memo', family: 'video_memo' });
    expect(touchAction({ kind: 'call', body: { outcome: 'left_voicemail' } }, false)).toEqual({ action: 'call:left_voicemail', family: 'call' });
    expect(touchAction({ kind: 'ladder_task', body: { channel: 'letter' } }, false)).toEqual({ action: 'letter', family: 'letter' });
    expect(touchAction({ kind: 'discount_offered', body: { percentBp: 200, payBy: '2026-12-01' } }, false)).toEqual({
      action: 'discount_offer',
      family: 'discount_offer',
    });
    expect(touchAction({ kind: 'note', body: {} }, false)).toBeNull();
  });
});
