import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { tempCore, type TempCore } from '../helpers/temp-core';

/**
 * The metrics on a real encrypted database filled through the import path. The book (USD), by hand:
 *   A1 issued 09-01 due 10-01 $1,000 paid 10-10 · A2 issued 09-15 due 10-15 $500 open
 *   A3 issued 10-05 due 11-04 $2,000 open       · B1 issued 10-20 due 10-25 $300 paid 11-05
 * For October (31 days): AR(09-30) $1,500; AR(10-31) $2,800 of which $2,000 current; sales $2,300.
 * Countback: October's $2,300 covered (31 days), then $500 of September's $1,500 → 10 of its 30 days.
 */
const BOOK = `Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Paid Date,Currency
A1,CUST-A,Acme Tools,2026-09-01,2026-10-01,1000.00,0,2026-10-10,USD
A2,CUST-A,Acme Tools,2026-09-15,2026-10-15,500.00,500.00,,USD
A3,CUST-A,Acme Tools,2026-10-05,2026-11-04,2000.00,2000.00,,USD
B1,CUST-B,Birch & Co,2026-10-20,2026-10-25,300.00,0,2026-11-05,USD
`;

let now = new Date('2026-10-05T09:00:00Z');
let t: TempCore;
beforeAll(async () => {
  t = tempCore(() => now);
  await t.core.call('import.run', { jobId: randomUUID(), fileId: t.stageText('book.csv', BOOK), preset: 'generic-invoices' });
});
afterAll(async () => t.dispose());

describe('KPIs on an imported book', () => {
  it('match the hand-computed figures', async () => {
    const report = await t.core.call('analytics.kpis', { from: '2026-10-01', to: '2026-10-31' });
    expect(report.days).toBe(31);
    const row = report.rows[0]!;
    expect(row).toMatchObject({
      currency: 'USD',
      beginningAr: 150_000,
      endingAr: 280_000,
      currentAr: 200_000,
      sales: 230_000,
      paidInvoices: 1,
      avgDaysToPay: 39,
      avgDaysLate: 9,
    });
    expect(row.dsoSimple).toBeCloseTo((2800 / 2300) * 31, 10);
    expect(row.bestPossibleDso).toBeCloseTo((2000 / 2300) * 31, 10);
    expect(row.add).toBeCloseTo((800 / 2300) * 31, 10);
    expect(row.cei).toBeCloseTo((1000 / 1800) * 100, 10);
    expect(row.pastDuePct).toBeCloseTo((800 / 2800) * 100, 10);
    expect(row.dsoCountback).toBeCloseTo(41, 10);
  });

  it('split by customer add up to the book', async () => {
    const report = await t.core.call('analytics.kpis', { from: '2026-10-01', to: '2026-10-31', groupBy: 'customer' });
    expect(report.rows.map((r) => [r.group, r.endingAr, r.sales])).toEqual([
      ['CUST-A', 250_000, 200_000],
      ['CUST-B', 30_000, 30_000],
    ]);
    expect(report.rows[1]!.pastDuePct).toBe(100);
  });

  it('month-end aging trend equals the aging report on each date', async () => {
    const trend = await t.core.call('analytics.trend', { asOf: '2026-11-22', months: 4 });
    expect(trend.points.map((p) => p.asOf)).toEqual(['2026-08-31', '2026-09-30', '2026-10-31', '2026-11-22']);
    for (const point of trend.points) {
      const aging = await t.core.call('aging.report', { asOf: point.asOf });
      expect(point.aging).toEqual(aging.totals.USD ?? { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d91_120: 0, d120_plus: 0, credits: 0, total: 0 });
    }
    const october = trend.points.find((p) => p.month === '2026-10')!;
    expect(october.kpis!.dsoSimple).toBeCloseTo((2800 / 2300) * 31, 10);
  });

  it('drills down to the invoices behind a bar', async () => {
    const pastDue = await t.core.call('analytics.drilldown', { by: 'aging', asOf: '2026-10-31', currency: 'USD', bucket: 'past_due' });
    expect(pastDue.map((i) => [i.invoiceNumber, i.balanceMinor, i.daysPastDue])).toEqual([
      ['A2', 50_000, 16],
      ['B1', 30_000, 6],
    ]);
  });
});

