import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportMappingInput, ImportProblem } from '../../shared/import-mapping';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * A corpus of broken exports (test/fixtures/corpus), each a mistake real ERPs or hand-edited
 * spreadsheets make. Each must be refused whole with its specific problems (row, column, reason),
 * and leave the database exactly as empty as it was.
 */
interface Case {
  file: string;
  why: string;
  preset?: string;
  mapping?: ImportMappingInput;
  problems: Partial<ImportProblem>[];
  count?: number;
}

const docMapping = (extra: Partial<ImportMappingInput> = {}): ImportMappingInput => ({
  kind: 'invoices',
  columns: { invoiceNumber: 'Doc', customerId: 'Account', issueDate: 'Date', dueDate: 'Due', amount: 'Gross' },
  currency: 'USD',
  ...extra,
});

const CASES: Case[] = [
  {
    file: 'bad-date-feb-30.csv',
    why: 'a date that does not exist',
    problems: [{ row: 3, column: 'Issue Date', value: '2026-02-30', reason: 'not a valid date in format yyyy-MM-dd' }],
  },
  {
    file: 'bad-date-month-13.csv',
    why: 'month 13 in a day-first file',
    problems: [{ row: 3, column: 'Issue Date', value: '13/13/2026', reason: 'not a valid date in format d/M/yyyy' }],
  },
  { file: 'bad-date-word.csv', why: 'a word typed into a date cell', problems: [{ row: 3, column: 'Issue Date', value: 'yesterday' }] },
  {
    file: 'ambiguous-dates.csv',
    why: 'every day ≤ 12 and no dateFormat: refuse to guess',
    mapping: docMapping(),
    problems: [{ row: 1, column: 'Date', value: '03/04/2026', reason: 'day/month order is ambiguous' }],
  },
  {
    file: 'text-in-amount.csv',
    why: '"TBD" in money columns',
    problems: [
      { row: 3, column: 'Open Balance', value: 'TBD', reason: 'not an amount' },
      { row: 3, column: 'Amount', value: 'TBD', reason: 'not an amount' },
    ],
  },
  { file: 'letter-o-in-amount.csv', why: 'the letter O typed for a zero', problems: [{ row: 2, column: 'Amount', value: '12.5O', reason: 'not a number' }] },
  {
    file: 'too-many-decimals.csv',
    why: 'fractions of a cent',
    problems: [
      { row: 2, column: 'Open Balance', reason: 'more than 2 decimal places' },
      { row: 2, column: 'Amount', reason: 'more than 2 decimal places' },
    ],
  },
  {
    file: 'missing-due-date-column.csv',
    why: 'a required column left out of the export',
    problems: [{ row: 1, column: 'Due date', reason: 'looks like "Generic invoices", but its required column "Due date" not found' }],
  },
  {
    file: 'missing-due-date-column.csv',
    why: 'the same, with the preset named',
    preset: 'generic-invoices',
    problems: [{ row: 1, column: 'Due date', reason: 'expected a header named "due date"' }],
  },
  {
    file: 'mapping-column-absent.csv',
    why: 'a saved mapping naming a column this export lacks',
    mapping: docMapping({
      columns: { invoiceNumber: 'Doc', customerId: 'Account', customerName: 'Customer', issueDate: 'Date', dueDate: 'Due', amount: 'Gross' },
    }),
    problems: [{ row: 1, column: 'Customer', reason: 'mapped column "Customer" (for Customer name) is not in the file' }],
  },
  {
    file: 'duplicate-invoice-number.csv',
    why: 'the same invoice twice',
    problems: [{ row: 4, column: 'Invoice Number', value: 'A-1', reason: 'already on row 2' }],
  },
  {
    file: 'bom-duplicate.csv',
    why: 'a UTF-8 BOM must not hide the first header ("Invoice Number" still found)',
    problems: [{ row: 3, column: 'Invoice Number', value: 'A-1', reason: 'already on row 2' }],
  },
  {
    file: 'semicolon-bad-amount.csv',
    why: 'a semicolon file (decimal comma detected) with a malformed amount',
    problems: [{ row: 3, column: 'Amount', value: '12,5,0', reason: 'more than one decimal separator' }],
  },
  {
    file: 'decimal-comma-read-as-dot.csv',
    why: 'decimal-comma amounts with a mapping that says "."',
    mapping: docMapping({ decimalSeparator: '.' }),
    problems: [{ row: 2, column: 'Gross', value: '1.234,56', reason: 'does this file use "," for decimals?' }],
  },
  { file: 'empty.csv', why: 'a zero-byte file', problems: [{ row: 0, reason: 'the file is empty' }] },
  { file: 'header-only.csv', why: 'an export with no rows', problems: [{ row: 2, reason: 'header but no data rows' }] },
  {
    file: 'truncated-last-line.csv',
    why: 'a download cut off mid-line',
    problems: [{ row: 3, column: '', reason: 'row has 5 fields but the header has 8 (truncated line?)' }],
  },
  { file: 'unclosed-quote.csv', why: 'a quote opened and never closed', problems: [{ row: 3, reason: 'unclosed quote' }] },
  {
    file: 'extra-unquoted-comma.csv',
    why: 'a name with a comma, not quoted',
    problems: [{ row: 3, reason: 'row has 9 fields but the header has 8 (a value with an unquoted delimiter?)' }],
  },
  {
    file: 'negative-open-balance.csv',
    why: 'an invoice owing less than nothing',
    problems: [{ row: 2, column: 'Open Balance', value: '-5.00', reason: 'opposite signs' }],
  },
  {
    file: 'open-above-amount.csv',
    why: 'more open than was ever invoiced',
    problems: [{ row: 2, column: 'Open Balance', value: '150.00', reason: 'larger than the amount 100.00' }],
  },
  {
    file: 'due-before-issue.csv',
    why: 'due date before the invoice existed',
    problems: [{ row: 2, column: 'Due Date', value: '2026-08-01', reason: 'before the issue date 2026-09-01' }],
  },
  {
    file: 'unknown-currency.csv',
    why: 'a made-up code and a currency written out',
    problems: [
      { row: 2, column: 'Currency', value: 'XYZ', reason: 'ISO 4217' },
      { row: 3, column: 'Currency', value: 'US Dollars', reason: 'ISO 4217' },
    ],
  },
  { file: 'blank-customer-id.csv', why: 'a row with no customer', problems: [{ row: 2, column: 'Customer ID', reason: 'required value is empty' }] },
  {
    file: 'disputed-not-yes-no.csv',
    why: '"maybe" in a yes/no column',
    problems: [{ row: 2, column: 'Disputed', value: 'maybe', reason: 'not a yes/no value' }],
  },
  {
    file: 'payment-unknown-invoice.csv',
    why: 'a payment for an invoice never imported',
    problems: [{ row: 2, column: 'Invoice Number', value: 'NOPE-1', reason: 'no invoice with this number' }],
  },
  {
    file: 'payment-negative.csv',
    why: 'a refund in the payments file',
    problems: [{ row: 2, column: 'Amount', value: '-50.00', reason: 'a payment must be a positive amount' }],
  },
  {
    file: 'customers-bad-email-limit.csv',
    why: 'a half-typed email and a negative credit limit',
    problems: [
      { row: 2, column: 'Email', value: 'ap@alpha', reason: 'not an email address' },
      { row: 3, column: 'Credit Limit', value: '-500', reason: 'credit limit is negative' },
    ],
  },
  {
    file: 'xero-contact-disagrees.csv',
    why: 'two lines of one Xero invoice name different contacts',
    problems: [{ row: 3, column: '*ContactName', value: 'Hamilton Smith Limited', reason: 'differs from the first line of invoice INV-9 (row 2' }],
  },
  {
    file: 'odoo-partial-no-amount-due.csv',
    why: 'Odoo "Partially Paid" without the amount still due',
    problems: [{ row: 2, column: 'payment_state', reason: 'no "Amount Due" column' }],
  },
  {
    file: 'negative-amount-invoice-type.csv',
    why: 'Odoo calls it an invoice but the total is negative',
    problems: [{ row: 2, column: 'amount_total', value: '-100.00', reason: 'negative amount on a row the export calls an invoice' }],
  },
  {
    file: 'quickbooks-letter-o.csv',
    why: 'a QuickBooks report edited by hand: "$4,25O.00"',
    problems: [
      { row: 7, column: 'Open Balance', value: '$4,25O.00' },
      { row: 7, column: 'Amount', value: '$4,25O.00' },
    ],
  },
  {
    file: 'windows-1252-bad-amount.csv',
    why: 'a Windows-1252 export (é) with a bad amount: the encoding is read, the amount refused',
    problems: [{ row: 2, column: 'Amount', value: 'abc' }],
  },
  {
    file: 'paid-date-before-issue.csv',
    why: 'settled before it was issued',
    problems: [{ row: 2, column: 'Paid Date', value: '2026-08-01', reason: 'before the issue date' }],
  },
  { file: 'no-known-headers.csv', why: 'not an export Inflow knows and no mapping', problems: [{ row: 1, reason: 'no preset matches these headers' }] },
  { file: 'many-bad-rows.csv', why: '1,500 bad rows: 1,000 listed, all counted', problems: [{ row: 2, column: 'Amount', value: 'oops' }], count: 1500 },
];

