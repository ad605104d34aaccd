import { AppError } from '../../../shared/errors';
import { IMPORT_EXTENSIONS } from '../../../shared/import-mapping';
import { readHead, workbookContainer } from './file-head';
import { readCsv, sniffDelimiter, streamCsv, type CsvFile } from './read-csv';
import { openWorkbook, readXlsx, type ReadXlsxOptions } from './read-xlsx';
import type { TableSource } from './table-source';

const WORKBOOK_FILE = /\.xls[xm]$/i;

/** A file name an import takes (the watched folder skips the rest). */
export function isImportFile(name: string): boolean {
  return IMPORT_EXTENSIONS.some((extension) => name.toLowerCase().endsWith(extension));
}

/**
 * A workbook by its name, or by its content when an ERP saved one under a .csv name (a zip or OLE
 * file is never a CSV); anything else is delimited text.
 */
function isWorkbook(path: string, name: string, options: ReadXlsxOptions): boolean {
  if (WORKBOOK_FILE.test(name) || workbookContainer(readHead(path, 8))) return true;
  if (options.sheet !== undefined) throw new AppError('INVALID_INPUT', `"${name}" is a text file, not a workbook: it has no sheets to choose from.`);
  return false;
}

/** Reads an export as rows, whichever form it came in. */
export function readTable(path: string, name: string, options: ReadXlsxOptions = {}): Promise<CsvFile> {
  return isWorkbook(path, name, options) ? readXlsx(path, options) : readCsv(path, options);
}

/**
 * An export to read row by row: a CSV or a workbook streams from the file on every read, so its rows
 * are never held.
 */
export async function openTable(path: string, name: string, options: ReadXlsxOptions = {}): Promise<TableSource> {
  if (isWorkbook(path, name, options)) return openWorkbook(path, options);
  return { delimiter: sniffDelimiter(path), read: async (open) => void (await streamCsv(path, options, open)) };
}
