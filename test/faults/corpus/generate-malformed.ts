/**
 * Writes the malformed-input corpus: CSV and XLSX exports, each broken in one way a real ERP export,
 * a download or a hand-edited spreadsheet breaks, with the importer's expected refusal written beside
 * it as NAME.expected.json (why, the request, and every problem: row, column, value, reason).
 *
 *   ./node_modules/.bin/tsx test/faults/corpus/generate-malformed.ts OUT_DIR
 *
 * Deterministic: the same files and expectations on every run (no clock, no randomness beyond a fixed
 * seed; only the zip timestamps ExcelJS writes differ). Most files are a valid base export (below)
 * with one planted fault, so the expected problem is exactly that fault; a control test imports the
 * unbroken bases. test/faults/import-malformed-corpus.test.ts runs it. See README.md here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { ImportMappingInput } from '../../../shared/import-mapping';
import { compoundFile, storedZip } from './containers';

export interface ExpectedProblem {
  row: number;
  column: string;
  /** The raw value exactly; omitted when not checked (structural problems echo a chunk of the line). */
  value?: string;
  /** A substring of the reason that says what is wrong. */
  reason: string;
  sheet?: string;
}

export interface Expectation {
  why: string;
  request?: { preset?: string; mapping?: ImportMappingInput; sheet?: string };
  problems: ExpectedProblem[];
}

export interface CorpusFile extends Expectation {
  file: string;
  bytes: Buffer;
}

// ——— The valid bases ———————————————————————————————————————————————————————————————————————————

export const INVOICE_HEADER = ['Invoice Number', 'Customer ID', 'Customer Name', 'Issue Date', 'Due Date', 'Amount', 'Open Balance', 'Currency'];
const INVOICE_ROWS = [
  ['INV-C1', 'C-100', 'Alpha Ltd', '2026-09-01', '2026-10-01', '1200.00', '1200.00', 'USD'],
  ['INV-C2', 'C-100', 'Alpha Ltd', '2026-09-15', '2026-10-15', '450.50', '200.00', 'USD'],
  ['INV-C3', 'C-200', 'Beta GmbH', '2026-10-01', '2026-10-31', '980.00', '980.00', 'EUR'],
  ['INV-C4', 'C-300', 'Gamma SA', '2026-10-20', '2026-11-19', '75.25', '75.25', 'USD'],
];
const PAYMENT_HEADER = ['Payment ID', 'Customer ID', 'Date', 'Amount', 'Invoice Number', 'Currency'];
/** Pays invoices of the seeded database (test/fixtures/erp/generic-invoices.csv). */
const PAYMENT_ROWS = [
  ['P-C1', 'C-001', '2026-11-02', '100.00', '00123', 'USD'],
  ['P-C2', 'C-002', '2026-11-03', '250.00', '00125', 'USD'],
  ['P-C3', 'C-003', '2026-11-04', '20.00', '00127', 'EUR'],
];
const CUSTOMER_HEADER = ['Customer ID', 'Name', 'Currency', 'Email', 'Terms Days', 'Credit Limit'];
const CUSTOMER_ROWS = [
  ['C-900', 'Delta Works', 'USD', 'ap@delta.example', '30', '5000.00'],
  ['C-901', 'Epsilon Oy', 'EUR', 'billing@epsilon.example', '45', '12000.00'],
  ['C-902', 'Zeta Pty', 'AUD', '', '60', ''],
];

type Table = string[][];
const invoices = (): Table => [[...INVOICE_HEADER], ...INVOICE_ROWS.map((r) => [...r])];
const payments = (): Table => [[...PAYMENT_HEADER], ...PAYMENT_ROWS.map((r) => [...r])];
const customers = (): Table => [[...CUSTOMER_HEADER], ...CUSTOMER_ROWS.map((r) => [...r])];

/** Sets the cell under `header` on spreadsheet row `row` (the header is row 1). */
function set<T>(table: T[][], row: number, header: string, value: T): T[][] {
  const column = (table[0] as unknown[]).indexOf(header);
  if (column === -1) throw new Error(`no column "${header}"`);
  table[row - 1]![column] = value;
  return table;
}

function edit(table: Table, changes: [row: number, header: string, value: string][]): Table {
  for (const [row, header, value] of changes) set(table, row, header, value);
  return table;
}

function dropColumn<T>(table: T[][], header: string): T[][] {
  const column = (table[0] as unknown[]).indexOf(header);
  return table.map((r) => r.filter((_, i) => i !== column));
}

// ——— CSV writing ———————————————————————————————————————————————————————————————————————————————

interface CsvOptions {
  delimiter?: string;
  eol?: string;
  /** Bytes written before the text (a byte-order mark). */
  prefix?: Buffer;
  encoding?: 'utf8' | 'latin1' | 'utf16le' | 'utf16be';
}

function quote(cell: string, delimiter: string): string {
  return /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function csvText(table: Table, delimiter = ',', eol = '\r\n'): string {
  return table.map((r) => r.map((c) => quote(c, delimiter)).join(delimiter)).join(eol) + eol;
}

function csv(table: Table, { delimiter = ',', eol = '\r\n', prefix, encoding = 'utf8' }: CsvOptions = {}): Buffer {
  return encode(csvText(table, delimiter, eol), encoding, prefix);
}

function encode(text: string, encoding: NonNullable<CsvOptions['encoding']>, prefix?: Buffer): Buffer {
  const body = encoding === 'utf16be' ? Buffer.from(text, 'utf16le').swap16() : Buffer.from(text, encoding);
  return prefix ? Buffer.concat([prefix, body]) : body;
}

const BOM = { utf8: Buffer.from([0xef, 0xbb, 0xbf]), utf16le: Buffer.from([0xff, 0xfe]), utf16be: Buffer.from([0xfe, 0xff]), utf32le: Buffer.from([0xff, 0xfe, 0, 0]) };

/** Park–Miller: the same "random" bytes on every run. */
function seededBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 48271) % 0x7fffffff;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

// ——— XLSX writing ——————————————————————————————————————————————————————————————————————————————