let t: TempCore;
beforeEach(() => {
  t = tempCore();
});
afterEach(() => t.dispose());

function importCase(file: string, options: { preset?: string | undefined; mapping?: ImportMappingInput | undefined }) {
  return t.core.call('import.run', { jobId: JOB(), fileId: t.stage(`corpus/${file}`), ...options });
}

describe('malformed exports are refused whole, with specific problems', () => {
  it.each(CASES)('$file — $why', async ({ file, preset, mapping, problems, count }) => {
    const error = await importCase(file, { preset, mapping }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'IMPORT_REJECTED' });
    const details = (error as { details: { problems: ImportProblem[]; problemCount: number } }).details;
    expect(details.problemCount).toBe(count ?? problems.length);
    expect(details.problems).toHaveLength(Math.min(count ?? problems.length, 1000));
    problems.forEach((expected, index) => {
      const actual = details.problems[index]!;
      const { reason, ...exact } = expected;
      expect(actual).toMatchObject(exact);
      if (reason) expect(actual.reason).toContain(reason);
    });
    const status = await t.core.call('app.status', {});
    expect(status).toMatchObject({ customers: 0, invoices: 0, hasData: false });
    expect((await t.core.call('aging.report', { asOf: '2026-11-22' })).customers).toEqual([]);
  });

  it('keeps the Windows-1252 name intact when the row is fixed', async () => {
    const fixed = `${t.dir}/cp1252.csv`;
    writeFileSync(
      fixed,
      Buffer.from(
        'Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount\nW-1,C1,Soci\xe9t\xe9 G\xe9n\xe9rale,2026-09-01,2026-10-01,10.00\n',
        'latin1',
      ),
    );
    await t.core.call('import.run', { jobId: JOB(), fileId: t.core.stageFile(fixed).fileId });
    expect((await t.core.call('aging.report', { asOf: '2026-11-22' })).customers[0]?.name).toBe('Société Générale');
  });
});

