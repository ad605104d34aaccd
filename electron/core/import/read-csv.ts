import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { AppError } from '../../../shared/errors';

export interface CsvRow {
  /** 1-based record number in the file, as a spreadsheet would show it for one-line records. */
  row: number;
  cells: string[];
  /** A structural problem papaparse saw in this record (e.g. an unclosed quote). */
  error?: string;
}

export interface CsvFile {
  delimiter: string;
  encoding: 'utf-8' | 'windows-1252';
  rows: CsvRow[];
}

export interface ReadCsvOptions {
  signal?: AbortSignal;
  /** Stop after this many records (previews). */
  maxRows?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/**
 * Streams a delimited text file into rows. Decodes UTF-8 itself (so a character split across two
 * chunks stays whole) and falls back to Windows-1252, which older accounting exports still use.
 * Papaparse guesses the delimiter (comma, semicolon, tab, pipe).
 */
export async function readCsv(path: string, options: ReadCsvOptions = {}): Promise<CsvFile> {
  try {
    return await parseWith(path, 'utf-8', options);
  } catch (error) {
    if (error instanceof TypeError && /decode|encoded/i.test(error.message)) {
      return parseWith(path, 'windows-1252', options);
    }
    throw error;
  }
}

async function* decoded(path: string, encoding: CsvFile['encoding'], onBytes: (n: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    onBytes((chunk as Buffer).length);
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

function parseWith(path: string, encoding: CsvFile['encoding'], options: ReadCsvOptions): Promise<CsvFile> {
  const total = statSync(path).size;
  let bytes = 0;
  const rows: CsvRow[] = [];
  const input = Readable.from(decoded(path, encoding, (n) => {
    bytes += n;
    options.onProgress?.(bytes, total);
  }));
  return new Promise<CsvFile>((resolve, reject) => {
    let delimiter = ',';
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    let parserRef: Papa.Parser | null = null;
    const onAbort = (): void => {
      parserRef?.abort();
      input.destroy();
      finish(() => reject(new AppError('CANCELLED', 'Import cancelled; nothing was written.')));
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    input.on('error', (error) => finish(() => reject(error)));
    Papa.parse<string[]>(input as unknown as File, {
      skipEmptyLines: false,
      step: (result, parser) => {
        parserRef = parser;
        delimiter = result.meta.delimiter || delimiter;
        const cells = result.data;
        const row: CsvRow = { row: rows.length + 1, cells };
        const structural = result.errors.find((e) => e.type === 'Quotes');
        if (structural) row.error = structural.code === 'MissingQuotes' ? 'unclosed quote: the line is truncated or a quote is missing' : structural.message;
        rows.push(row);
        if (options.maxRows !== undefined && rows.length >= options.maxRows) {
          parser.abort();
        }
      },
      complete: () => {
        input.destroy();
        if (rows[0]?.cells[0]?.startsWith('\uFEFF')) rows[0].cells[0] = rows[0].cells[0].slice(1);
        // A file's final newline produces one empty record; it is not a row of the file.
        const last = rows.at(-1);
        if (last && last.cells.length === 1 && last.cells[0] === '') rows.pop();
        finish(() => resolve({ delimiter, encoding, rows }));
      },
      error: (error: Error) => finish(() => reject(error)),
    });
  });
}