type XCell = ExcelJS.CellValue;
interface SheetSpec {
  name?: string;
  rows: XCell[][];
  merges?: string[];
  state?: 'visible' | 'hidden';
  /** Per-cell number formats, by address ("D2"). */
  formats?: Record<string, string>;
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const DATE_COLUMNS = new Set(['Issue Date', 'Due Date', 'Date']);
const AMOUNT_COLUMNS = new Set(['Amount', 'Open Balance', 'Credit Limit']);

/** A base table as Excel would type it: dates as date cells, money and counts as numbers. */
function typed(table: Table): XCell[][] {
  const header = table[0]!;
  return [
    [...header],
    ...table.slice(1).map((r) =>
      r.map((cell, i) => {
        if (cell === '') return null;
        if (DATE_COLUMNS.has(header[i]!)) return day(cell);
        if (AMOUNT_COLUMNS.has(header[i]!) || header[i] === 'Terms Days') return Number(cell);
        return cell;
      }),
    ),
  ];
}

const SHEET = 'Invoices';

async function xlsx(sheets: SheetSpec[], configure?: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Inflow corpus';
  workbook.created = workbook.modified = new Date('2026-11-01T00:00:00Z');
  configure?.(workbook);
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name ?? SHEET, { state: spec.state ?? 'visible' });
    for (const row of spec.rows) sheet.addRow(row);
    for (const [address, format] of Object.entries(spec.formats ?? {})) sheet.getCell(address).numFmt = format;
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const sheet = (rows: XCell[][], extra: Omit<SheetSpec, 'rows'> = {}): Promise<Buffer> => xlsx([{ rows, ...extra }]);

// ——— The corpus ————————————————————————————————————————————————————————————————————————————————

type Bytes = Buffer | Promise<Buffer>;
interface Case extends Expectation {
  file: string;
  bytes: Bytes;
}

const p = (row: number, column: string, value: string | undefined, reason: string): ExpectedProblem => ({ row, column, ...(value !== undefined ? { value } : {}), reason });
/** A problem with the whole file (row 0). */
const whole = (reason: string): ExpectedProblem => ({ row: 0, column: '', value: '', reason });
const inSheet = (name: string, ...problems: ExpectedProblem[]): ExpectedProblem[] => problems.map((x) => ({ ...x, sheet: name }));

const NOT_ISO = 'not an ISO 4217 currency code like "USD"';
const DOC_MAPPING: ImportMappingInput = {
  kind: 'invoices',
  columns: { invoiceNumber: 'Invoice Number', customerId: 'Customer ID', issueDate: 'Issue Date', dueDate: 'Due Date', amount: 'Amount' },
};

function csvCases(): Case[] {
  const long = 'A'.repeat(5000);
  const wide = (table: Table, extra: number): Table => table.map((r, i) => [...r, ...Array.from({ length: extra }, (_, j) => (i === 0 ? `Extra ${j + 1}` : ''))]);
  const preamble = Array.from({ length: 31 }, (_, i) => [`Report line ${i + 1}`, '', '', '', '', '', '', '']);
  return [
    // Columns and headers
    { file: 'missing-amount-column.csv', why: 'the Amount column left out of the export (detected preset)', bytes: csv(dropColumn(invoices(), 'Amount')),
      problems: [p(1, 'Amount', '', 'looks like "Generic invoices", but its required column "Amount" not found')] },
    { file: 'missing-issue-date-column-preset.csv', why: 'no Issue Date column, preset chosen', request: { preset: 'generic-invoices' }, bytes: csv(dropColumn(invoices(), 'Issue Date')),
      problems: [p(1, 'Issue date', '', 'required column "Issue date" not found (expected a header named "issue date"')] },
    { file: 'missing-two-columns.csv', why: 'neither Invoice Number nor Due Date', bytes: csv(dropColumn(dropColumn(invoices(), 'Invoice Number'), 'Due Date')),
      problems: [p(1, 'Invoice number', '', 'required column "Invoice number" not found'), p(1, 'Due date', '', 'required column "Due date" not found')] },
    { file: 'payments-mapping-on-invoices.csv', why: 'a payments mapping used on an invoices export', request: { mapping: { kind: 'payments', columns: { paymentId: 'Receipt', customerId: 'Customer ID', date: 'Issue Date', amount: 'Amount' } } }, bytes: csv(invoices()),
      problems: [p(1, 'Receipt', '', 'mapped column "Receipt" (for Payment ID) is not in the file')] },
    { file: 'duplicate-amount-header.csv', why: 'Open Balance exported under a second "Amount" header', bytes: csv(edit(invoices(), [[1, 'Open Balance', 'Amount']])),
      problems: [p(1, 'Amount', 'Amount', 'looks like "Generic invoices", but its header "Amount" appears in columns 6 and 7; rename or delete all but one')] },
    { file: 'duplicate-header-case-space.csv', why: '"Due Date" and " due  date" (same once normalised), preset chosen', request: { preset: 'generic-invoices' }, bytes: csv(edit(invoices(), [[1, 'Open Balance', ' due  date']])),
      problems: [p(1, 'Due Date', 'Due Date', 'header "Due Date" appears in columns 5 and 7')] },
    { file: 'duplicate-header-mapping.csv', why: 'a mapped "Customer ID" header twice', request: { mapping: DOC_MAPPING }, bytes: csv(edit(invoices(), [[1, 'Customer Name', 'Customer ID']])),
      problems: [p(1, 'Customer ID', 'Customer ID', 'header "Customer ID" appears in columns 2 and 3')] },
    { file: 'header-below-row-30.csv', why: 'a 31-line preamble pushes the header out of reach', bytes: csv([...preamble, ...invoices()]),
      problems: [p(1, '', undefined, 'no preset matches these headers')] },
    { file: 'colon-delimited.csv', why: 'colon as delimiter (not one Inflow reads)', bytes: csv(invoices(), { delimiter: ':' }),
      problems: [p(1, '', 'Invoice Number:Customer ID:Customer Name:Issue Date:Due Date:Amount:Open Balance:Currency', 'no preset matches these headers')] },
    { file: 'too-many-columns.csv', why: '1,200 columns (a broken export)', bytes: csv(wide(invoices(), 1192)),
      problems: [1, 2, 3, 4, 5].map((row) => p(row, '', undefined, 'the row has 1,200 fields; Inflow reads at most 1,024 columns')) },

    // Dates
    { file: 'date-31-02-day-first.csv', why: '31/02/2026 in a day-first file', bytes: csv(edit(invoices(), [[2, 'Issue Date', '25/08/2026'], [2, 'Due Date', '24/09/2026'], [3, 'Issue Date', '31/02/2026'], [3, 'Due Date', '15/10/2026'], [4, 'Issue Date', '01/10/2026'], [4, 'Due Date', '31/10/2026'], [5, 'Issue Date', '20/10/2026'], [5, 'Due Date', '19/11/2026']])),
      problems: [p(3, 'Issue Date', '31/02/2026', 'not a valid date in format d/M/yyyy')] },
    { file: 'date-month-13-iso.csv', why: '2026-13-01 as a due date', bytes: csv(edit(invoices(), [[2, 'Due Date', '2026-13-01']])),
      problems: [p(2, 'Due Date', '2026-13-01', 'not a valid date in format yyyy-MM-dd')] },
    { file: 'date-feb-29-non-leap.csv', why: '2027-02-29 (2027 is not a leap year)', bytes: csv(edit(invoices(), [[5, 'Due Date', '2027-02-29']])),
      problems: [p(5, 'Due Date', '2027-02-29', 'not a valid date in format yyyy-MM-dd')] },
    { file: 'date-sep-31.csv', why: 'September 31st', bytes: csv(edit(invoices(), [[4, 'Issue Date', '2026-09-31']])),
      problems: [p(4, 'Issue Date', '2026-09-31', 'not a valid date in format yyyy-MM-dd')] },
    { file: 'date-two-digit-year-iso.csv', why: '"26-09-15" among ISO dates', bytes: csv(edit(invoices(), [[3, 'Issue Date', '26-09-15']])),
      problems: [p(3, 'Issue Date', '26-09-15', 'not a valid date in format yyyy-MM-dd')] },
    { file: 'dates-ambiguous-dashes.csv', why: 'every date like 03-04-2026 (day or month first?)', bytes: csv(edit(invoices(), [[2, 'Issue Date', '03-04-2026'], [2, 'Due Date', '05-04-2026'], [3, 'Issue Date', '01-02-2026'], [3, 'Due Date', '03-02-2026'], [4, 'Issue Date', '06-07-2026'], [4, 'Due Date', '08-07-2026'], [5, 'Issue Date', '09-10-2026'], [5, 'Due Date', '11-10-2026']])),
      problems: [p(1, 'Issue Date', '03-04-2026', 'day/month order is ambiguous (d-M-yyyy or M-d-yyyy)')] },
    { file: 'date-in-words.csv', why: '"next Friday" as a due date', bytes: csv(edit(invoices(), [[2, 'Due Date', 'next Friday']])),
      problems: [p(2, 'Due Date', 'next Friday', 'not a valid date in format yyyy-MM-dd')] },
    { file: 'blank-issue-date.csv', why: 'an issue date left blank', bytes: csv(edit(invoices(), [[3, 'Issue Date', '']])),
      problems: [p(3, 'Issue Date', '', 'required date is empty')] },
    { file: 'blank-due-date.csv', why: 'a due date left blank on an invoice', bytes: csv(edit(invoices(), [[4, 'Due Date', '']])),
      problems: [p(4, 'Due Date', '', 'required date is empty')] },

    // Amounts
    { file: 'amount-1-2-3.csv', why: '"1,2,3" in Amount', bytes: csv(edit(invoices(), [[2, 'Amount', '1,2,3']])),
      problems: [p(2, 'Amount', '1,2,3', 'digit grouping does not match decimal separator "."')] },
    { file: 'amount-three-decimals-open.csv', why: '12.345 USD as an open balance', bytes: csv(edit(invoices(), [[5, 'Open Balance', '12.345']])),
      problems: [p(5, 'Open Balance', '12.345', 'not an amount: more than 2 decimal places')] },
    { file: 'amount-kwd-four-decimals.csv', why: '1.2345 KWD (three decimals at most)', bytes: csv(edit(invoices(), [[4, 'Currency', 'KWD'], [4, 'Amount', '1.2345'], [4, 'Open Balance', '1.2345']])),
      problems: [p(4, 'Open Balance', '1.2345', 'more than 3 decimal places'), p(4, 'Amount', '1.2345', 'more than 3 decimal places')] },
    { file: 'amount-words.csv', why: '"twelve hundred" in Amount', bytes: csv(edit(invoices(), [[2, 'Amount', 'twelve hundred']])),
      problems: [p(2, 'Amount', 'twelve hundred', 'not an amount: not a number')] },
    { file: 'amount-nan.csv', why: '"NaN" (a script\'s failed division)', bytes: csv(edit(invoices(), [[3, 'Amount', 'NaN']])),
      problems: [p(3, 'Amount', 'NaN', 'not an amount: not a number')] },
    { file: 'amount-infinity.csv', why: '"Infinity" in Open Balance', bytes: csv(edit(invoices(), [[3, 'Open Balance', 'Infinity']])),
      problems: [p(3, 'Open Balance', 'Infinity', 'not an amount: not a number')] },
    { file: 'amount-negative-infinity.csv', why: '"-Infinity" in Amount', bytes: csv(edit(invoices(), [[4, 'Amount', '-Infinity']])),
      problems: [p(4, 'Amount', '-Infinity', 'not an amount: not a number')] },
    { file: 'amount-exponent.csv', why: '"1.2E+3" (a spreadsheet\'s scientific format)', bytes: csv(edit(invoices(), [[2, 'Amount', '1.2E+3']])),
      problems: [p(2, 'Amount', '1.2E+3', 'not an amount: not a number')] },
    { file: 'amount-exponent-lower.csv', why: '"4.5e2" in Open Balance', bytes: csv(edit(invoices(), [[3, 'Open Balance', '4.5e2']])),
      problems: [p(3, 'Open Balance', '4.5e2', 'not an amount: not a number')] },
    { file: 'amount-huge.csv', why: 'a 21-digit amount', bytes: csv(edit(invoices(), [[2, 'Amount', '999999999999999999999.00'], [2, 'Open Balance', '']])),
      problems: [p(2, 'Amount', '999999999999999999999.00', 'not an amount: amount too large')] },
    { file: 'amount-two-points.csv', why: '"12..50"', bytes: csv(edit(invoices(), [[5, 'Amount', '12..50']])),
      problems: [p(5, 'Amount', '12..50', 'more than one decimal separator "."')] },
    { file: 'amount-hex.csv', why: '"0x4B0" (a hexadecimal number)', bytes: csv(edit(invoices(), [[2, 'Open Balance', '0x4B0']])),
      problems: [p(2, 'Open Balance', '0x4B0', 'not an amount: not a number')] },
    { file: 'amount-fullwidth-digits.csv', why: 'full-width digits "１２００.００"', bytes: csv(edit(invoices(), [[2, 'Amount', '１２００.００']])),
      problems: [p(2, 'Amount', '１２００.００', 'not an amount: not a number')] },
    { file: 'amount-blank.csv', why: 'Amount left blank', bytes: csv(edit(invoices(), [[4, 'Amount', '']])),
      problems: [p(4, 'Amount', '', 'required amount is empty')] },
    { file: 'amount-spaces-only.csv', why: 'Amount of three spaces', bytes: csv(edit(invoices(), [[4, 'Amount', '   ']])),
      problems: [p(4, 'Amount', '', 'required amount is empty')] },
    { file: 'amount-space-grouped-comma.csv', why: '"1 200,00" in a dot-decimal file', bytes: csv(edit(invoices(), [[2, 'Amount', '1 200,00'], [2, 'Open Balance', '']])),
      problems: [p(2, 'Amount', '1 200,00', 'digit grouping does not match decimal separator "."')] },
    { file: 'amount-a-date.csv', why: 'a date typed into Amount', bytes: csv(edit(invoices(), [[3, 'Amount', '2026-09-15']])),
      problems: [p(3, 'Amount', '2026-09-15', 'not an amount: not a number')] },
    { file: 'amount-euro-sign-usd-row.csv', why: '"€75.25" on a USD row', bytes: csv(edit(invoices(), [[5, 'Amount', '€75.25']])),
      problems: [p(5, 'Amount', '€75.25', "not an amount: written in €, but the row's currency is USD")] },
    { file: 'open-balance-opposite-sign.csv', why: 'Amount 1200.00, Open Balance -1200.00', bytes: csv(edit(invoices(), [[2, 'Open Balance', '-1200.00']])),
      problems: [p(2, 'Open Balance', '-1200.00', 'open balance and amount have opposite signs')] },

    // Currencies
    { file: 'currency-bitcoin.csv', why: '"BTC" (not ISO 4217)', bytes: csv(edit(invoices(), [[3, 'Currency', 'BTC']])),
      problems: [p(3, 'Currency', 'BTC', NOT_ISO)] },
    { file: 'currency-us-dollar-sign.csv', why: '"US$" as a currency code', bytes: csv(edit(invoices(), [[2, 'Currency', 'US$']])),
      problems: [p(2, 'Currency', 'US$', NOT_ISO)] },
    { file: 'currency-written-out.csv', why: '"Euro" written out', bytes: csv(edit(invoices(), [[4, 'Currency', 'Euro']])),
      problems: [p(4, 'Currency', 'Euro', NOT_ISO)] },
    { file: 'currency-two-letters.csv', why: '"EU"', bytes: csv(edit(invoices(), [[4, 'Currency', 'EU']])),
      problems: [p(4, 'Currency', 'EU', NOT_ISO)] },

    // Blank required values and duplicates
    { file: 'blank-invoice-number.csv', why: 'no invoice number on a row', bytes: csv(edit(invoices(), [[3, 'Invoice Number', '']])),
      problems: [p(3, 'Invoice Number', '', 'required value is empty')] },
    { file: 'blank-customer-and-name.csv', why: 'customer id and name both blank', bytes: csv(edit(invoices(), [[5, 'Customer ID', ''], [5, 'Customer Name', '']])),
      problems: [p(5, 'Customer ID', '', 'required value is empty (no customer on this row)')] },
    { file: 'duplicate-invoice-padded.csv', why: '"INV-C1" and " INV-C1 " (the same once trimmed)', bytes: csv(edit(invoices(), [[4, 'Invoice Number', ' INV-C1 ']])),
      problems: [p(4, 'Invoice Number', 'INV-C1', 'duplicate: the same invoiceNumber is already on row 2')] },
    { file: 'duplicate-invoice-three-times.csv', why: 'INV-C2 on three rows', bytes: csv(edit(invoices(), [[4, 'Invoice Number', 'INV-C2'], [5, 'Invoice Number', 'INV-C2']])),
      problems: [p(4, 'Invoice Number', 'INV-C2', 'already on row 3'), p(5, 'Invoice Number', 'INV-C2', 'already on row 3')] },

    // Payments and customers
    { file: 'payment-zero.csv', why: 'a 0.00 payment', bytes: csv(edit(payments(), [[3, 'Amount', '0.00']])),
      problems: [p(3, 'Amount', '0.00', 'a payment must be a positive amount')] },
    { file: 'payment-negative-trailing-minus.csv', why: '"20.00-" (a refund, SAP style)', bytes: csv(edit(payments(), [[4, 'Amount', '20.00-']])),
      problems: [p(4, 'Amount', '20.00-', 'a payment must be a positive amount')] },
    { file: 'payment-blank-id.csv', why: 'a payment without an id', bytes: csv(edit(payments(), [[2, 'Payment ID', '']])),
      problems: [p(2, 'Payment ID', '', 'required value is empty')] },
    { file: 'payment-blank-date.csv', why: 'a payment without a date', bytes: csv(edit(payments(), [[3, 'Date', '']])),
      problems: [p(3, 'Date', '', 'required date is empty')] },
    { file: 'payment-duplicate-id.csv', why: 'P-C1 twice', bytes: csv(edit(payments(), [[4, 'Payment ID', 'P-C1']])),
      problems: [p(4, 'Payment ID', 'P-C1', 'duplicate: the same paymentId is already on row 2')] },
    { file: 'payment-unknown-invoice.csv', why: 'a payment for invoice 99999, never imported', bytes: csv(edit(payments(), [[3, 'Invoice Number', '99999']])),
      problems: [p(3, 'Invoice Number', '99999', 'no invoice with this number has been imported from this source')] },
    { file: 'customer-blank-name.csv', why: 'a customer without a name', bytes: csv(edit(customers(), [[3, 'Name', '']])),
      problems: [p(3, 'Name', '', 'required value is empty')] },
    { file: 'customer-negative-terms.csv', why: 'terms of -30 days', bytes: csv(edit(customers(), [[2, 'Terms Days', '-30']])),
      problems: [p(2, 'Terms Days', '-30', 'not a whole number')] },
    { file: 'customer-terms-seven-digits.csv', why: 'terms of 1000000 days', bytes: csv(edit(customers(), [[4, 'Terms Days', '1000000']])),
      problems: [p(4, 'Terms Days', '1000000', 'not a whole number')] },
    { file: 'customer-negative-credit-limit.csv', why: 'credit limit "(500.00)"', bytes: csv(edit(customers(), [[3, 'Credit Limit', '(500.00)']])),
      problems: [p(3, 'Credit Limit', '(500.00)', 'credit limit is negative')] },
    { file: 'customer-email-with-space.csv', why: '"ap @delta.example"', bytes: csv(edit(customers(), [[2, 'Email', 'ap @delta.example']])),
      problems: [p(2, 'Email', 'ap @delta.example', 'not an email address')] },
    { file: 'customer-duplicate-id.csv', why: 'C-900 twice', bytes: csv(edit(customers(), [[4, 'Customer ID', 'C-900']])),
      problems: [p(4, 'Customer ID', 'C-900', 'duplicate: the same customerId is already on row 2')] },

    // Structure and encoding
    { file: 'unterminated-quote-last-field.csv', why: 'a quote opened in the last row and never closed', bytes: Buffer.from(`${csvText(invoices().slice(0, 4))}INV-C4,C-300,"Gamma SA,2026-10-20,2026-11-19,75.25,75.25,USD\r\n`),
      problems: [p(5, '', undefined, 'unclosed quote: the line is truncated or a quote is missing')] },
    { file: 'unterminated-quote-header.csv', why: 'a quote opened in the header swallows the file', bytes: Buffer.from(`"Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Currency\r\n${csvText(INVOICE_ROWS)}`),
      problems: [p(1, '', undefined, 'no preset matches these headers')] },
    { file: 'bom-utf8-crlf-bad-date.csv', why: 'UTF-8 BOM, CRLF: the bad date is still on row 4', bytes: csv(edit(invoices(), [[4, 'Issue Date', '2026-10-32']]), { prefix: BOM.utf8 }),
      problems: [p(4, 'Issue Date', '2026-10-32', 'not a valid date in format yyyy-MM-dd')] },
    { file: 'bom-utf8-twice.csv', why: 'two UTF-8 BOMs (files concatenated by a script), then a duplicate', bytes: csv(edit(invoices(), [[3, 'Invoice Number', 'INV-C1']]), { prefix: Buffer.concat([BOM.utf8, BOM.utf8]) }),
      problems: [p(3, 'Invoice Number', 'INV-C1', 'duplicate: the same invoiceNumber is already on row 2')] },
    { file: 'bom-utf16le-bad-amount.csv', why: 'UTF-16LE with BOM ("Unicode Text") and a bad amount', bytes: csv(edit(invoices(), [[3, 'Amount', '45O.50']]), { prefix: BOM.utf16le, encoding: 'utf16le', delimiter: '\t' }),
      problems: [p(3, 'Amount', '45O.50', 'not an amount: not a number')] },
    { file: 'bom-utf16be-blank-customer.csv', why: 'UTF-16BE with BOM and a blank customer', bytes: csv(edit(invoices(), [[2, 'Customer ID', ''], [2, 'Customer Name', '']]), { prefix: BOM.utf16be, encoding: 'utf16be' }),
      problems: [p(2, 'Customer ID', '', 'required value is empty (no customer on this row)')] },
    { file: 'bom-utf32le.csv', why: 'UTF-32LE', bytes: Buffer.concat([BOM.utf32le, ...[...csvText(invoices())].map((c) => { const b = Buffer.alloc(4); b.writeUInt32LE(c.codePointAt(0)!); return b; })]),
      problems: [whole('the file is UTF-32 text; save it as UTF-8 CSV')] },
    { file: 'bom-utf8-then-latin1-bad-currency.csv', why: 'a UTF-8 BOM on Windows-1252 text ("Société"), with "EURO"', bytes: csv(edit(invoices(), [[4, 'Customer Name', 'Société Beta'], [4, 'Currency', 'EURO']]), { prefix: BOM.utf8, encoding: 'latin1' }),
      problems: [p(4, 'Currency', 'EURO', NOT_ISO)] },
    { file: 'bom-mid-file-header-repeated.csv', why: 'a second export appended, BOM and header included', bytes: Buffer.concat([csv(invoices().slice(0, 3)), csv([INVOICE_HEADER, ...INVOICE_ROWS.slice(2)].map((r) => r.map((c) => c.replace('INV-C', 'INV-D'))), { prefix: BOM.utf8 })]),
      problems: [p(4, 'Issue Date', 'Issue Date', 'not a valid date'), p(4, 'Due Date', 'Due Date', 'not a valid date'), p(4, 'Currency', 'Currency', NOT_ISO)] },
    { file: 'utf16le-no-bom.csv', why: 'UTF-16LE without a byte-order mark', bytes: csv(invoices(), { encoding: 'utf16le' }),
      problems: [whole('the file looks like UTF-16 text without a byte-order mark')] },
    { file: 'utf16be-no-bom.csv', why: 'UTF-16BE without a byte-order mark', bytes: csv(invoices(), { encoding: 'utf16be' }),
      problems: [whole('the file looks like UTF-16 text without a byte-order mark')] },
    { file: 'latin1-bad-date.csv', why: 'Latin-1 names ("Müller", "Ñandú") and a bad date', bytes: csv(edit(invoices(), [[3, 'Customer Name', 'Müller & Söhne'], [5, 'Customer Name', 'Ñandú SA'], [5, 'Issue Date', '2026-10-00']]), { encoding: 'latin1' }),
      problems: [p(5, 'Issue Date', '2026-10-00', 'not a valid date in format yyyy-MM-dd')] },
    { file: 'mixed-line-endings.csv', why: 'CRLF, LF and CR line ends in one file, then a bad amount', bytes: Buffer.from(`${INVOICE_HEADER.join(',')}\r\n${INVOICE_ROWS[0]!.join(',')}\n${INVOICE_ROWS[1]!.join(',')}\r${INVOICE_ROWS[2]!.join(',')}\r\n${[...INVOICE_ROWS[3]!.slice(0, 5), 'x', ...INVOICE_ROWS[3]!.slice(6)].join(',')}\r\n`),
      problems: [p(5, 'Amount', 'x', 'not an amount: not a number')] },
    { file: 'cr-only-line-endings.csv', why: 'old Mac CR-only line ends, then a bad date on row 3', bytes: csv(edit(invoices(), [[3, 'Due Date', '2026/10/15x']]), { eol: '\r' }),
      problems: [p(3, 'Due Date', '2026/10/15x', 'not a valid date in format yyyy-MM-dd')] },
    { file: 'header-and-blank-rows.csv', why: 'a header and three rows of empty fields', bytes: csv([INVOICE_HEADER, ...Array.from({ length: 3 }, () => INVOICE_HEADER.map(() => ''))]),
      problems: [p(2, '', '', 'the file has a header but no data rows')] },
    { file: 'binary-garbage.csv', why: '4 KB of random bytes', bytes: seededBytes(4096, 7),
      problems: [whole('the file is binary, not a text export')] },
    { file: 'png-named-csv.csv', why: 'an image saved under a .csv name', bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), seededBytes(200, 11)]),
      problems: [whole('the file is binary, not a text export (a NUL byte at offset 8)')] },
    { file: 'over-long-customer-name.csv', why: 'a 5,000-character customer name', bytes: csv(edit(invoices(), [[3, 'Customer Name', long]])),
      problems: [p(3, 'Customer Name', `${long.slice(0, 40)}…`, 'the value is 5,000 characters long; the longest Inflow reads is 1,000')] },
    { file: 'over-long-invoice-number.csv', why: 'a 2,000-character invoice number', bytes: csv(edit(invoices(), [[2, 'Invoice Number', '9'.repeat(2000)]])),
      problems: [p(2, 'Invoice Number', `${'9'.repeat(40)}…`, 'the value is 2,000 characters long')] },
  ];
}