describe('the same files, once fixed, import: the refusals were specific', () => {
  it('ambiguous dates with a stated dateFormat', async () => {
    expect(await importCase('ambiguous-dates.csv', { mapping: docMapping({ dateFormat: 'd/M/yyyy' }) })).toMatchObject({ created: 2 });
    // 04/05/2026 read day-first is 4 May.
    expect((await t.core.call('aging.report', { asOf: '2026-05-04' })).totals.USD).toMatchObject({ current: 1_000, d1_30: 0 });
  });

  it('decimal-comma amounts with decimalSeparator ","', async () => {
    expect(await importCase('decimal-comma-read-as-dot.csv', { mapping: docMapping({ decimalSeparator: ',' }) })).toMatchObject({ created: 1 });
    expect((await t.core.call('aging.report', { asOf: '2026-11-22' })).totals.USD?.total).toBe(123_456);
  });

  it('a payment once its invoice has been imported', async () => {
    writeFileSync(`${t.dir}/inv.csv`, 'Invoice Number,Customer ID,Issue Date,Due Date,Amount\nNOPE-1,C1,2026-10-01,2026-10-31,80.00\n');
    await t.core.call('import.run', { jobId: JOB(), fileId: t.core.stageFile(`${t.dir}/inv.csv`).fileId });
    expect(await importCase('payment-unknown-invoice.csv', {})).toMatchObject({ created: 1, paymentsCreated: 1 });
    expect((await t.core.call('aging.report', { asOf: '2026-11-22' })).totals.USD?.total).toBe(3_000);
  });
});
