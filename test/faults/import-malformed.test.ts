import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toErrorShape, type ErrorShape } from '../../shared/errors';
import { PROBLEM_LIST_LIMIT, type ImportMappingInput, type ImportProblem } from '../../shared/import-mapping';
import { fixturePath, JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * test/fixtures/malformed: broken exports, each a mistake a real ERP export or a hand-edited
 * spreadsheet makes. Every file must be refused whole, with every problem named exactly (row,
 * column header, value, why), and leave the database as empty as it was. A handful are then fixed
 * and import, so the refusals are specific, not blanket. Files named bug-*.csv are valid-looking
 * exports the importer once misread; see "importer edge cases that once slipped through" at the end.
 */

interface Expected {
  row: number;
  /** The file's own column header ('' for a problem with the whole row, a field name for a missing column). */
  column: string;
  /** The raw cell value exactly; null when not checked (structural problems echo a long chunk of the line). */
  value: string | null;
  /** A substring of the reason that says what is wrong. */
  reason: string;
}

type Outcome =
  | { code: 'IMPORT_REJECTED'; problems: Expected[]; count?: number }
  | { code: 'INVALID_INPUT' | 'NOT_FOUND'; message: string; issues?: { path: string; message: string }[] };

interface Case {
  file: string;
  /** The real-world mistake this file models. */
  why: string;
  preset?: string;
  mapping?: ImportMappingInput;
  snapshot?: boolean;
  expected: Outcome;
}

const p = (row: number, column: string, value: string | null, reason: string): Expected => ({ row, column, value, reason });
const rejected = (...problems: Expected[]): Outcome => ({ code: 'IMPORT_REJECTED', problems });
const invalidInput = (message: string, ...issues: { path: string; message: string }[]): Outcome => ({ code: 'INVALID_INPUT', message, issues });

/** A home-grown ERP's columns, read with a user mapping (no dateFormat unless stated). */
const DOC_COLUMNS = { invoiceNumber: 'Doc', customerId: 'Account', issueDate: 'Doc Date', dueDate: 'Due', amount: 'Gross' };
const docMapping = (extra: Partial<ImportMappingInput> = {}): ImportMappingInput => ({
  kind: 'invoices',
  columns: DOC_COLUMNS,
  currency: 'EUR',
  ...extra,
});
const AMBIGUOUS_MAPPING = docMapping({ columns: { ...DOC_COLUMNS, customerName: 'Account Name', openBalance: 'Outstanding' } });

const NOT_ISO = 'not an ISO 4217 currency code like "USD"';

// prettier-ignore
const CASES: Case[] = [
  // Dates
  // A month-end typed by hand: February has no 30th.
  { file: 'date-feb-30.csv', why: 'impossible date 2026-02-30', expected: rejected(p(3, 'Issue Date', '2026-02-30', 'not a valid date in format yyyy-MM-dd')) },
  // A day-first export (detected from 25/09/2026) with a month typed as 13.
  { file: 'date-month-13.csv', why: 'month 13 in a day-first file', expected: rejected(p(3, 'Issue Date', '13/13/2026', 'not a valid date in format d/M/yyyy')) },
  // Someone typed words into date cells of the sheet before saving it as CSV.
  { file: 'date-words.csv', why: '"yesterday" and "end of month" as dates', expected: rejected(
    p(2, 'Issue Date', 'yesterday', 'not a valid date in format yyyy-MM-dd'),
    p(4, 'Due Date', 'end of month', 'not a valid date in format yyyy-MM-dd')) },
  // Excel saved the date column formatted as numbers (serial day counts). Unclear message: it does not say "Excel serial".
  { file: 'date-excel-serial.csv', why: 'Excel serial numbers instead of dates', expected: rejected(
    p(2, 'Issue Date', '46296', 'not a valid date in format yyyy-MM-dd'), p(2, 'Due Date', '46326', 'not a valid date'),
    p(3, 'Issue Date', '46300', 'not a valid date'), p(3, 'Due Date', '46330', 'not a valid date')) },
  // Every day is 12 or less and the mapping gives no dateFormat: refuse to guess day/month order.
  { file: 'dates-ambiguous-custom.csv', why: 'ambiguous 03/04/2026 dates, mapping without dateFormat', mapping: AMBIGUOUS_MAPPING, expected: rejected(
    p(1, 'Doc Date', '03/04/2026', 'day/month order is ambiguous (M/d/yyyy or d/M/yyyy); set "dateFormat"')) },
  // The same with the generic preset (unclear: the reason says "in the mapping" though no mapping was used).
  { file: 'dates-ambiguous-preset.csv', why: 'ambiguous slash dates under the generic preset', expected: rejected(
    p(1, 'Issue Date', '03/04/2026', 'day/month order is ambiguous (M/d/yyyy or d/M/yyyy)')) },
  // Rows pasted from two systems: half ISO, half dotted. Unclear: reported as a day/month ambiguity.
  { file: 'dates-mixed-formats-custom.csv', why: 'ISO and dotted dates mixed half and half', mapping: docMapping(), expected: rejected(
    p(1, 'Doc Date', '2026-10-01', 'ambiguous (yyyy-MM-dd or d.M.yyyy)')) },

  // Amounts
  // "TBD" typed where the amount was not known yet.
  { file: 'amount-tbd.csv', why: '"TBD" in Amount and Open Balance', expected: rejected(
    p(3, 'Open Balance', 'TBD', 'not an amount: not a number'), p(3, 'Amount', 'TBD', 'not an amount: not a number')) },
  // The letter O typed for a zero.
  { file: 'amount-letter-o.csv', why: '"12.5O" with a letter O', expected: rejected(p(2, 'Amount', '12.5O', 'not an amount: not a number')) },
  // A unit price with fractions of a cent copied into the amount column.
  { file: 'amount-three-decimals.csv', why: '"12.345" in a 2-decimal currency', expected: rejected(
    p(3, 'Open Balance', '12.345', 'more than 2 decimal places'), p(3, 'Amount', '12.345', 'more than 2 decimal places')) },
  // Broken spreadsheet formulas exported as their error text.
  { file: 'amount-spreadsheet-error.csv', why: '#REF! and #VALUE! in money cells', expected: rejected(
    p(2, 'Amount', '#REF!', 'not an amount: not a number'), p(3, 'Open Balance', '#VALUE!', 'not an amount: not a number')) },
  // Yen have no minor unit: "1500.50 JPY" is not an amount.
  { file: 'amount-jpy-decimals.csv', why: 'decimals on a JPY amount', expected: rejected(p(3, 'Amount', '1500.50', 'more than 0 decimal places')) },
  // A German semicolon file (decimal comma detected) with Feb 31 and "n.v." (nicht verfügbar).
  { file: 'semicolon-bad-values.csv', why: 'semicolon file with 31.02.2026 and "n.v."', expected: rejected(
    p(3, 'Issue Date', '31.02.2026', 'not a valid date in format d.M.yyyy'), p(3, 'Amount', 'n.v.', 'not an amount: not a number')) },
  // A saved mapping says "." but this export writes 1.234,56.
  { file: 'decimal-comma-as-dot.csv', why: 'decimal-comma amounts read with decimalSeparator "."', mapping: docMapping({ decimalSeparator: '.' }), expected: rejected(
    p(2, 'Gross', '1.234,56', '"," after the decimal separator ".": does this file use "," for decimals?'),
    p(3, 'Gross', '0,50', 'digit grouping does not match decimal separator "."')) },

  // Columns and mapping
  // An export configured without the due-date column, picked up by detection.
  { file: 'missing-due-date-column.csv', why: 'generic invoices without "Due Date" (detected)', expected: rejected(
    p(1, 'Due date', '', 'looks like "Generic invoices", but its required column "Due date" not found')) },
  // The same file with the preset chosen by the user.
  { file: 'missing-due-date-column.csv', why: 'generic invoices without "Due Date" (preset chosen)', preset: 'generic-invoices', expected: rejected(
    p(1, 'Due date', '', 'required column "Due date" not found (expected a header named "due date" or "due_date")')) },
  // A saved mapping written for a fuller export names a column this one lacks.
  { file: 'mapping-column-absent.csv', why: 'mapping names "Account Name", which the file lacks', mapping: docMapping({ columns: { ...DOC_COLUMNS, customerName: 'Account Name' } }), expected: rejected(
    p(1, 'Account Name', '', 'mapped column "Account Name" (for Customer name) is not in the file')) },
  // The wrong file picked in the dialog: a bank statement.
  { file: 'bank-statement.csv', why: 'a bank statement instead of an ERP export', expected: rejected(
    p(1, '', 'Date,Description,Debit,Credit,Balance', 'no preset matches these headers; choose a preset or map the columns')) },

  // Structure of the file
  // A zero-byte file (export to a full disk, or an empty report).
  { file: 'empty.csv', why: 'zero bytes', expected: rejected(p(0, '', '', 'the file is empty')) },
  // Only line breaks (an empty sheet saved as CSV). Unclear: reported as unknown headers, not as empty.
  { file: 'blank-lines-only.csv', why: 'nothing but line breaks', expected: rejected(p(1, '', '', 'no preset matches these headers')) },
  // An export of a filter that matched nothing.
  { file: 'header-only.csv', why: 'header row, no data rows', expected: rejected(p(2, '', '', 'the file has a header but no data rows')) },
  // A download cut off mid-line (no final newline).
  { file: 'truncated-last-line.csv', why: 'last line truncated to 4 fields', expected: rejected(
    p(4, '', 'INV-1703,C-002,Birch & Co,2026-10', 'row has 4 fields but the header has 9 (truncated line?)')) },
  // A quote opened in a name and never closed: the rest of the file is swallowed into that row.
  { file: 'unclosed-quote.csv', why: 'unclosed quote in a customer name', expected: rejected(p(3, '', null, 'unclosed quote: the line is truncated or a quote is missing')) },
  // A quote in the middle of a field ("Acme" Tools Ltd). Unclear: papaparse's own wording.
  { file: 'stray-quote.csv', why: 'a quoted word inside an unquoted field', expected: rejected(p(2, '', null, 'Trailing quote on quoted field is malformed')) },
  // A customer name with a comma, written without quotes.
  { file: 'extra-unquoted-comma.csv', why: '"Birch, Co" unquoted: one field too many', expected: rejected(
    p(3, '', 'INV-1902,C-002,Birch, Co,2026-10-01,2026-10-31,500.00,500.00,USD,no', 'row has 10 fields but the header has 9 (a value with an unquoted delimiter?)')) },
  // A memo with a line break: problems are numbered by record (the spreadsheet row), not by text line.
  { file: 'multiline-memo.csv', why: 'quoted multi-line memo before a bad date', expected: rejected(p(3, 'Issue Date', '2026-13-01', 'not a valid date in format yyyy-MM-dd')) },
  // A SUM row left at the bottom of the sheet.
  { file: 'spreadsheet-total-row.csv', why: 'a TOTAL row under the data', expected: rejected(
    p(4, 'Customer ID', '', 'required value is empty (no customer on this row)'), p(4, 'Issue Date', '', 'required date is empty')) },
  // Two monthly exports concatenated: the second header is now a data row.
  { file: 'header-repeated.csv', why: 'header repeated mid-file', expected: rejected(
    p(3, 'Issue Date', 'Issue Date', 'not a valid date'), p(3, 'Due Date', 'Due Date', 'not a valid date'), p(3, 'Amount', 'Amount', 'not an amount: not a number')) },
  // A UTF-8 BOM must not hide the first header: "Invoice Number" is still found and named exactly.
  { file: 'bom-duplicate.csv', why: 'BOM file with the same invoice twice', expected: rejected(
    p(3, 'Invoice Number', 'INV-1601', 'duplicate: the same invoiceNumber is already on row 2')) },
  // An old Windows export: é decoded from Windows-1252 in the values reported. (Problems are listed structural-first, not by row.)
  { file: 'windows-1252-broken.csv', why: 'Windows-1252 with "contesté" and a truncated line', expected: rejected(
    p(3, '', 'F-2,C-901,Crème Brûlée SARL,2026-10-01', 'row has 4 fields but the header has 9 (truncated line?)'),
    p(2, 'Disputed', 'contesté', 'not a yes/no value')) },

  // Invoice rules
  // The same invoice number twice (re-issued invoice kept its number).
  { file: 'duplicate-invoice-number.csv', why: 'invoice 00124 on rows 3 and 5', expected: rejected(
    p(5, 'Invoice Number', '00124', 'duplicate: the same invoiceNumber is already on row 3')) },
  // An overpaid invoice exported with a negative balance.
  { file: 'negative-open-balance.csv', why: 'open balance -5.00 on a 100.00 invoice', expected: rejected(
    p(2, 'Open Balance', '-5.00', 'open balance and amount have opposite signs')) },
  // An extra zero typed into the balance.
  { file: 'open-balance-above-amount.csv', why: 'open 1500.00 on a 150.00 invoice', expected: rejected(
    p(3, 'Open Balance', '1500.00', 'open balance is larger than the amount 150.00')) },
  // The year of the due date typed wrong.
  { file: 'due-before-issue.csv', why: 'due 2025-10-01, issued 2026-09-01', expected: rejected(
    p(2, 'Due Date', '2025-10-01', 'due date is before the issue date 2026-09-01')) },
  // Settled before it was issued.
  { file: 'paid-before-issue.csv', why: 'paid 2026-08-15, issued 2026-09-01', expected: rejected(
    p(2, 'Paid Date', '2026-08-15', 'paid date is before the issue date 2026-09-01')) },
  // Made-up and symbol currencies (lower-case "usd" on row 5 is accepted).
  { file: 'unknown-currency.csv', why: '"USDX", "XYZ" and "€" as currency', expected: rejected(
    p(2, 'Currency', 'USDX', NOT_ISO), p(3, 'Currency', 'XYZ', NOT_ISO), p(4, 'Currency', '€', NOT_ISO)) },
  // A row whose customer number was never filled in.
  { file: 'blank-customer-id.csv', why: 'blank Customer ID (name present)', expected: rejected(
    p(3, 'Customer ID', '', 'required value is empty (no customer on this row)')) },
  // Free text in the yes/no dispute column.
  { file: 'disputed-not-yes-no.csv', why: '"maybe" and a note in Disputed', expected: rejected(
    p(2, 'Disputed', 'maybe', 'not a yes/no value (use yes/no, true/false, 1/0 or leave empty)'),
    p(4, 'Disputed', 'see email from Jan', 'not a yes/no value')) },

  // Payments
  // A payments file sent before (or without) the invoices file.
  { file: 'payments-unknown-invoice.csv', why: 'payment applied to INV-404, never imported', expected: rejected(
    p(2, 'Invoice Number', 'INV-404', 'no invoice with this number has been imported from this source')) },
  // Refunds exported in the payments file, with a minus and with accounting parentheses.
  { file: 'payments-negative.csv', why: '-250.00 and (75.00) as payments', expected: rejected(
    p(3, 'Amount', '-250.00', 'a payment must be a positive amount (refunds are not payments)'),
    p(4, 'Amount', '(75.00)', 'a payment must be a positive amount')) },
  // November 31st, and an amount left blank.
  { file: 'payments-bad-date-blank-amount.csv', why: '2026-11-31 and a blank amount', expected: rejected(
    p(2, 'Date', '2026-11-31', 'not a valid date in format yyyy-MM-dd'), p(3, 'Amount', '', 'required amount is empty')) },
  // The same payment id for two receipts.
  { file: 'payments-duplicate-id.csv', why: 'P-7 twice', expected: rejected(
    p(3, 'Payment ID', 'P-7', 'duplicate: the same paymentId is already on row 2')) },
  // Snapshot mode ticked on a payments file (valid file, wrong request).
  { file: '../erp/generic-payments.csv', why: 'snapshot mode on a payments file', snapshot: true, expected: {
    code: 'INVALID_INPUT', message: 'Snapshot mode only applies to open-invoice files.' } },

  // Customers
  // A half-typed email and a credit limit entered as negative.
  { file: 'customers-bad-email-credit-limit.csv', why: '"jane.park@acme" and credit limit -5,000.00', expected: rejected(
    p(2, 'Email', 'jane.park@acme', 'not an email address'), p(3, 'Credit Limit', '-5,000.00', 'credit limit is negative')) },
  // QuickBooks-style "Net 30" terms and two addresses in one email cell.
  { file: 'customers-terms-text.csv', why: '"Net 30" as terms days and two emails in one cell', expected: rejected(
    p(2, 'Terms', 'Net 30', 'not a whole number'), p(2, 'Email', 'ap@acme.example; ar@acme.example', 'not an email address')) },
  // The same customer twice, once with a trailing space.
  { file: 'customers-duplicate-id.csv', why: '"C-001" and "C-001 "', expected: rejected(
    p(3, 'Customer ID', 'C-001', 'duplicate: the same customerId is already on row 2')) },

  // ERP dialects
  // Xero: one invoice's lines typed with two spellings of the contact.
  { file: 'xero-contact-disagrees.csv', why: 'INV-0009 lines name two contacts', expected: rejected(
    p(3, '*ContactName', 'Hamilton Smith Limited', 'differs from the first line of invoice INV-0009 (row 2: "Hamilton Smith Ltd")')) },
  // Xero: amount due typed with an extra zero.
  { file: 'xero-amount-due-above-total.csv', why: 'InvoiceAmountDue 12000.00 on a 1200.00 total', expected: rejected(
    p(2, 'InvoiceAmountDue', '12000.00', 'amount due is outside 0 … the invoice total')) },
  // Odoo: exported without the Amount Due field, so a partly paid invoice's balance is unknown.
  { file: 'odoo-partially-paid-no-amount-due.csv', why: '"Partially Paid" and no amount_residual column', expected: rejected(
    p(3, 'payment_state', 'Partially Paid', 'partially paid, but the export has no "Amount Due" column')) },
  // QuickBooks A/R Aging Detail, one data row edited by hand: "$4,25O.00".
  { file: 'quickbooks-letter-o.csv', why: 'QuickBooks report with "$4,25O.00"', expected: rejected(
    p(10, 'Open Balance', '$4,25O.00', 'not an amount: not a number'), p(10, 'Amount', '$4,25O.00', 'not an amount: not a number')) },

  // The contract rejects the request itself
  // A hand-written mapping file with a lower-case currency.
  { file: 'mapping-column-absent.csv', why: 'mapping currency "eur"', mapping: docMapping({ currency: 'eur' }), expected: invalidInput(
    'mapping.currency: an ISO 4217 code like "USD"', { path: 'mapping.currency', message: 'an ISO 4217 code like "USD"' }) },
  // A mapping file that forgot the due date.
  { file: 'mapping-column-absent.csv', why: 'mapping without dueDate', mapping: { kind: 'invoices', columns: { invoiceNumber: 'Doc', customerId: 'Account', issueDate: 'Doc Date', amount: 'Gross' } }, expected: invalidInput(
    '"dueDate" must be mapped to a column', { path: 'mapping.columns.dueDate', message: '"dueDate" must be mapped to a column' }) },
  // A preset name mistyped on the command line.
  { file: 'mapping-column-absent.csv', why: 'unknown preset name', preset: 'sap-fbl5n', expected: { code: 'NOT_FOUND', message: 'No preset or saved mapping named "sap-fbl5n".' } },
];

let t: TempCore;
beforeEach(() => {
  t = tempCore();
});
afterEach(() => t.dispose());

type ImportOptions = Pick<Case, 'preset' | 'mapping' | 'snapshot'>;

function importFile(fileId: string, { preset, mapping, snapshot = false }: ImportOptions = {}) {
  return t.core.call('import.run', { jobId: JOB(), fileId, snapshot, ...(preset ? { preset } : {}), ...(mapping ? { mapping } : {}) });
}

const stageMalformed = (file: string): string => t.stage(`malformed/${file}`);

/** Stages a copy of a malformed fixture with text replaced (byte-preserving, so Windows-1252 stays Windows-1252). */
function stageFixed(file: string, edits: [from: string, to: string][]): string {
  let text = readFileSync(fixturePath(`malformed/${file}`)).toString('latin1');
  for (const [from, to] of edits) {
    expect(text, `"${from}" is in ${file}`).toContain(from);
    text = text.replaceAll(from, to);
  }
  const path = join(t.dir, `fixed-${file}`);
  writeFileSync(path, Buffer.from(text, 'latin1'));
  return t.core.stageFile(path).fileId;
}

/** Writes a throwaway file into the temp dir and stages it. */
function stageText(name: string, text: string): string {
  const path = join(t.dir, name);
  writeFileSync(path, text);
  return t.core.stageFile(path).fileId;
}

async function refusal(promise: Promise<unknown>): Promise<ErrorShape> {
  try {
    await promise;
  } catch (error) {
    return toErrorShape(error);
  }
  throw new Error('expected the import to be refused, but it was committed');
}

function rejectionDetails(error: ErrorShape): { problems: ImportProblem[]; problemCount: number } {
  expect(error.code).toBe('IMPORT_REJECTED');
  expect(error.details).toMatchObject({ problems: expect.any(Array), problemCount: expect.any(Number) });
  return error.details as { problems: ImportProblem[]; problemCount: number };
}

async function expectNothingCommitted(): Promise<void> {
  expect(await t.core.call('app.status', {})).toMatchObject({ customers: 0, invoices: 0, hasData: false });
  expect((await t.core.call('aging.report', { asOf: '2026-11-22' })).customers).toEqual([]);
}

async function agingTotals(asOf = '2026-11-22') {
  return (await t.core.call('aging.report', { asOf })).totals;
}

describe('malformed exports are refused whole, every problem named', () => {
  it('the corpus has at least 34 malformed files, each one a case here', () => {
    const corpus = readdirSync(fixturePath('malformed'))
      .filter((f) => !f.startsWith('bug-'))
      .sort();
    expect(corpus.length).toBeGreaterThanOrEqual(34);
    expect([...new Set(CASES.map((c) => c.file).filter((f) => !f.startsWith('../')))].sort()).toEqual(corpus);
  });

  it.each(CASES)('$file: $why', async ({ file, preset, mapping, snapshot, expected }) => {
    const error = await refusal(importFile(stageMalformed(file), { preset, mapping, snapshot }));
    if (expected.code === 'IMPORT_REJECTED') {
      const details = rejectionDetails(error);
      const count = expected.count ?? expected.problems.length;
      expect(error.message).toBe(`Nothing was imported: ${count} problem${count === 1 ? '' : 's'} in the file.`);
      expect(details.problemCount).toBe(count);
      expect(details.problems).toEqual(
        expected.problems.map(({ row, column, value, reason }) => ({
          row,
          column,
          value: value ?? expect.any(String),
          reason: expect.stringContaining(reason),
        })),
      );
    } else {
      expect(error.code).toBe(expected.code);
      expect(error.message).toContain(expected.message);
      if (expected.issues) expect(error.details).toEqual({ issues: expected.issues });
    }
    await expectNothingCommitted();
  });

  it('1,500 bad rows: all counted, the first 1,000 listed in row order', async () => {
    const header = 'Invoice Number,Customer ID,Issue Date,Due Date,Amount\n';
    const rows = Array.from({ length: 1500 }, (_, i) => `INV-${5000 + i},C-${i % 40},2026-10-01,2026-10-31,oops\n`).join('');
    const error = await refusal(importFile(stageText('many-bad-rows.csv', header + rows)));
    const details = rejectionDetails(error);
    expect(error.message).toBe('Nothing was imported: 1500 problems in the file.');
    expect(details.problemCount).toBe(1500);
    expect(details.problems).toHaveLength(PROBLEM_LIST_LIMIT);
    expect(PROBLEM_LIST_LIMIT).toBe(1000);
    expect(details.problems[0]).toEqual({ row: 2, column: 'Amount', value: 'oops', reason: 'not an amount: not a number' });
    expect(details.problems.at(-1)).toEqual({ row: 1001, column: 'Amount', value: 'oops', reason: 'not an amount: not a number' });
    expect(details.problems.map((x) => x.row)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 2));
    await expectNothingCommitted();
  });
});

