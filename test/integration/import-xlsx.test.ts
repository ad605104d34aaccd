import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readXlsx } from '../../electron/core/import/read-xlsx';
import { decimalText } from '../../electron/core/import/xlsx-cell';
import { runCliInProcess } from '../helpers/run-cli';
import { fixturePath, JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * XLSX import is the CSV import with typed cells: each preset's workbook twin
 * (test/fixtures/erp/make-workbooks.ts) builds the same ledger as its CSV, and what only a workbook
 * has (number and date cells, formulas, sheets) reads exactly.
 */

let t: TempCore;
beforeEach(() => {
  t = tempCore();
});
afterEach(() => t.dispose());

const run = (core: TempCore, fixture: string, extra: { sheet?: string } = {}) =>
  core.core.call('import.run', { jobId: JOB(), fileId: core.stage(fixture), snapshot: false, ...extra });

/** What each twin needs imported first (payments name invoices). */
const TWINS: { name: string; before?: string[] }[] = [
  { name: 'generic-customers' },
  { name: 'generic-invoices' },
  { name: 'generic-payments', before: ['erp/generic-invoices.csv'] },
  { name: 'quickbooks-aging-detail' },
  { name: 'xero-sales-invoices' },
  { name: 'odoo-account-move' },
];

/**
 * The committed ledger, without ids and timestamps that differ between two databases. A QuickBooks
 * unapplied payment has no number of its own and is named from its values (unnumbered-credit.ts), so
 * it is compared too: a workbook writes its date and amount as values, a CSV as text.
 */
function ledger(core: TempCore) {
  const rows = (table: string) =>
    core
      .query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY external_id`)
      .map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !/(^id$|_id$|_at$)/.test(k))));
  return { customers: rows('customers'), invoices: rows('invoices'), payments: rows('payments'), credits: rows('credit_notes') };
}

describe('each preset reads its .xlsx twin exactly as its CSV', () => {
  it.each(TWINS)('$name: the workbook twin', async ({ name, before = [] }) => {
    const viaXlsx = tempCore();
    try {
      for (const fixture of before) {
        await run(t, fixture);
        await run(viaXlsx, fixture);
      }
      const csv = await run(t, `erp/${name}.csv`);
      const xlsx = await run(viaXlsx, `erp/${name}.xlsx`);
      expect(xlsx).toEqual(csv);
      expect(csv.rows).toBeGreaterThan(0);
      expect(ledger(viaXlsx)).toEqual(ledger(t));
      expect(await viaXlsx.core.call('aging.report', { asOf: '2026-11-22' })).toEqual(await t.core.call('aging.report', { asOf: '2026-11-22' }));
      // The same DB again: the workbook is the same export, so nothing changes (an unnumbered payment included).
      const again = await run(t, `erp/${name}.xlsx`);
      expect(again).toMatchObject({ updated: 0, closed: 0, created: 0 });
    } finally {
      await viaXlsx.dispose();
    }
  });
});

async function workbook(path: string, rows: ExcelJS.CellValue[][], name = 'Sheet1'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(name);
  for (const row of rows) sheet.addRow(row);
  await wb.xlsx.writeFile(path);
  return path;
}

const HEADER = ['Invoice Number', 'Customer ID', 'Issue Date', 'Due Date', 'Amount', 'Currency'];
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('workbook cells', () => {
  it('number cells become exact minor units: 12.1 is 1210 cents, float noise of a formula is not a decimal', async () => {
    const path = await workbook(join(t.dir, 'amounts.xlsx'), [
      HEADER,
      ['A-1', 'C-1', day('2026-10-01'), day('2026-10-31'), 12.1, 'USD'],
      ['A-2', 'C-1', day('2026-10-01'), day('2026-10-31'), { formula: '0.1+0.2', result: 0.1 + 0.2 }, 'USD'],
      ['A-3', 'C-1', day('2026-10-01'), day('2026-10-31'), 1234567.89, 'USD'],
      ['A-4', 'C-1', day('2026-10-01'), day('2026-10-31'), 1500, 'JPY'],
      ['A-5', 'C-1', day('2026-10-01'), day('2026-10-31'), 1.005, 'KWD'],
    ]);
    expect(await t.core.call('import.run', { jobId: JOB(), fileId: t.core.stageFile(path).fileId, snapshot: false })).toMatchObject({ created: 5 });
    expect(t.query('SELECT external_id, amount_minor, currency FROM invoices ORDER BY external_id')).toEqual([
      { external_id: 'A-1', amount_minor: 1210, currency: 'USD' },
      { external_id: 'A-2', amount_minor: 30, currency: 'USD' },
      { external_id: 'A-3', amount_minor: 123456789, currency: 'USD' },
      { external_id: 'A-4', amount_minor: 1500, currency: 'JPY' },
      { external_id: 'A-5', amount_minor: 1005, currency: 'KWD' },
    ]);
  });

  it.each([
    [12.1, '12.1'],
    [0.1 + 0.2, '0.3'],
    [12.100000000000001, '12.1'],
    [-0, '0'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [-1.5e-10, '-0.00000000015'],
    [123456789012.34, '123456789012.34'],
    [-605.46, '-605.46'],
  ])('decimalText(%d) is "%s"', (value, text) => {
    expect(decimalText(value)).toBe(text);
  });

  it('date cells are the calendar day in any time zone', async () => {
    const path = await workbook(join(t.dir, 'dates.xlsx'), [HEADER, ['A-1', 'C-1', day('2026-01-01'), new Date('2026-12-31T23:59:59Z'), 10, 'USD']]);
    const zone = process.env.TZ;
    try {
      for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC']) {
        process.env.TZ = tz;
        const { rows } = await readXlsx(path);
        expect(rows[1]).toMatchObject({
          cells: ['A-1', 'C-1', '2026-01-01', '2026-12-31', '10', 'USD'],
          typed: [undefined, undefined, 'date', 'date', 'number'],
        });
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('a day-first text date in a sheet of date cells is read by the file format, the date cells as dates', async () => {
    const path = await workbook(join(t.dir, 'mixed.xlsx'), [
      HEADER,
      ['A-1', 'C-1', '25/09/2026', day('2026-10-25'), 10, 'USD'],
      ['A-2', 'C-1', day('2026-09-03'), '03/10/2026', 10, 'USD'],
    ]);
    expect(await t.core.call('import.run', { jobId: JOB(), fileId: t.core.stageFile(path).fileId, snapshot: false })).toMatchObject({ created: 2 });
    expect(t.query('SELECT external_id, issue_date, due_date FROM invoices ORDER BY external_id')).toEqual([
      { external_id: 'A-1', issue_date: '2026-09-25', due_date: '2026-10-25' },
      { external_id: 'A-2', issue_date: '2026-09-03', due_date: '2026-10-03' },
    ]);
  });

  it('text cells are trimmed, rich text and hyperlinks read as their text, numbers as ids keep their digits', async () => {
    const path = await workbook(join(t.dir, 'text.xlsx'), [
      [...HEADER, 'Customer Name'],
      [1001, '  C-7 ', day('2026-10-01'), day('2026-10-31'), 10, 'USD', { richText: [{ text: 'Acme ' }, { text: 'Tools', font: { bold: true } }] }],
      ['A-2', { text: 'C-8', hyperlink: 'https://erp.example/c/8' }, day('2026-10-01'), day('2026-10-31'), 10, 'usd', 'Birch'],
    ]);
    await t.core.call('import.run', { jobId: JOB(), fileId: t.core.stageFile(path).fileId, snapshot: false });
    expect(t.query('SELECT external_id, name FROM customers ORDER BY external_id')).toEqual([
      { external_id: 'C-7', name: 'Acme Tools' },
      { external_id: 'C-8', name: 'Birch' },
    ]);
    expect(t.query('SELECT external_id FROM invoices ORDER BY external_id')).toEqual([{ external_id: '1001' }, { external_id: 'A-2' }]);
  });

  it('the preview names the sheet, a named sheet is read, and its problems carry the sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Summary').addRow(['Totals only']);
    const open = wb.addWorksheet('Open items');
    open.addRow(HEADER);
    open.addRow(['A-1', 'C-1', day('2026-10-01'), day('2026-10-31'), 'ten', 'USD']);
    const path = join(t.dir, 'two-sheets.xlsx');
    await wb.xlsx.writeFile(path);
    const fileId = t.core.stageFile(path).fileId;
    expect(await t.core.call('import.preview', { fileId, sheet: 'Open items' })).toMatchObject({
      sheet: 'Open items',
      preset: 'generic-invoices',
      headerRow: 1,
      headers: HEADER,
    });
    await expect(t.core.call('import.run', { jobId: JOB(), fileId, snapshot: false, sheet: 'Open items' })).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
      message: 'Nothing was imported: 1 problem in sheet "Open items".',
      details: { problems: [{ row: 2, column: 'Amount', value: 'ten', reason: 'not an amount: not a number', sheet: 'Open items' }] },
    });
    const csv = t.stageText('plain.csv', 'a,b\n1,2\n');
    await expect(t.core.call('import.preview', { fileId: csv, sheet: 'Open items' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('has no sheets'),
    });
  });
});

describe('every way in takes .xlsx', () => {
  it('the watched folder imports a workbook dropped into it', async () => {
    const folder = join(t.dir, 'exports');
    mkdirSync(folder);
    copyFileSync(fixturePath('erp/generic-invoices.xlsx'), join(folder, 'open-items.xlsx'));
    await t.core.call('sync.connection.save', { connector: 'folder', folder, mapping: 'generic-invoices', intervalMinutes: 0 });
    expect(await t.core.call('sync.run', { jobId: JOB() })).toMatchObject({ pages: 1, created: 6 });
  });

  it('the CLI imports a workbook, with --sheet', async () => {
    const key = 'ab'.repeat(32);
    const cli = (args: string[]) => runCliInProcess(args, { PATH: process.env.PATH, HOME: process.env.HOME, INFLOW_DB_KEY: key });
    const db = join(t.dir, 'cli.db');
    const ok = await cli(['import', fixturePath('erp/xero-sales-invoices.xlsx'), '--db', db, '--sheet', 'xero-sales-invoices', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ preset: 'xero-invoices', created: 3 });
    const missing = await cli(['import', fixturePath('erp/xero-sales-invoices.xlsx'), '--db', db, '--sheet', 'Sheet9']);
    expect(missing.code).toBe(1);
    expect(missing.stderr + missing.stdout).toContain('the workbook has no sheet named "Sheet9"');
  });
});