/** Base invoices as Excel types them, with cells replaced. */
function typedInvoices(changes: [row: number, header: string, value: XCell][] = []): XCell[][] {
  const rows = typed(invoices());
  for (const [row, header, value] of changes) set(rows, row, header, value);
  return rows;
}

function xlsxCases(): Case[] {
  const s = (...problems: ExpectedProblem[]) => inSheet(SHEET, ...problems);
  const validBytes = sheet(typedInvoices());
  return [
    // Containers that are not a readable workbook
    { file: 'xlsx-zero-bytes.xlsx', why: 'an empty file named .xlsx', bytes: Buffer.alloc(0), problems: [whole('the file is empty')] },
    { file: 'xlsx-renamed-csv.xlsx', why: 'a CSV renamed to .xlsx', bytes: csv(invoices()), problems: [whole('not an Excel workbook: the file is plain text (a CSV saved with an .xlsx name?)')] },
    { file: 'xlsx-random-bytes.xlsx', why: 'random bytes named .xlsx', bytes: seededBytes(4096, 3), problems: [whole('not an Excel workbook: an .xlsx file is a zip archive and this file is not one')] },
    { file: 'xlsx-zip-garbage.xlsx', why: 'a zip signature followed by garbage', bytes: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), seededBytes(2048, 5)]), problems: [whole('the workbook is damaged or incomplete and cannot be opened')] },
    { file: 'xlsx-truncated.xlsx', why: 'a download cut off at 60 %', bytes: validBytes.then((b) => b.subarray(0, Math.floor(b.length * 0.6))), problems: [whole('the workbook is damaged or incomplete and cannot be opened')] },
    { file: 'xlsx-zip-without-workbook.xlsx', why: 'a valid zip holding only a text file', bytes: storedZip({ 'readme.txt': 'not a workbook' }), problems: [whole('the workbook has no worksheets')] },
    { file: 'xlsx-password-protected.xlsx', why: 'a password-protected workbook (encrypted OLE container)', bytes: compoundFile(['EncryptionInfo', 'EncryptedPackage']), problems: [whole('the workbook is password-protected (encrypted)')] },
    { file: 'xlsx-really-xls.xlsx', why: 'an Excel 97–2003 .xls renamed to .xlsx', bytes: compoundFile(['Workbook']), problems: [whole('this is an Excel 97–2003 .xls file, not .xlsx')] },
    { file: 'xlsx-no-such-sheet.xlsx', why: 'the sheet asked for is not in the workbook', request: { sheet: 'Open Items' }, bytes: xlsx([{ name: 'Invoices', rows: typedInvoices() }, { name: 'Notes', rows: [['n/a']] }]),
      problems: [whole('the workbook has no sheet named "Open Items"; its sheets are "Invoices", "Notes"')] },
    { file: 'xlsx-empty-sheet.xlsx', why: 'a workbook whose sheet has no cells', bytes: xlsx([{ rows: [] }]), problems: s(whole('the sheet is empty')) },
    { file: 'xlsx-header-only.xlsx', why: 'a header row and nothing else', bytes: sheet([INVOICE_HEADER]), problems: s(p(2, '', '', 'the file has a header but no data rows')) },
    { file: 'xlsx-named-csv.csv', why: 'a workbook saved under a .csv name (read as a workbook), with a bad currency', bytes: sheet(typedInvoices([[3, 'Currency', 'DOLLAR']])), problems: s(p(3, 'Currency', 'DOLLAR', NOT_ISO)) },

    // Sheet structure
    { file: 'xlsx-merged-header.xlsx', why: 'header cells F1:G1 merged ("Amount" over two columns)', bytes: sheet(typedInvoices(), { merges: ['F1:G1'] }),
      problems: s(p(1, 'Amount', 'Amount', 'cells F1:G1 are merged; unmerge them so every column has its own value')) },
    { file: 'xlsx-merged-customer-rows.xlsx', why: 'the customer merged down over its two invoices', bytes: sheet(typedInvoices(), { merges: ['B2:B3'] }),
      problems: s(p(2, 'Customer ID', 'C-100', 'cells B2:B3 are merged'), p(3, 'Customer ID', '', 'cells B2:B3 are merged')) },
    { file: 'xlsx-merged-title-bad-amount.xlsx', why: 'a merged report title above the header (fine) and a bad amount (not)', bytes: sheet([['Open invoices', null, null, null, null, null, null, null], ...typedInvoices([[4, 'Amount', 'n/a']])], { merges: ['A1:H1'] }),
      problems: s(p(5, 'Amount', 'n/a', 'not an amount: not a number')) },
    { file: 'xlsx-formula-no-result.xlsx', why: 'Open Balance as formulas never calculated (no saved result)', bytes: sheet(typedInvoices([[3, 'Open Balance', { formula: 'F3-250.5' }]])),
      problems: s(p(3, 'Open Balance', '', 'cell G3 has a formula (=F3-250.5) with no saved result')) },
    { file: 'xlsx-formula-due-no-result.xlsx', why: 'a due date formula with no saved result', bytes: sheet(typedInvoices([[2, 'Due Date', { formula: 'D2+30' }]])),
      problems: s(p(2, 'Due Date', '', 'cell E2 has a formula (=D2+30) with no saved result')) },
    { file: 'xlsx-too-many-columns.xlsx', why: 'a stray value in column AML (1,040) of row 4', bytes: sheet(typedInvoices().map((r, i) => (i === 3 ? [...r, ...Array.from({ length: 1031 }, () => null), 'stray'] : r))),
      problems: s(p(4, '', undefined, 'the row has 1,040 fields; Inflow reads at most 1,024 columns (wrong delimiter, or a broken export?): its last value is in column AMZ')) },
    { file: 'xlsx-over-long-cell.xlsx', why: 'a 32,767-character name (Excel\'s cell limit)', bytes: sheet(typedInvoices([[4, 'Customer Name', 'B'.repeat(32767)]])),
      problems: s(p(4, 'Customer Name', `${'B'.repeat(40)}…`, 'the value is 32,767 characters long')) },
    { file: 'xlsx-duplicate-header.xlsx', why: '"Currency" twice in the header', bytes: sheet(typedInvoices([[1, 'Customer Name', 'Currency']])),
      problems: s(p(1, 'Currency', 'Currency', 'looks like "Generic invoices", but its header "Currency" appears in columns 3 and 8')) },
    { file: 'xlsx-missing-due-column.xlsx', why: 'a workbook without Due Date', bytes: sheet(dropColumn(typedInvoices(), 'Due Date')),
      problems: s(p(1, 'Due date', '', 'required column "Due date" not found')) },
    { file: 'xlsx-hidden-first-sheet.xlsx', why: 'a hidden first sheet; the visible one has a blank invoice number', bytes: xlsx([{ name: 'Lookup', state: 'hidden', rows: [['code', 'rate']] }, { name: 'Open', rows: typedInvoices([[5, 'Invoice Number', null]]) }]),
      problems: inSheet('Open', p(5, 'Invoice Number', '', 'required value is empty')) },
    { file: 'xlsx-named-sheet-bad-date.xlsx', why: 'the second sheet asked for by name, with a text date 2026-02-30', request: { sheet: 'november' }, bytes: xlsx([{ name: 'October', rows: typedInvoices() }, { name: 'November', rows: typedInvoices([[3, 'Issue Date', '2026-02-30']]) }]),
      problems: inSheet('November', p(3, 'Issue Date', '2026-02-30', 'not a valid date')) },

    // Dates
    { file: 'xlsx-date-as-serial-number.xlsx', why: 'an issue date as a serial number in General format', bytes: sheet(typedInvoices([[3, 'Issue Date', 46280]])),
      problems: s(p(3, 'Issue Date', '46280', 'not a date: the cell holds a number')) },
    { file: 'xlsx-text-date-31-02.xlsx', why: 'a text cell "31/02/2026" among date cells', bytes: sheet(typedInvoices([[4, 'Issue Date', '31/02/2026']])),
      problems: s(p(4, 'Issue Date', '31/02/2026', 'not a valid date')) },
    { file: 'xlsx-text-dates-ambiguous.xlsx', why: 'dates typed as text "03/04/2026", day or month first?', bytes: sheet(typedInvoices([[2, 'Issue Date', '03/04/2026'], [2, 'Due Date', '05/04/2026'], [3, 'Issue Date', '01/02/2026'], [3, 'Due Date', '02/03/2026'], [4, 'Issue Date', '06/07/2026'], [4, 'Due Date', '08/07/2026'], [5, 'Issue Date', '09/10/2026'], [5, 'Due Date', '11/10/2026']])),
      problems: s(p(1, 'Issue Date', '03/04/2026', 'day/month order is ambiguous (M/d/yyyy or d/M/yyyy)')) },
    { file: 'xlsx-due-before-issue.xlsx', why: 'date cells: due 2026-08-01 before issue 2026-09-01 (read without time-zone drift)', bytes: sheet(typedInvoices([[2, 'Due Date', day('2026-08-01')]])),
      problems: s(p(2, 'Due Date', '2026-08-01', 'due date is before the issue date 2026-09-01')) },
    { file: 'xlsx-1904-dates-due-before-issue.xlsx', why: 'a 1904-date-system workbook (old Mac Excel), due before issue', bytes: xlsx([{ rows: typedInvoices([[3, 'Due Date', day('2026-09-14')]]) }], (wb) => { wb.properties.date1904 = true; }),
      problems: s(p(3, 'Due Date', '2026-09-14', 'due date is before the issue date 2026-09-15')) },
    { file: 'xlsx-date-with-time-due-before-issue.xlsx', why: 'date-time cells (23:59) keep their calendar day', bytes: sheet(typedInvoices([[4, 'Issue Date', new Date('2026-10-01T23:59:00Z')], [4, 'Due Date', new Date('2026-09-30T23:59:00Z')]])),
      problems: s(p(4, 'Due Date', '2026-09-30', 'due date is before the issue date 2026-10-01')) },
    { file: 'xlsx-formula-date-due-before-issue.xlsx', why: 'a due date computed by formula (saved result) lands before the issue date', bytes: sheet(typedInvoices([[5, 'Due Date', { formula: 'D5-1', result: day('2026-10-19') }]]), { formats: { E5: 'yyyy-mm-dd' } }),
      problems: s(p(5, 'Due Date', '2026-10-19', 'due date is before the issue date 2026-10-20')) },
    { file: 'xlsx-blank-issue-date.xlsx', why: 'an empty issue date cell', bytes: sheet(typedInvoices([[2, 'Issue Date', null]])),
      problems: s(p(2, 'Issue Date', '', 'required date is empty')) },

    // Amounts
    { file: 'xlsx-amount-three-decimals.xlsx', why: 'a number cell 12.345 in USD', bytes: sheet(typedInvoices([[5, 'Amount', 12.345], [5, 'Open Balance', 12.345]])),
      problems: s(p(5, 'Open Balance', '12.345', 'more than 2 decimal places'), p(5, 'Amount', '12.345', 'more than 2 decimal places')) },
    { file: 'xlsx-amount-jpy-fraction.xlsx', why: '1500.5 JPY (yen have no minor unit)', bytes: sheet(typedInvoices([[4, 'Currency', 'JPY'], [4, 'Amount', 1500.5], [4, 'Open Balance', 1500]])),
      problems: s(p(4, 'Amount', '1500.5', 'more than 0 decimal places')) },
    { file: 'xlsx-amount-tiny-exponent.xlsx', why: '1e-7 (written 1E-07 by Excel)', bytes: sheet(typedInvoices([[2, 'Open Balance', 1e-7]])),
      problems: s(p(2, 'Open Balance', '0.0000001', 'more than 2 decimal places')) },
    { file: 'xlsx-amount-huge.xlsx', why: '1e21 in Amount', bytes: sheet(typedInvoices([[3, 'Amount', 1e21], [3, 'Open Balance', null]])),
      problems: s(p(3, 'Amount', '1000000000000000000000', 'amount too large')) },
    { file: 'xlsx-amount-nan.xlsx', why: 'a NaN written into a number cell by a script', bytes: sheet(typedInvoices([[2, 'Amount', Number.NaN]])),
      problems: s(p(2, 'Amount', 'NaN', 'cell F2 holds NaN, not a number')) },
    { file: 'xlsx-amount-infinity.xlsx', why: 'Infinity written into a number cell', bytes: sheet(typedInvoices([[3, 'Open Balance', Number.POSITIVE_INFINITY]])),
      problems: s(p(3, 'Open Balance', 'Infinity', 'cell G3 holds Infinity, not a number')) },
    { file: 'xlsx-amount-error-cell.xlsx', why: '#DIV/0! in Amount', bytes: sheet(typedInvoices([[4, 'Amount', { error: '#DIV/0!' }]])),
      problems: s(p(4, 'Amount', '#DIV/0!', 'not an amount: not a number')) },
    { file: 'xlsx-amount-formula-error.xlsx', why: 'a formula whose saved result is #REF!', bytes: sheet(typedInvoices([[5, 'Open Balance', { formula: 'Sheet2!A1', result: { error: '#REF!' } }]])),
      problems: s(p(5, 'Open Balance', '#REF!', 'not an amount: not a number')) },
    { file: 'xlsx-amount-text-letter-o.xlsx', why: 'text "45O.50" typed into Amount', bytes: sheet(typedInvoices([[3, 'Amount', '45O.50']])),
      problems: s(p(3, 'Amount', '45O.50', 'not an amount: not a number')) },
    { file: 'xlsx-amount-is-date.xlsx', why: 'a date cell in Open Balance', bytes: sheet(typedInvoices([[2, 'Open Balance', day('2026-09-01')]])),
      problems: s(p(2, 'Open Balance', '2026-09-01', 'not an amount: the cell holds a date')) },
    { file: 'xlsx-amount-boolean.xlsx', why: 'TRUE in Amount', bytes: sheet(typedInvoices([[4, 'Amount', true]])),
      problems: s(p(4, 'Amount', 'true', 'not an amount: not a number')) },
    { file: 'xlsx-open-above-amount.xlsx', why: 'Open Balance 9800 on a 980 invoice', bytes: sheet(typedInvoices([[4, 'Open Balance', 9800]])),
      problems: s(p(4, 'Open Balance', '9800', 'open balance is larger than the amount 980')) },
    { file: 'xlsx-negative-invoice-amount-opposite.xlsx', why: 'Amount -1200, Open Balance 1200', bytes: sheet(typedInvoices([[2, 'Amount', -1200]])),
      problems: s(p(2, 'Open Balance', '1200', 'open balance and amount have opposite signs')) },

    // Values
    { file: 'xlsx-unknown-currency.xlsx', why: '"EURO" as currency', bytes: sheet(typedInvoices([[4, 'Currency', 'EURO']])),
      problems: s(p(4, 'Currency', 'EURO', NOT_ISO)) },
    { file: 'xlsx-blank-customer.xlsx', why: 'an empty customer id cell', bytes: sheet(typedInvoices([[3, 'Customer ID', null], [3, 'Customer Name', null]])),
      problems: s(p(3, 'Customer ID', '', 'required value is empty (no customer on this row)')) },
    { file: 'xlsx-spaces-invoice-number.xlsx', why: 'an invoice number of spaces', bytes: sheet(typedInvoices([[2, 'Invoice Number', '   ']])),
      problems: s(p(2, 'Invoice Number', '', 'required value is empty')) },
    { file: 'xlsx-duplicate-number-and-text.xlsx', why: 'invoice 1001 as a number cell and as text', bytes: sheet(typedInvoices([[2, 'Invoice Number', 1001], [4, 'Invoice Number', '1001']])),
      problems: s(p(4, 'Invoice Number', '1001', 'duplicate: the same invoiceNumber is already on row 2')) },
    { file: 'xlsx-duplicate-rich-text.xlsx', why: 'INV-C3 once as rich text (bold "C3"), once plain', bytes: sheet(typedInvoices([[4, 'Invoice Number', { richText: [{ text: 'INV-' }, { text: 'C3', font: { bold: true } }] }], [5, 'Invoice Number', 'INV-C3']])),
      problems: s(p(5, 'Invoice Number', 'INV-C3', 'duplicate: the same invoiceNumber is already on row 4')) },
    { file: 'xlsx-payment-negative.xlsx', why: 'a payment of -100 (a refund)', bytes: sheet(typed(edit(payments(), [[2, 'Amount', '-100']]))),
      problems: s(p(2, 'Amount', '-100', 'a payment must be a positive amount')) },
    { file: 'xlsx-payment-unknown-invoice.xlsx', why: 'a payment for invoice 77777, never imported', bytes: sheet(typed(edit(payments(), [[4, 'Invoice Number', '77777']]))),
      problems: s(p(4, 'Invoice Number', '77777', 'no invoice with this number has been imported from this source')) },
    { file: 'xlsx-customer-bad-email.xlsx', why: '"billing@epsilon" without a domain', bytes: sheet(typed(edit(customers(), [[3, 'Email', 'billing@epsilon']]))),
      problems: s(p(3, 'Email', 'billing@epsilon', 'not an email address')) },
    { file: 'xlsx-customer-fractional-terms.xlsx', why: 'terms of 30.5 days', bytes: sheet(typed(edit(customers(), [[2, 'Terms Days', '30.5']]))),
      problems: s(p(2, 'Terms Days', '30.5', 'not a whole number')) },
  ];
}