describe('the same files, once fixed, import: each refusal was specific', () => {
  it('ambiguous dates with dateFormat "dd/MM/yyyy" read day-first', async () => {
    const summary = await importFile(stageMalformed('dates-ambiguous-custom.csv'), { mapping: { ...AMBIGUOUS_MAPPING, dateFormat: 'dd/MM/yyyy' } });
    expect(summary).toMatchObject({ created: 3, customersCreated: 2 });
    // D-3 "10/11/2026" due "11/12/2026" is 11 December: not yet due on 2026-11-22 (month-first would be 10 days late).
    expect((await agingTotals()).EUR).toMatchObject({ current: 30_000, d1_30: 0, d120_plus: 30_000, total: 60_000 });
  });

  it('decimal-comma amounts with decimalSeparator ","', async () => {
    expect(await importFile(stageMalformed('decimal-comma-as-dot.csv'), { mapping: docMapping({ decimalSeparator: ',' }) })).toMatchObject({ created: 2 });
    expect((await agingTotals()).EUR?.total).toBe(123_456 + 50);
  });

  it('a mapping without the absent column', async () => {
    expect(await importFile(stageMalformed('mapping-column-absent.csv'), { mapping: docMapping() })).toMatchObject({ created: 2 });
  });

  it('Feb 30 corrected to Feb 28', async () => {
    expect(await importFile(stageFixed('date-feb-30.csv', [['2026-02-30', '2026-02-28']]))).toMatchObject({ created: 3 });
    expect((await agingTotals()).USD?.total).toBe(120_000 + 85_000 + 9_990);
  });

  it('the letter O replaced by a zero', async () => {
    expect(await importFile(stageFixed('amount-letter-o.csv', [['12.5O', '12.50']]))).toMatchObject({ created: 2 });
    expect((await agingTotals()).USD?.total).toBe(1_250 + 4_000);
  });

  it('the semicolon file with a real date and amount (decimal comma still detected)', async () => {
    const fixed = stageFixed('semicolon-bad-values.csv', [
      ['31.02.2026', '28.02.2026'],
      ['n.v.', '99,00'],
    ]);
    expect(await importFile(fixed)).toMatchObject({ created: 3 });
    expect((await agingTotals()).EUR?.total).toBe(123_456 + 9_900 + 50);
  });

  it('the BOM file with distinct numbers', async () => {
    // Renumber the second of the two identical lines (the one after a data row, not after the header).
    expect(await importFile(stageFixed('bom-duplicate.csv', [['no\r\nINV-1601', 'no\r\nINV-1602']]))).toMatchObject({ created: 2 });
  });

  it('the Windows-1252 file, fixed, keeps its accented names', async () => {
    const fixed = stageFixed('windows-1252-broken.csv', [
      ['contest\u00e9', 'yes'],
      ['2026-10-01\r\n', '2026-10-01,2026-10-31,50.00,50.00,EUR,no\r\n'],
    ]);
    expect(await importFile(fixed)).toMatchObject({ created: 2, customersCreated: 2 });
    const names = (await t.core.call('aging.report', { asOf: '2026-11-22' })).customers.map((c) => c.name).sort();
    expect(names).toEqual(['Crème Brûlée SARL', 'Société Générale']);
  });

  it('the QuickBooks report with "$4,250.00"', async () => {
    expect(await importFile(stageFixed('quickbooks-letter-o.csv', [['$4,25O.00', '$4,250.00']]))).toMatchObject({ preset: 'quickbooks-aging', created: 2 });
    expect((await agingTotals()).USD?.total).toBe(448_900);
  });

  it('the Xero invoice with one spelling of its contact', async () => {
    expect(await importFile(stageFixed('xero-contact-disagrees.csv', [['Hamilton Smith Limited', 'Hamilton Smith Ltd']]))).toMatchObject({
      preset: 'xero-invoices',
      created: 2,
    });
  });

  it('the customers file with a full email and a positive credit limit', async () => {
    const fixed = stageFixed('customers-bad-email-credit-limit.csv', [
      ['jane.park@acme,', 'jane.park@acme.example,'],
      ['"-5,000.00"', '"5,000.00"'],
    ]);
    expect(await importFile(fixed)).toMatchObject({ kind: 'customers', created: 2 });
    expect(await t.core.call('app.status', {})).toMatchObject({ customers: 2 });
  });

  it('the payments file once its invoice has been imported', async () => {
    await importFile(
      stageText('inv-404.csv', 'Invoice Number,Customer ID,Issue Date,Due Date,Amount,Currency\nINV-404,C-001,2026-10-01,2026-10-31,250.00,USD\n'),
    );
    expect(await importFile(stageMalformed('payments-unknown-invoice.csv'))).toMatchObject({ created: 2, paymentsCreated: 2 });
    // INV-404 is paid off by P-100; P-101 (no invoice) is an unapplied 100.00 credit.
    expect((await agingTotals()).USD?.total).toBe(-10_000);
  });
});

