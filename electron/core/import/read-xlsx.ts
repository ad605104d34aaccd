import { statSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import { AppError } from '../../../shared/errors';
import { toIsoDate } from '../../../shared/dates';
import { readHead, workbookContainer } from './file-head';
import { rejectFile } from './problems';
import type { CellType, CsvFile, CsvRow, ReadCsvOptions } from './read-csv';
import { MAX_COLUMNS, tooManyColumns } from './table-limits';

export interface ReadXlsxOptions extends ReadCsvOptions {
  /** The worksheet to read; the first visible one when absent. */
  sheet?: string | undefined;
}

/**
 * ExcelJS holds the whole workbook model in memory (about 150 MB per MB of .xlsx), so larger
 * workbooks are refused with a pointer to CSV, which streams.
 */
export const MAX_XLSX_BYTES = 8 * 1024 * 1024;

const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * Reads one worksheet into the rows read-csv.ts produces: row numbers are the sheet's own, every row
 * is as wide as the sheet, dates become ISO dates and numbers their exact decimal text (marked in
 * `typed`), formulas their saved result. A file that is not a readable workbook is refused whole.
 */
export async function readXlsx(path: string, options: ReadXlsxOptions = {}): Promise<CsvFile> {
  const size = statSync(path).size;
  if (size === 0) rejectFile('the file is empty');
  checkContainer(path);
  if (size > MAX_XLSX_BYTES) {
    rejectFile(`the workbook is ${(size / 1024 / 1024).toFixed(1)} MB; Inflow reads workbooks up to ${MAX_XLSX_BYTES / 1024 / 1024} MB, so export this one as CSV`);
  }
  throwIfCancelled(options.signal);
  // Loaded on the first workbook, not at start: the library alone is about 30 MB of the core's memory.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    rejectFile(`the workbook is damaged or incomplete and cannot be opened (${(error as Error).message.trim()})`);
  }
  throwIfCancelled(options.signal);
  options.onProgress?.(size, size);
  const sheet = chooseSheet(workbook, options.sheet);
  return { delimiter: ',', encoding: 'xlsx', sheet: sheet.name, rows: sheetRows(sheet, options.maxRows, excel.ValueType.Merge) };
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
    rejectFile(bytes.includes(ENCRYPTED_PACKAGE)
      ? 'the workbook is password-protected (encrypted); remove the password in Excel (File › Info › Protect Workbook) and save it again, or export CSV'
      : 'this is an Excel 97–2003 .xls file, not .xlsx; save it as .xlsx or CSV');
  }
  if (!bytes.includes(0) && isUtf8(bytes)) {
    rejectFile('not an Excel workbook: the file is plain text (a CSV saved with an .xlsx name?); rename it to .csv or save it as .xlsx');
  }
  rejectFile('not an Excel workbook: an .xlsx file is a zip archive and this file is not one (damaged, or another format)');
}

function isUtf8(bytes: Buffer): boolean {
  try {
    // A multi-byte character may be cut at the end of the sample; only earlier bytes have to be valid.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 3)));
    return true;
  } catch {
    return false;
  }
}

function chooseSheet(workbook: ExcelJS.Workbook, name: string | undefined): ExcelJS.Worksheet {
  const sheets = workbook.worksheets;
  if (sheets.length === 0) rejectFile('the workbook has no worksheets');
  if (name === undefined) return sheets.find((s) => s.state === 'visible') ?? sheets[0]!;
  const sheet = sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!sheet) rejectFile(`the workbook has no sheet named "${name}"; its sheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}`);
  return sheet;
}

function sheetRows(sheet: ExcelJS.Worksheet, maxRows: number | undefined, mergeType: ExcelJS.ValueType): CsvRow[] {
  const width = sheet.columnCount;
  const merged = mergedRanges(sheet);
  const last = Math.min(sheet.rowCount, maxRows ?? Infinity);
  const rows: CsvRow[] = [];
  for (let r = 1; r <= last; r++) {
    const source = sheet.findRow(r);
    const row: CsvRow = { row: r, cells: new Array<string>(Math.min(width, MAX_COLUMNS)).fill('') };
    if (source && source.cellCount > MAX_COLUMNS) row.error = `${tooManyColumns(source.cellCount)}: its last value is in column ${columnLetter(source.cellCount)}`;
    source?.eachCell((cell, column) => {
      // A merged range shows one value, its first cell's; the row is refused below in any case.
      if (column > MAX_COLUMNS || cell.type === mergeType) return;
      const value = cellValue(cell);
      row.cells[column - 1] = value.text;
      if (value.type) (row.typed ??= [])[column - 1] = value.type;
      if (value.error && !row.error) Object.assign(row, { error: value.error, errorColumn: column - 1 });
    });
    const merge = merged.get(r);
    if (merge && !row.error) Object.assign(row, { error: `cells ${merge.range} are merged; unmerge them so every column has its own value`, errorColumn: merge.left - 1 });
    rows.push(row);
  }
  return rows;
}

/** The first merged range on each row it covers. */
function mergedRanges(sheet: ExcelJS.Worksheet): Map<number, { range: string; left: number }> {
  const rows = new Map<number, { range: string; left: number }>();
  for (const range of sheet.model.merges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    if (!m) continue;
    for (let r = Number(m[2]); r <= Number(m[4]); r++) if (!rows.has(r)) rows.set(r, { range, left: columnNumber(m[1]!) });
  }
  return rows;
}

interface CellValue {
  text: string;
  type?: CellType;
  error?: string;
}

function cellValue(cell: ExcelJS.Cell): CellValue {
  const value = cell.value;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value)) {
    const formula = 'formula' in value ? value.formula : `shared formula of ${value.sharedFormula}`;
    if (value.result === undefined || value.result === null) {
      return { text: '', error: `cell ${cell.address} has a formula (=${formula}) with no saved result; open the file in Excel and save it, or paste the values` };
    }
    return plainValue(value.result, cell.address);
  }
  return plainValue(value, cell.address);
}

type Plain = ExcelJS.CellValue | ExcelJS.CellFormulaValue['result'];

function plainValue(value: Plain, address: string): CellValue {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { text: String(value), error: `cell ${address} holds ${value}, not a number` };
    return { text: decimalText(value), type: 'number' };
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { text: '', error: `cell ${address} holds an invalid date` };
    // ExcelJS reads a date serial as that day at 00:00 UTC; the UTC fields are the calendar date, in any time zone.
    return { text: toIsoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()), type: 'date' };
  }
  if ('error' in value) return { text: value.error };
  if ('richText' in value) return { text: value.richText.map((run) => run.text).join('') };
  if ('hyperlink' in value) return plainValue(value.text as Plain, address);
  return { text: '', error: `cell ${address} holds a value Inflow cannot read` };
}

/**
 * A number's decimal text without exponent. Excel keeps 15 significant digits; beyond them a computed
 * double carries binary noise (=0.1+0.2 is 0.30000000000000004), which is not part of the amount.
 */
export function decimalText(value: number): string {
  const shortest = String(Number(value.toPrecision(15)) + 0);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (!m) return shortest;
  const digits = m[2]! + (m[3] ?? '');
  const point = m[2]!.length + Number(m[4]);
  const plain = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return m[1] + plain;
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
