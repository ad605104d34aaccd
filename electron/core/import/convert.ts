import { textProblem } from '../../../shared/text';
import { emptyBatch, type LedgerBatch } from '../ledger/records';
import { readInvoiceRow, type InvoiceRowResult } from './convert-invoice-row';
import { readCustomerRow, readPaymentRow } from './convert-other-rows';
import { readXeroInvoice } from './convert-xero';
import { SettingsSamples } from './detect-settings';
import {
  classifyQuickbooksRow,
  odooPartiallyPaid,
  odooSettled,
  odooSide,
  quickbooksCreditKind,
  quickbooksSide,
  quickbooksUnnumberedType,
  statusSide,
} from './dialects';
import type { ImportPlan } from './plan';
import { Problems } from './problems';
import type { CsvRow } from './read-csv';
import { RowReader, type FileSettings } from './row-reader';
import { cellTooLong, MAX_CELL_CHARS } from './table-limits';
import { nameUnnumberedCredit, UNNUMBERED } from './unnumbered-credit';

export interface Conversion {
  batch: LedgerBatch;
  problems: Problems;
  /** Data rows read (not counting headings, totals, blank lines). */
  rows: number;
  /** Rows that are valid but not receivables (drafts, vendor bills, voided). */
  skipped: number;
}

/** The settings the rows were converted with turned out not to be the file's: convert again with these. */
export interface Reconvert {
  reconvert: FileSettings;
}

interface DataRow {
  row: CsvRow;
  customerFallback?: string;
}

/** Rows read before the settings are guessed from them (a whole file decides them, checked at the end). */
const SAMPLE_ROWS = 2_000;

/** Turns a file's rows into ledger records with the plan, collecting every problem instead of stopping at the first. */
export function convertRows(rows: readonly CsvRow[], plan: ImportPlan, delimiter: string, defaultCurrency: string): Conversion {
  const convert = (settings?: FileSettings): Conversion | Reconvert => {
    const converter = new RowConverter(plan, delimiter, defaultCurrency, settings);
    for (const row of rows) converter.push(row);
    return converter.finish();
  };
  const first = convert();
  if (!('reconvert' in first)) return first;
  return convert(first.reconvert) as Conversion;
}

/**
 * Converts rows one at a time as a file is read, holding records rather than rows. Problems come in
 * the order a whole-file pass gives them: the rows that cannot be read at all (wrong shape, broken
 * text), then a date order the data leaves open, then each row's values. The date format and decimal
 * separator belong to the whole file, so the rows are converted with those its first rows suggest
 * and `finish` asks for a second pass when the whole file says otherwise (rare: a file that changes
 * its mind after thousands of rows). Xero line items are grouped by invoice, so they are held.
 */
export class RowConverter {
  private index = 0;
  private rows = 0;
  private customer: string | undefined;
  private readonly unreadable = new Problems();
  private readonly problems = new Problems();
  private readonly samples: SettingsSamples;
  private readonly mapped: readonly { index: number; header: string }[];
  private readonly batch: LedgerBatch;
  private readonly result: Conversion;
  private readonly held: DataRow[] = [];
  /** Converts the rows once the settings are known (guessed from the first rows, or given). */
  private reader: RowReader | null = null;
  private settings: FileSettings | null = null;
  /** First row of each id per record list, to report duplicates. */
  private readonly firstRows = new Map<unknown[], Map<string, number>>();
  private readonly customers = new Map<string, { id: string; name: string }>();
  private currency = '';

  constructor(
    private readonly plan: ImportPlan,
    private readonly delimiter: string,
    private readonly defaultCurrency: string,
    private readonly settled?: FileSettings,
  ) {
    this.samples = new SettingsSamples(plan);
    this.mapped = Object.values(plan.columns);
    this.batch = emptyBatch(plan.source);
    this.result = { batch: this.batch, problems: this.problems, rows: 0, skipped: 0 };
    if (settled && plan.dialect !== 'xero') this.start(settled);
  }