/** Valid-looking exports the importer once got wrong; each states the behaviour a collector needs. */
describe('importer edge cases that once slipped through', () => {
  // "Invoice #" is how many exports head the number column: it is an invoices file, not a customers list.
  it('an invoices file headed "Invoice #" imports its invoices', async () => {
    expect(await importFile(stageMalformed('bug-invoice-hash-header.csv'))).toMatchObject({ kind: 'invoices', created: 2 });
  });

  // An invoices file missing "Due Date" but having "Customer Name" also matches the customers preset.
  it('an invoices file without "Due Date" is refused for the due date, not imported as customers', async () => {
    const error = await refusal(importFile(stageMalformed('bug-missing-due-date-with-name.csv')));
    expect(rejectionDetails(error).problems).toEqual([expect.objectContaining({ column: 'Due date' })]);
    await expectNothingCommitted();
  });

  // A UTF-8 BOM followed by Windows-1252 bytes: the fallback decoder must not read the BOM as "ï»¿",
  // which would hide the first header ("ï»¿Invoice Number") and make the file look like customers.
  it('a BOM + Windows-1252 invoices file imports its invoice', async () => {
    expect(await importFile(stageMalformed('bug-bom-windows-1252.csv'))).toMatchObject({ kind: 'invoices', created: 1 });
    expect((await t.core.call('aging.report', { asOf: '2026-11-22' })).customers.map((c) => c.name)).toEqual(['Société Générale']);
  });

  // QuickBooks "Open Invoices" grouped by customer: the heading "Total Wine & More" is not a total
  // row, or that customer's $694.00 would be booked to the previous customer, Amy's Bird Sanctuary.
  it('a QuickBooks customer named "Total Wine & More" keeps its own invoices', async () => {
    await importFile(stageMalformed('bug-quickbooks-customer-named-total.csv'));
    const customers = (await t.core.call('aging.report', { asOf: '2026-11-22' })).customers;
    expect(Object.fromEntries(customers.map((c) => [c.name, c.total]))).toEqual({ "Amy's Bird Sanctuary": 23_900, 'Total Wine & More': 69_400 });
  });

  // With the customer in the first column, taking it for a total would silently drop the data row.
  it('a QuickBooks data row whose first cell is "Total Wine & More" is not dropped', async () => {
    expect(await importFile(stageMalformed('bug-quickbooks-total-first-column.csv'))).toMatchObject({ rows: 2, created: 2 });
  });

  // The documented mapping field "status" is read for plain files: void and draft invoices are not receivables.
  it('a mapped status column skips Void and Draft invoices', async () => {
    const mapping = docMapping({ columns: { ...DOC_COLUMNS, status: 'State' } });
    expect(await importFile(stageMalformed('bug-mapping-status-void.csv'), { mapping })).toMatchObject({ created: 1, skipped: 2 });
    expect((await agingTotals()).EUR?.total).toBe(1_000);
  });

  // A payment by C-002 naming C-001's invoice would lower C-001's balance.
  it("a payment naming another customer's invoice is refused", async () => {
    await importFile(
      stageText(
        'inv-3001.csv',
        'Invoice Number,Customer ID,Issue Date,Due Date,Amount,Currency\nINV-3001,C-001,2026-10-01,2026-10-31,1000.00,USD\nINV-3002,C-002,2026-10-01,2026-10-31,500.00,USD\n',
      ),
    );
    const error = await refusal(importFile(stageMalformed('bug-payment-other-customers-invoice.csv')));
    expect(rejectionDetails(error).problems).toEqual([expect.objectContaining({ row: 2, column: 'Invoice Number', value: 'INV-3001' })]);
  });

  // "EUR 1,200.00" in a row whose Currency is USD: the code in the amount is compared, not stripped.
  it('an amount written in another currency than its row is refused', async () => {
    const error = await refusal(importFile(stageMalformed('bug-amount-currency-contradicts.csv')));
    expect(rejectionDetails(error).problems).toEqual([expect.objectContaining({ row: 2, column: 'Amount', value: 'EUR 1,200.00' })]);
    await expectNothingCommitted();
  });

  // With a preamble above the header, the missing column is found by comparing with the header line
  // (row 3), not line 1 (the title), which would report every mapped column missing.
  it('a mapping column absent from a file with a preamble is the only one reported', async () => {
    const mapping = docMapping({ columns: { ...DOC_COLUMNS, customerName: 'Account Name' } });
    const error = await refusal(importFile(stageMalformed('bug-mapping-absent-after-preamble.csv'), { mapping }));
    expect(rejectionDetails(error).problems).toEqual([expect.objectContaining({ row: 3, column: 'Account Name' })]);
  });

  // A payment re-exported with a changed amount is refused, showing the amount as written, not minor units ("150000").
  it('a changed payment is reported with the amount as written in the file', async () => {
    await importFile(
      stageText('inv.csv', 'Invoice Number,Customer ID,Issue Date,Due Date,Amount,Currency\nINV-3201,C-001,2026-10-01,2026-10-31,2000.00,USD\n'),
    );
    await importFile(stageText('pay-1.csv', 'Payment ID,Customer ID,Date,Amount,Invoice Number,Currency\nP-9,C-001,2026-11-01,1000.00,INV-3201,USD\n'));
    const error = await refusal(
      importFile(stageText('pay-2.csv', 'Payment ID,Customer ID,Date,Amount,Invoice Number,Currency\nP-9,C-001,2026-11-01,1500.00,INV-3201,USD\n')),
    );
    expect(rejectionDetails(error).problems).toEqual([expect.objectContaining({ row: 2, column: 'Amount', value: '1500.00' })]);
  });

  // QuickBooks Desktop writes "Total <heading>" without "for", for customers and aging buckets alike.
  it('QuickBooks Desktop totals are skipped, and a customer named "Total …" keeps its invoice', async () => {
    const report = [
      ',Type,Date,Num,Terms,Due Date,Open Balance',
      'Current,,,,,,',
      'Total Wine & More,,,,,,',
      ',Invoice,10/02/2026,72,Net 30,12/01/2026,694.00',
      'Total Total Wine & More,,,,,,694.00',
      'Total Current,,,,,,694.00',
      'TOTAL,,,,,,694.00',
    ].join('\r\n');
    expect(await importFile(stageText('qbd-open-invoices.csv', `${report}\r\n`), { preset: 'quickbooks-aging' })).toMatchObject({ rows: 1, created: 1 });
    expect((await t.core.call('aging.report', { asOf: '2026-11-22' })).customers.map((c) => [c.name, c.total])).toEqual([['Total Wine & More', 69_400]]);
  });

  // Missing both dates still leaves most of an invoices file: refused for them, not read as customers.
  it('an invoices file missing two columns is refused for both, not imported as customers', async () => {
    const error = await refusal(importFile(stageText('no-dates.csv', 'Invoice #,Customer ID,Customer Name,Amount\n10452,C-001,Acme Tools Ltd,1200.00\n')));
    expect(rejectionDetails(error).problems.map((x) => x.column)).toEqual(['Issue date', 'Due date']);
    await expectNothingCommitted();
  });

  // Without a currency column the row is in the base currency (USD), so a pound sign contradicts it.
  it('a pound amount in a USD import without a currency column is refused', async () => {
    const error = await refusal(
      importFile(stageText('pounds.csv', 'Invoice Number,Customer ID,Issue Date,Due Date,Amount\nINV-1,C-001,2026-10-01,2026-10-31,£120.00\n')),
    );
    expect(rejectionDetails(error).problems).toEqual([
      { row: 2, column: 'Amount', value: '£120.00', reason: "not an amount: written in £, but the row's currency is USD" },
    ]);
  });
});
