import { AppError } from '../../../shared/errors';
import { IMPORT_EXTENSIONS } from '../../../shared/import-mapping';
import { readHead, workbookContainer } from './file-head';
import { readCsv, type CsvFile } from './read-csv';
import { readXlsx, type ReadXlsxOptions } from './read-xlsx';

const WORKBOOK_FILE = /\.xls[xm]$/i;

/** A file name an import takes (the watched folder skips the rest). */
export function isImportFile(name: string): boolean {
  return IMPORT_EXTENSIONS.some((extension) => name.toLowerCase().endsWith(extension));
}

/**
 * Reads an export as rows, whichever form it came in: a workbook by its name, or by its content when
 * an ERP saved one under a .csv name (a zip or OLE file is never a CSV); anything else as delimited text.
 */
export function readTable(path: string, name: string, options: ReadXlsxOptions = {}): Promise<CsvFile> {
  if (WORKBOOK_FILE.test(name) || workbookContainer(readHead(path, 8))) return readXlsx(path, options);
  if (options.sheet !== undefined) throw new AppError('INVALID_INPUT', `"${name}" is a text file, not a workbook: it has no sheets to choose from.`);
  return readCsv(path, options);
}