/** Every corpus file with its expectation. */
export async function corpusFiles(): Promise<CorpusFile[]> {
  const cases = [...csvCases(), ...xlsxCases()];
  const names = new Set<string>();
  const files: CorpusFile[] = [];
  for (const c of cases) {
    if (names.has(c.file)) throw new Error(`two corpus files named ${c.file}`);
    names.add(c.file);
    files.push({ ...c, bytes: await c.bytes });
  }
  return files;
}

/** The unbroken bases, which must import: each refusal is then the planted fault. */
export async function validBases(): Promise<{ file: string; bytes: Buffer }[]> {
  return [
    { file: 'base-invoices.csv', bytes: csv(invoices()) },
    { file: 'base-invoices.xlsx', bytes: await sheet(typedInvoices()) },
    { file: 'base-payments.csv', bytes: csv(payments()) },
    { file: 'base-customers.xlsx', bytes: await sheet(typed(customers())) },
  ];
}

/** Writes the corpus into `dir`: each file and its NAME.expected.json. */
export async function writeCorpus(dir: string): Promise<CorpusFile[]> {
  mkdirSync(dir, { recursive: true });
  const files = await corpusFiles();
  for (const { file, bytes, ...expectation } of files) {
    writeFileSync(join(dir, file), bytes);
    writeFileSync(join(dir, `${file}.expected.json`), `${JSON.stringify(expectation, null, 2)}\n`);
  }
  return files;
}

async function main(dir: string | undefined): Promise<void> {
  if (!dir) {
    console.error('Usage: tsx test/faults/corpus/generate-malformed.ts OUT_DIR');
    process.exitCode = 2;
    return;
  }
  const files = await writeCorpus(dir);
  console.log(`${files.length} malformed files (${files.filter((f) => /\.xlsx$/.test(f.file)).length} .xlsx) written to ${dir}`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) void main(process.argv[2]);
