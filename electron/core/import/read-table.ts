import { closeSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { readCsv, type CsvFile } from './read-csv';
import { readXlsx, type ReadXlsxOptions } from './read-xlsx';

/** Names of the files an import, the file picker and the watched folder take. */
export const WORKBOOK_FILE = /\.xls[xm]$/i;
export const IMPORT_FILE = /\.(csv|txt|tsv|xlsx|xlsm)$/i;

/**
 * Reads an export as rows, whichever form it came in: a workbook by its name, or by its content when
 * an ERP saved one under a .csv name (a zip or OLE file is never a CSV); anything else as delimited text.
 */
export function readTable(path: string, name: string, options: ReadXlsxOptions = {}): Promise<CsvFile> {
  if (WORKBOOK_FILE.test(name) || isWorkbookContainer(path)) return readXlsx(path, options);
  if (options.sheet !== undefined) throw new AppError('INVALID_INPUT', `"${name}" is a text file, not a workbook: it has no sheets to choose from.`);
  return readCsv(path, options);
}

function isWorkbookContainer(path: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  const read = readSync(fd, head, 0, 4, 0);
  closeSync(fd);
  return read === 4 && (head.toString('latin1') === 'PK\x03\x04' || head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])));
}
