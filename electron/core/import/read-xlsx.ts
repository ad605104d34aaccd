import { isUtf8 as isUtf8Buffer } from 'node:buffer';
import { statSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { readHead, workbookContainer } from './file-head';
import { rejectFile } from './problems';
import type { CsvFile, CsvRow, ReadCsvOptions, RowSink } from './read-csv';
import type { TableSource } from './table-source';
import { MAX_COLUMNS, tooManyColumns } from './table-limits';
import { cellValue, columnLetter, columnNumber, type WorkbookContext } from './xlsx-cell';
import { sheetRows, type SheetRow } from './xlsx-sheet-xml';
import { damagedIfThrows, withSheetRows, withSheetXml } from './xlsx-sheets';

export interface ReadXlsxOptions extends ReadCsvOptions {
  /** The worksheet to read; the first visible one when absent. */
  sheet?: string | undefined;
}

const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * A worksheet to read row by row, as read-csv.ts produces rows: row numbers are the sheet's own,
 * every row is as wide as the sheet, dates become ISO dates and numbers their exact decimal text
 * (marked in `typed`), formulas their saved result. The workbook is streamed, never held: ExcelJS's
 * whole-workbook model takes about 150 MB per MB of .xlsx. How wide the sheet is and which cells are
 * merged are only known from its end (merges follow the cells), so a first pass over the sheet's
 * XML reads just those, and every read then streams the cells. A file that is not a readable
 * workbook is refused whole.
 */
export async function openWorkbook(path: string, options: ReadXlsxOptions = {}): Promise<TableSource> {
  const size = statSync(path).size;
  if (size === 0) rejectFile('the file is empty');
  checkContainer(path);
  // The survey is the first half of the progress, the cells the second.
  const half = (first: boolean) => (done: number, total: number) => options.onProgress?.(first ? done : total + done, 2 * total);
  const survey = await withSheetXml(path, options.sheet, half(true), async (name, xml) => ({ name, ...(await surveySheet(xml, options.signal)) }));
  return {
    delimiter: ',',
    sheet: survey.name,
    read: (open) => withSheetRows(path, survey.name, half(false), (rows, book) => streamRows(rows, book, survey, open(), options)),
  };
}

/** The first rows of a worksheet (or all of them), held: what an import preview shows. */
export async function readXlsx(path: string, options: ReadXlsxOptions = {}): Promise<CsvFile> {
  const table = await openWorkbook(path, options);
  const rows: CsvRow[] = [];
  await table.read(() => (row) => rows.push(row));
  return { delimiter: table.delimiter, encoding: 'xlsx', ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), rows };
}

interface Survey {
  /** Columns of the widest row. */
  width: number;
  /** The first merged range on each row it covers. */
  merges: Map<number, { range: string; left: number }>;
}

/**
 * Reads the sheet once for its widest row and its merged ranges, converting no cell: both are only
 * known at its end, and every row is read knowing them.
 */
async function surveySheet(xml: AsyncIterable<Buffer>, signal: AbortSignal | undefined): Promise<Survey> {
  let widest = 0;
  const merges = new Map<number, { range: string; left: number }>();
  const rows = damagedIterator(
    sheetRows(xml, (range) => {
      const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
      if (!m) return;
      for (let r = Number(m[2]); r <= Number(m[4]); r++) if (!merges.has(r)) merges.set(r, { range, left: columnNumber(m[1]!) });
    }),
  );
  let count = 0;
  for (let step = await rows.next(); !step.done; step = await rows.next()) {
    widest = Math.max(widest, lastColumn(step.value));
    if (++count % 1024 === 0) throwIfCancelled(signal);
  }
  return { width: widest, merges };
}

function lastColumn(row: SheetRow): number {
  return row.cells.reduce((widest, cell) => Math.max(widest, cell.column), 0);
}

/** The sheet's rows into the sink, a blank row for each row number the sheet skips. */
async function streamRows(sheet: AsyncIterable<SheetRow>, book: WorkbookContext, survey: Survey, sink: RowSink, options: ReadXlsxOptions): Promise<void> {
  const width = Math.min(survey.width, MAX_COLUMNS);
  const limit = options.maxRows ?? Infinity;
  const rows = damagedIterator(sheet);
  let next = 1;
  while (next <= limit) {
    const step = await rows.next();
    if (step.done) break;
    const source = step.value;
    while (next < source.number && next <= limit) sink({ row: next++, cells: new Array<string>(width).fill('') });
    if (next > limit) break;
    sink(sheetRow(source, book, width, survey.merges));
    next++;
    if (next % 1024 === 0) throwIfCancelled(options.signal);
  }
  await rows.return?.();
}

function sheetRow(source: SheetRow, book: WorkbookContext, width: number, merges: Survey['merges']): CsvRow {
  const row: CsvRow = { row: source.number, cells: new Array<string>(width).fill('') };
  const last = lastColumn(source);
  if (last > MAX_COLUMNS) row.error = `${tooManyColumns(last)}: its last value is in column ${columnLetter(last)}`;
  for (const cell of source.cells) {
    if (cell.column > MAX_COLUMNS) continue;
    const value = cellValue(cell, book);
    row.cells[cell.column - 1] = value.text;
    if (value.type) (row.typed ??= [])[cell.column - 1] = value.type;
    if (value.error && !row.error) Object.assign(row, { error: value.error, errorColumn: cell.column - 1 });
  }
  const merge = merges.get(source.number);
  // A merged range shows one value, in its first cell; the row is refused whatever it holds.
  if (merge && !row.error)
    Object.assign(row, { error: `cells ${merge.range} are merged; unmerge them so every column has its own value`, errorColumn: merge.left - 1 });
  return row;
}

/** An iterator over what is read from the zip and its XML, whose failures name the file as damaged. */
function damagedIterator<T>(source: AsyncIterable<T>): AsyncIterator<T> {
  const inner = source[Symbol.asyncIterator]();
  return {
    next: () => damagedIfThrows(() => inner.next()),
    return: async () => (await inner.return?.()) ?? { done: true, value: undefined },
  };
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'Import cancelled; nothing was written.');
}

/** Names what the file is when it is not an .xlsx zip, from its first bytes. */
function checkContainer(path: string): void {
  const bytes = readHead(path, 64 * 1024);
  const container = workbookContainer(bytes);
  if (container === 'zip') return;
  if (container === 'ole') {
    rejectFile(
      bytes.includes(ENCRYPTED_PACKAGE)
        ? 'the workbook is password-protected (encrypted); remove the password in Excel (File › Info › Protect Workbook) and save it again, or export CSV'
        : 'this is an Excel 97–2003 .xls file, not .xlsx; save it as .xlsx or CSV',
    );
  }
  if (!bytes.includes(0) && isUtf8(bytes)) {
    rejectFile('not an Excel workbook: the file is plain text (a CSV saved with an .xlsx name?); rename it to .csv or save it as .xlsx');
  }
  rejectFile('not an Excel workbook: an .xlsx file is a zip archive and this file is not one (damaged, or another format)');
}

function isUtf8(bytes: Buffer): boolean {
  // A multi-byte character may be cut at the end of the sample; only earlier bytes have to be valid.
  return isUtf8Buffer(bytes.subarray(0, Math.max(0, bytes.length - 3)));
}
