import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * One test per preset on a realistic export. Expected balances were worked out by hand from each
 * file (open balance per invoice, bucketed by due date as of 2026-11-22), independently of the code.
 */
let t: TempCore;
beforeEach(() => {
  t = tempCore();
});
afterEach(() => t.dispose());

const ZERO = { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d91_120: 0, d120_plus: 0, credits: 0 };

async function importFixture(file: string, preset?: string) {
  return t.core.call('import.run', { jobId: JOB(), fileId: t.stage(`erp/${file}`), snapshot: false, ...(preset ? { preset } : {}) });
}

async function aging(asOf = '2026-11-22') {
  return t.core.call('aging.report', { asOf });
}

describe('generic presets', () => {
  it('customers, invoices (with a paid date) and payments build the ledger to the cent', async () => {
    expect(await importFixture('generic-customers.csv')).toMatchObject({ preset: 'generic-customers', created: 3 });
    expect(await importFixture('generic-invoices.csv')).toMatchObject({ preset: 'generic-invoices', created: 6, customersCreated: 1, paymentsCreated: 1 });
    expect(await importFixture('generic-payments.csv')).toMatchObject({ preset: 'generic-payments', created: 2, paymentsCreated: 2 });
    const report = await aging();
    expect(report.totals).toEqual({
      // C-003: 00127 €3,020.00 due 10-31 (22 days) less €500 paid; 00128 €999.99 not yet due.
      EUR: { ...ZERO, current: 99_999, d1_30: 252_000, total: 351_999 },
      // C-001: 00123 $12,400 due 08-31 (83 days); 00124 paid off by P-1. C-002: 00125 due 07-01 (144 days); 00126 paid.
      USD: { ...ZERO, d61_90: 1_240_000, d120_plus: 815_000, total: 2_055_000 },
    });
    const acme = report.customers.find((c) => c.externalId === 'C-001');
    expect(acme?.name).toBe('Acme Tools Ltd');
  });

  it('keeps invoice numbers as text with their leading zeros', async () => {
    await importFixture('generic-invoices.csv');
    const list = await t.core.call('customers.list', { asOf: '2026-11-22' });
    expect(list.map((c) => c.externalId).sort()).toEqual(['C-001', 'C-002', 'C-003']);
    const preview = await t.core.call('import.preview', { fileId: t.stage('erp/generic-invoices.csv') });
    expect(preview.rows[0]?.[0]).toBe('00123');
  });

  it('counts a payment only from its date on ("as of" uses balances then)', async () => {
    await importFixture('generic-invoices.csv');
    await importFixture('generic-payments.csv');
    const before = await aging('2026-10-31');
    // On 10-31 P-1 (dated 11-01) had not arrived: 00124 (due 10-15, 16 days late) still had $1,000.25 open.
    expect(before.totals.USD).toMatchObject({ d1_30: 100_025 });
    // Invoice 00126 was paid on 06-10 per its paid date: open as of 06-01 (issued 05-01, due 05-31 → 1 day late).
    const june = await aging('2026-06-01');
    expect(june.totals.USD).toMatchObject({ d1_30: 50_000 });
    // Invoices issued after the date do not exist yet.
    expect((await aging('2026-04-30')).totals).toEqual({});
  });
});

describe('QuickBooks', () => {
  it('A/R Aging Detail: skips preamble, buckets, totals and footer; credits count against the customer', async () => {
    const summary = await importFixture('quickbooks-aging-detail.csv');
    expect(summary).toMatchObject({ preset: 'quickbooks-aging', rows: 7, created: 7, creditsCreated: 3 });
    const report = await aging();
    // The report's own TOTAL line says $895.04 of open balance.
    expect(report.totals.USD?.total).toBe(89_504);
    const byName = Object.fromEntries(report.customers.map((c) => [c.name, c]));
    // 1045 $239.00 not yet due; credit memo -$50.00 dated 11-15 (7 days).
    expect(byName["Amy's Bird Sanctuary"]).toMatchObject({ current: 23_900, d1_30: -5_000, total: 18_900 });
    // "(1,234.56)" is negative; $4,250.00 invoice with $1,250.50 open.
    expect(byName['Geeta Kalapatapu']).toMatchObject({ d61_90: 62_910, d91_120: -123_456 });
    expect(byName['Freeman Sporting Goods:55 Twin Lane']).toMatchObject({ d1_30: 125_050 });
    // A blank open balance is not zero: the $81.00 invoice stays open; the unapplied payment offsets it.
    expect(byName["Jeff's Jalopies"]).toMatchObject({ d120_plus: 6_100, total: 6_100 });
  });

  it('Open Invoices: the customer comes from the group heading rows', async () => {
    expect(await importFixture('quickbooks-open-invoices.csv')).toMatchObject({ preset: 'quickbooks-aging', created: 3, customersCreated: 2 });
    const report = await aging();
    expect(report.totals.USD).toEqual({ ...ZERO, current: 110_820, d1_30: 23_900, d91_120: 69_400, total: 204_120 });
    expect(report.customers.map((c) => c.name).sort()).toEqual(["Amy's Bird Sanctuary", 'Cool Cars']);
  });
});