  /** The file's next row, from its first (title lines and the header included). */
  push(row: CsvRow): void {
    const index = this.index++;
    if (index < this.plan.headerIndex) return;
    if (index === this.plan.headerIndex) {
      if (row.error) addRowError(row, this.plan, this.unreadable);
      return;
    }
    const data = this.dataRow(row);
    if (!data) return;
    this.rows++;
    this.samples.add(row);
    if (this.reader) this.convert(this.reader, data);
    else {
      this.held.push(data);
      if (this.held.length >= SAMPLE_ROWS && this.plan.dialect !== 'xero') this.start(this.samples.resolve(this.delimiter, this.defaultCurrency, null)!);
    }
  }

  finish(): Conversion | Reconvert {
    const problems = new Problems();
    problems.append(this.unreadable);
    const settings = this.samples.resolve(this.delimiter, this.defaultCurrency, problems);
    const unconverted: Conversion = { batch: emptyBatch(this.plan.source), problems, rows: this.rows, skipped: 0 };
    if (!settings) return unconverted;
    if (this.plan.dialect === 'xero') {
      const readers = this.held.map((d) => new RowReader(this.plan, settings, this.problems, d.row));
      for (const lines of groupByInvoice(readers)) this.addInvoice(readXeroInvoice(lines));
    } else if (!this.reader) this.start(settings);
    else if (!this.settled && !sameSettings(settings, this.settings!)) return { reconvert: settings };
    problems.append(this.problems);
    return { ...this.result, problems, rows: this.rows };
  }

  private start(settings: FileSettings): void {
    this.settings = settings;
    this.reader = new RowReader(this.plan, settings, this.problems, { row: 0, cells: [] });
    for (const data of this.held) this.convert(this.reader, data);
    this.held.length = 0;
  }

  private convert(r: RowReader, data: DataRow): void {
    r.row = data.row;
    const { plan, batch } = this;
    if (plan.kind === 'customers') this.pushUnique(batch.customers, readCustomerRow(r), 'customerId');
    else if (plan.kind === 'payments') this.pushUnique(batch.payments, readPaymentRow(r), 'paymentId');
    else this.addInvoice(readInvoiceLike(r, plan, data.customerFallback));
  }

  /** A row to convert, or null for headings, totals and blank lines and (with a problem) rows whose shape does not match the header. */
  private dataRow(row: CsvRow): DataRow | null {
    const { plan, unreadable: problems, mapped } = this;
    if (isBlank(row.cells)) return null;
    if (plan.dialect === 'quickbooks') {
      const kind = classifyQuickbooksRow(row, plan);
      if (kind.kind === 'customer') this.customer = kind.name;
      if (kind.kind !== 'data') return null;
    }
    if (row.error) {
      addRowError(row, plan, problems);
      return null;
    }
    if (row.cells.length !== plan.headers.length) {
      problems.add(
        row.row,
        '',
        row.cells.join(',').slice(0, 80),
        `row has ${row.cells.length} fields but the header has ${plan.headers.length}` +
          (row.cells.length < plan.headers.length ? ' (truncated line?)' : ' (a value with an unquoted delimiter?)'),
      );
      return null;
    }
    const long = longCell(row, mapped);
    if (long) {
      problems.add(row.row, long.header, `${row.cells[long.index]!.slice(0, 40)}…`, cellTooLong(row.cells[long.index]!.length));
      return null;
    }
    if (hasBrokenText(row, mapped, problems)) return null;
    return this.customer !== undefined ? { row, customerFallback: this.customer } : { row };
  }

  private addInvoice(row: InvoiceRowResult): void {
    if (!row) return;
    if (row.type === 'skip') {
      this.result.skipped++;
      return;
    }
    const list: { externalId: string; row: number }[] = row.type === 'invoice' ? this.batch.invoices : this.batch.credits;
    this.pushUnique(list, row.record, this.plan.columns.externalId ? 'externalId' : 'invoiceNumber');
  }

