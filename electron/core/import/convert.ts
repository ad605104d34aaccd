import { textProblem } from '../../../shared/text';
import { emptyBatch, type LedgerBatch } from '../ledger/records';
import { readInvoiceRow, type InvoiceRowResult } from './convert-invoice-row';
import { readCustomerRow, readPaymentRow } from './convert-other-rows';
import { readXeroInvoice } from './convert-xero';
import { resolveSettings } from './detect-settings';
import { classifyQuickbooksRow, odooPartiallyPaid, odooSettled, odooSide, quickbooksCreditKind, quickbooksCreditNumber, quickbooksSide, statusSide } from './dialects';
import type { ImportPlan } from './plan';
import { Problems } from './problems';
import type { CsvRow } from './read-csv';
import { RowReader } from './row-reader';
import { cellTooLong, MAX_CELL_CHARS } from './table-limits';

export interface Conversion {
  batch: LedgerBatch;
  problems: Problems;
  /** Data rows read (not counting headings, totals, blank lines). */
  rows: number;
  /** Rows that are valid but not receivables (drafts, vendor bills, voided). */
  skipped: number;
}

interface DataRow {
  row: CsvRow;
  customerFallback?: string;
}

/** Turns a file's rows into ledger records with the plan, collecting every problem instead of stopping at the first. */
export function convertRows(rows: readonly CsvRow[], plan: ImportPlan, delimiter: string, defaultCurrency: string): Conversion {
  const problems = new Problems();
  const batch = emptyBatch(plan.source);
  const header = rows[plan.headerIndex];
  if (header?.error) addRowError(header, plan, problems);
  const data = dataRows(rows.slice(plan.headerIndex + 1), plan, problems);
  const result: Conversion = { batch, problems, rows: data.length, skipped: 0 };
  const settings = resolveSettings(data.map((d) => d.row), plan, delimiter, defaultCurrency, problems);
  if (!settings) return result;
  const reader = (d: DataRow): RowReader => new RowReader(plan, settings, problems, d.row);
  if (plan.kind === 'customers') {
    for (const d of data) pushUnique(batch.customers, readCustomerRow(reader(d)), problems, 'customerId', plan);
  } else if (plan.kind === 'payments') {
    for (const d of data) pushUnique(batch.payments, readPaymentRow(reader(d)), problems, 'paymentId', plan);
  } else if (plan.dialect === 'xero') {
    for (const lines of groupByInvoice(data.map(reader))) addInvoice(result, readXeroInvoice(lines), plan);
  } else {
    for (const d of data) addInvoice(result, readInvoiceLike(reader(d), plan, d.customerFallback), plan);
  }
  return result;
}

/** Drops headings, totals and blank lines; flags rows whose shape does not match the header. */
function dataRows(rows: readonly CsvRow[], plan: ImportPlan, problems: Problems): DataRow[] {
  const data: DataRow[] = [];
  const mapped = Object.values(plan.columns);
  let customer: string | undefined;
  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    if (plan.dialect === 'quickbooks') {
      const kind = classifyQuickbooksRow(row, plan);
      if (kind.kind === 'customer') customer = kind.name;
      if (kind.kind !== 'data') continue;
    }
    if (row.error) {
      addRowError(row, plan, problems);
      continue;
    }
    if (row.cells.length !== plan.headers.length) {
      problems.add(row.row, '', row.cells.join(',').slice(0, 80),
        `row has ${row.cells.length} fields but the header has ${plan.headers.length}` +
          (row.cells.length < plan.headers.length ? ' (truncated line?)' : ' (a value with an unquoted delimiter?)'));
      continue;
    }
    const long = mapped.find((c) => (row.cells[c.index]?.length ?? 0) > MAX_CELL_CHARS);
    if (long) {
      problems.add(row.row, long.header, `${row.cells[long.index]!.slice(0, 40)}…`, cellTooLong(row.cells[long.index]!.length));
      continue;
    }
    if (hasBrokenText(row, mapped, problems)) continue;
    data.push({ row, ...(customer !== undefined ? { customerFallback: customer } : {}) });
  }
  return data;
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
    const result = readInvoiceRow(r, { side: quickbooksSide(r), numberFallback: quickbooksCreditNumber(r), ...(customerFallback ? { customerFallback } : {}) });
    if (result?.type === 'credit') result.record.kind = quickbooksCreditKind(r);
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

function addInvoice(result: Conversion, row: InvoiceRowResult, plan: ImportPlan): void {
  if (!row) return;
  if (row.type === 'skip') {
    result.skipped++;
    return;
  }
  const list: { externalId: string; row: number }[] = row.type === 'invoice' ? result.batch.invoices : result.batch.credits;
  pushUnique(list, row.record, result.problems, plan.columns.externalId ? 'externalId' : 'invoiceNumber', plan);
}

/** First row of each id per record list, to report duplicates. */
const firstRowOf = new WeakMap<object, Map<string, number>>();

/** Adds a record unless the file already had one with the same id: duplicates are an error, never a silent overwrite. */
function pushUnique<T extends { externalId: string; row: number }>(list: T[], record: T | null, problems: Problems, field: string, plan: ImportPlan): void {
  if (!record) return;
  const seen = firstRowOf.get(list) ?? new Map<string, number>();
  firstRowOf.set(list, seen);
  const first = seen.get(record.externalId);
  if (first !== undefined) {
    problems.add(record.row, plan.columns[field]?.header ?? field, record.externalId, `duplicate: the same ${field} is already on row ${first}`);
    return;
  }
  seen.set(record.externalId, record.row);
  list.push(record);
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