describe('day/month order', () => {
  it('a preset settles what the data leaves open: QuickBooks is month-first, Xero day-first', async () => {
    const qb =
      '"","Date","Transaction Type","Num","Customer","Due Date","Amount","Open Balance"\n"","03/04/26","Invoice","7","Ivy","04/03/26","10.00","10.00"\n';
    const xero = '*ContactName,*InvoiceNumber,*InvoiceDate,*DueDate,*Quantity,*UnitAmount,Currency\nIvy,X-7,03/04/2026,04/05/2026,1,10.00,GBP\n';
    writeFileSync(join(t.dir, 'qb.csv'), qb);
    writeFileSync(join(t.dir, 'xero.csv'), xero);
    await t.core.call('import.run', { jobId: JOB(), fileId: t.core.stageFile(join(t.dir, 'qb.csv')).fileId, preset: 'quickbooks-aging' });
    await t.core.call('import.run', { jobId: JOB(), fileId: t.core.stageFile(join(t.dir, 'xero.csv')).fileId, preset: 'xero-invoices' });
    // QuickBooks: due April 3rd → 233 days late on 2026-11-22. Xero: due 4 May → 202 days.
    const report = await aging();
    expect(report.totals.USD).toMatchObject({ d120_plus: 1_000 });
    expect((await aging('2026-04-02')).totals.USD).toMatchObject({ current: 1_000 });
    expect((await aging('2026-05-04')).totals.GBP).toMatchObject({ current: 1_000 });
    expect((await aging('2026-05-05')).totals.GBP).toMatchObject({ d1_30: 1_000 });
  });
});

describe('Xero', () => {
  it('groups line items by invoice number and reads day-first dates', async () => {
    expect(await importFixture('xero-sales-invoices.csv')).toMatchObject({ preset: 'xero-invoices', rows: 4, created: 3 });
    const report = await aging();
    const byName = Object.fromEntries(report.customers.map((c) => [c.name, c.total]));
    // INV-0001: 2 × 650.00 + 260.00 tax + 84.50 less 10% (76.05) + 15.21 tax = 1,651.26, due 4 Nov.
    expect(byName['Hamilton Smith Ltd']).toBe(165_126);
    // INV-0002: 3 × 333.33 + 200.00 tax = 1,199.99.
    expect(byName['Ridgeway University']).toBe(119_999);
    expect(report.totals.GBP).toEqual({ ...ZERO, current: 119_999, d1_30: 165_126, d61_90: 120_000, total: 405_125 });
  });
});

describe('Odoo', () => {
  it('strips guard apostrophes, skips drafts and vendor bills, reads payment states', async () => {
    expect(await importFixture('odoo-account-move.csv')).toMatchObject({ preset: 'odoo-moves', rows: 7, skipped: 2, created: 5, creditsCreated: 1 });
    const report = await aging();
    // 1,500.00 (52 days) − 200.00 credit note (33 days) in 31–60; 750.40 still due on INV/2026/00002 (18 days).
    expect(report.totals.USD).toEqual({ ...ZERO, d1_30: 75_040, d31_60: 130_000, credits: -20_000, total: 205_040 });
    // The customer really is called "=Azure Interior": Odoo's apostrophe guard is removed, the name kept.
    expect(report.customers.find((c) => c.currency === 'EUR')).toMatchObject({ name: '=Azure Interior', d91_120: 410_000 });
  });
});

describe('a user mapping for any other ERP', () => {
  it('maps arbitrary headers, with a stated date format and decimal comma', async () => {
    const mapping = {
      kind: 'invoices' as const,
      columns: {
        invoiceNumber: 'Belegnummer',
        customerId: 'Kundennr',
        customerName: 'Kunde',
        issueDate: 'Belegdatum',
        dueDate: 'Fällig',
        amount: 'Betrag',
        openBalance: 'Offen',
      },
      dateFormat: 'dd.MM.yyyy' as const,
      currency: 'EUR',
      decimalSeparator: ',' as const,
      source: 'datev',
    };
    const summary = await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/custom-datev.csv'), snapshot: false, mapping });
    expect(summary).toMatchObject({ preset: 'custom', source: 'datev', created: 2 });
    expect((await aging()).totals.EUR).toEqual({ ...ZERO, d1_30: 123_456, current: 50, total: 123_506 });
  });
});