  /** Adds a record unless the file already had one with the same id: duplicates are an error, never a silent overwrite. */
  private pushUnique<T extends SharedFields & { externalId: string; row: number }>(list: T[], record: T | null, field: string): void {
    if (!record) return;
    this.share(record);
    let seen = this.firstRows.get(list);
    if (!seen) this.firstRows.set(list, (seen = new Map<string, number>()));
    const first = seen.get(record.externalId);
    if (first !== undefined) {
      this.problems.add(record.row, this.plan.columns[field]?.header ?? field, record.externalId, `duplicate: the same ${field} is already on row ${first}`);
      return;
    }
    seen.set(record.externalId, record.row);
    list.push(record);
  }

  /**
   * A customer's id and name and the currency repeat on every row: a record keeps the first copy of
   * each, so a million records hold one string per customer, not one per row (each of which would
   * also keep alive the whole chunk of the file it was cut from). One lookup, by the short id.
   */
  private share(record: SharedFields): void {
    const id = record.customerExternalId;
    if (id !== undefined) {
      let known = this.customers.get(id);
      if (!known) this.customers.set(id, (known = { id: copy(id), name: copy(record.customerName ?? '') }));
      record.customerExternalId = known.id;
      if (record.customerName === known.name) record.customerName = known.name;
    }
    if (record.currency !== undefined) {
      if (record.currency === this.currency) record.currency = this.currency;
      else this.currency = record.currency;
    }
  }
}

/** A string of its own: a cell cut from the file's text shares (and keeps) that text. */
const copy = (value: string): string => Buffer.from(value).toString();

interface SharedFields {
  customerExternalId?: string;
  customerName?: string;
  currency?: string;
}

function longCell(row: CsvRow, mapped: readonly { index: number; header: string }[]): { index: number; header: string } | undefined {
  for (const column of mapped) if ((row.cells[column.index]?.length ?? 0) > MAX_CELL_CHARS) return column;
  return undefined;
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

function sameSettings(a: FileSettings, b: FileSettings): boolean {
  return a.dateFormat === b.dateFormat && a.decimalSeparator === b.decimalSeparator && a.currency === b.currency;
}

/**
 * Every value an import stores is one line (a name, a number, a reference): a line break or control
 * character in a mapped cell would reach the window, exports and mail headers, so the row is refused.
 */
function hasBrokenText(row: CsvRow, mapped: readonly { index: number; header: string }[], problems: Problems): boolean {
  let broken = false;
  for (const { index, header } of mapped) {
    const value = row.cells[index] ?? '';
    const problem = textProblem(value.trim(), true);
    if (problem) {
      problems.add(row.row, header, value, problem);
      broken = true;
    }
  }
  return broken;
}

/** A row the reader could not read whole: the cell at fault under its header when one is, else the line. */
function addRowError(row: CsvRow, plan: ImportPlan, problems: Problems): void {
  if (row.errorColumn !== undefined) problems.add(row.row, plan.headers[row.errorColumn] ?? '', row.cells[row.errorColumn] ?? '', row.error!);
  else problems.add(row.row, '', row.cells.join(',').slice(0, 80), row.error!);
}

function readInvoiceLike(r: RowReader, plan: ImportPlan, customerFallback: string | undefined): InvoiceRowResult {
  if (plan.dialect === 'quickbooks') {
    const unnumbered = quickbooksUnnumberedType(r);
    const result = readInvoiceRow(r, {
      side: quickbooksSide(r),
      numberFallback: unnumbered ? UNNUMBERED : undefined,
      ...(customerFallback ? { customerFallback } : {}),
    });
    if (result?.type === 'credit') {
      result.record.kind = quickbooksCreditKind(r);
      if (unnumbered && r.text('externalId') === '') nameUnnumberedCredit(result.record, unnumbered, r.text('reference'));
    }
    return result;
  }
  if (plan.dialect === 'odoo') {
    if (!r.has('openBalance') && odooPartiallyPaid(r)) {
      return r.fail('paymentState', 'partially paid, but the export has no "Amount Due" column to say how much is open');
    }
    return readInvoiceRow(r, { side: odooSide(r), settled: odooSettled(r) });
  }
  return readInvoiceRow(r, { side: statusSide(r) });
}

function groupByInvoice(readers: RowReader[]): RowReader[][] {
  const groups = new Map<string, RowReader[]>();
  for (const r of readers) {
    const key = r.text('invoiceNumber');
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}