describe('attribution on seeded activities', () => {
  it('credits the call and the promise before Acme paid A1', async () => {
    const acme = (await t.core.call('customers.list', { asOf: '2026-10-05' })).find((c) => c.externalId === 'CUST-A')!;
    now = new Date('2026-10-05T09:00:00Z');
    await t.core.call('activity.logCall', { customerId: acme.id, outcome: 'promised_to_pay' });
    now = new Date('2026-10-08T09:00:00Z');
    await t.core.call('activity.recordPromise', { customerId: acme.id, amountMinor: 100_000, currency: 'USD', promisedDate: '2026-10-10' });
    now = new Date('2026-11-22T12:00:00Z');
    const report = await t.core.call('analytics.attribution', { from: '2026-10-01', to: '2026-11-30', days: 14 });
    const row = (view: string, action: string) => report.rows.find((r) => r.view === view && r.action === action);
    expect(row('last', 'promise')).toMatchObject({ payments: 1, amountMinor: 100_000, medianDaysToPay: 2 });
    expect(row('first', 'call:promised_to_pay')).toMatchObject({ payments: 1, amountMinor: 100_000, medianDaysToPay: 5 });
    expect(row('last', 'none')).toMatchObject({ payments: 1, amountMinor: 30_000 });
    expect(report.invoiceShares.find((s) => s.action === 'call:promised_to_pay')).toMatchObject({ invoices: 3, paidWithin: 1 }); // A1, A2 and A3 (issued that day) were open
    const kpis = await t.core.call('analytics.kpis', { from: '2026-10-01', to: '2026-10-31' });
    expect(kpis.rows[0]).toMatchObject({ promisesKept: 1, promisesBroken: 0, promiseKeptPct: 100, promiseKeptValuePct: 100 });
  });
});

describe('table export', () => {
  const table = {
    name: 'Aging trend',
    columns: [
      { header: 'Customer', kind: 'text' as const },
      { header: 'Currency', kind: 'text' as const },
      { header: 'Balance', kind: 'money' as const, currencyColumn: 1 },
    ],
    rows: [
      ['Acme, "Tools"', 'USD', 123_456],
      ['=cmd()', 'JPY', 5000],
    ],
  };

  it('writes CSV with exact decimals, quoting and formula guarding', async () => {
    const file = await t.core.call('reports.exportTable', { ...table, format: 'csv' });
    expect(file.fileName).toBe('Aging trend.csv');
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toBe(
      '\uFEFFCustomer,Currency,Balance\r\n"Acme, ""Tools""",USD,1234.56\r\n\'=cmd(),JPY,5000\r\n',
    );
  });

  it('writes an XLSX workbook with numbers, not text', async () => {
    const file = await t.core.call('reports.exportTable', { ...table, format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    const bytes = Buffer.from(file.base64, 'base64');
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sheet = book.getWorksheet('Aging trend')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Customer', 'Currency', 'Balance']);
    expect(sheet.getCell('C2').value).toBe(1234.56);
    expect(sheet.getCell('C2').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('C3').numFmt).toBe('#,##0');
  });
});

describe('aging trend on the sample dataset', () => {
  it('computes 24 month-ends in one pass, equal to the aging report on each of them', async () => {
    const s = tempCore();
    try {
      await s.core.call('sample.load', {});
      const trend = await s.core.call('analytics.trend', { asOf: '2026-11-22', months: 24 });
      const dates = [...new Set(trend.points.map((p) => p.asOf))];
      expect(dates).toHaveLength(24);
      for (const asOf of [dates[0]!, dates[11]!, dates[22]!, dates[23]!]) {
        const aging = await s.core.call('aging.report', { asOf });
        for (const [currency, totals] of Object.entries(aging.totals)) {
          expect(trend.points.find((p) => p.asOf === asOf && p.currency === currency)!.aging, `${asOf} ${currency}`).toEqual(totals);
        }
      }
    } finally {
      await s.dispose();
    }
  });
});
