import { log } from '../../log/log';
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { AppError } from '../../../shared/errors';
import { readHead } from './file-head';
import { rejectFile } from './problems';
import { MAX_COLUMNS, tooManyColumns } from './table-limits';

export interface CsvRow {
  /** 1-based record number in the file, as a spreadsheet would show it for one-line records. */
  row: number;
  cells: string[];
  /** A structural problem papaparse saw in this record (e.g. an unclosed quote), or a workbook cell that cannot be read. */
  error?: string;
  /** The cell `error` is about, when it is one cell's fault. */
  errorColumn?: number;
  /**
   * Cells a workbook typed (absent for CSV): a date cell's text is its ISO date and a number cell's
   * its exact decimal digits, so neither is read through the file's text date format or decimal separator.
   */
  typed?: (CellType | undefined)[];
}

export type CellType = 'date' | 'number';

export interface CsvFile {
  delimiter: string;
  encoding: TextEncoding | 'xlsx';
  rows: CsvRow[];
  /** The worksheet read, for a workbook. */
  sheet?: string;
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
  let rows: CsvRow[] = [];
  const file = await streamCsv(path, options, () => {
    rows = [];
    return (row) => rows.push(row);
  });
  return { ...file, rows };
}

async function* decoded(path: string, encoding: TextEncoding, onBytes: (n: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  let first = true;
  let carry = '';
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    onBytes((chunk as Buffer).length);
    // A file that starts with a UTF-8 byte-order mark but is not valid UTF-8 after it (an editor mixed
    // the two): Windows-1252 would read the mark as "ï»¿" glued to the first header.
    const bytes = first && encoding === 'windows-1252' && (chunk as Buffer).subarray(0, 3).equals(UTF8_BOM) ? (chunk as Buffer).subarray(3) : (chunk as Buffer);
    first = false;
    // Concatenated exports mix CRLF, LF and CR line ends; papaparse splits on one, so make them all LF.
    // A CR at the end of a chunk may be the first half of a CRLF: hold it back for the next one.
    let text = carry + decoder.decode(bytes, { stream: true });
    carry = text.endsWith('\r') ? '\r' : '';
    if (carry) text = text.slice(0, -1);
    if (text) yield lf(text);
  }
  const rest = lf(carry + decoder.decode());
  if (rest) yield rest;
}

const LINE_END = /\r\n?/g;
const lf = (text: string): string => (text.includes('\r') ? text.replace(LINE_END, '\n') : text);

type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * UTF-16 with a byte-order mark (Excel's "Unicode Text") is read as such. NUL bytes otherwise mean
 * the file is not text in any encoding read here: UTF-16 without a mark, UTF-32, or binary.
 */
function unicodeEncoding(path: string): 'utf-16le' | 'utf-16be' | null {
  const head = readHead(path, SNIFF_BYTES);
  if (head[0] === 0xff && head[1] === 0xfe && !(head[2] === 0 && head[3] === 0)) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const nul = head.indexOf(0);
  if (nul === -1) return null;
  if (head.subarray(0, 4).equals(UTF32LE_BOM) || head.subarray(0, 4).equals(UTF32BE_BOM)) {
    rejectFile('the file is UTF-32 text; save it as UTF-8 CSV');
  }
  const evenNuls = head.filter((b, i) => b === 0 && i % 2 === 0).length;
  const oddNuls = head.filter((b, i) => b === 0 && i % 2 === 1).length;
  if (Math.max(evenNuls, oddNuls) > head.length / 4 && Math.min(evenNuls, oddNuls) < head.length / 50) {
    rejectFile('the file looks like UTF-16 text without a byte-order mark; save it as UTF-8 CSV (or UTF-16 with its byte-order mark)');
  }
  rejectFile(`the file is binary, not a text export (a NUL byte at offset ${nul}); choose the CSV or .xlsx the ERP exported`);
}

const UTF32LE_BOM = Buffer.from([0xff, 0xfe, 0, 0]);
const UTF32BE_BOM = Buffer.from([0, 0, 0xfe, 0xff]);

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const DELIMITERS = [',', ';', '\t', '|'];
const SNIFF_BYTES = 64 * 1024;

/**
 * Papaparse's own guess picks "," for "1.234,56;…" files (the decimal commas look like columns), so
 * choose the delimiter under which the most of the first rows agree on a field count above one.
 */
export function sniffDelimiter(path: string): string {
  const head = readHead(path, SNIFF_BYTES);
  let text = head.toString('latin1');
  if (head.length === SNIFF_BYTES) text = text.slice(0, Math.max(text.lastIndexOf('\n'), 0));
  let best = { delimiter: ',', agreeing: 0, fields: 0 };
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(text, { delimiter, preview: 50, skipEmptyLines: true }).data;
    const counts = new Map<number, number>();
    for (const row of rows) if (row.length > 1) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    for (const [fields, agreeing] of counts) {
      if (agreeing > best.agreeing || (agreeing === best.agreeing && fields > best.fields)) best = { delimiter, agreeing, fields };
    }
  }
  return best.delimiter;
}

/** Receives rows as they are read; called again from row 1 when the file is re-read in another encoding. */
export type RowSink = (row: CsvRow) => void;

/**
 * Streams a delimited text file row by row into the sink `open` returns at the start of each read,
 * holding no rows itself: a million-row file never sits in memory as rows.
 */
export async function streamCsv(path: string, options: ReadCsvOptions, open: () => RowSink): Promise<Omit<CsvFile, 'rows'>> {
  const unicode = unicodeEncoding(path);
  if (unicode) return parseWith(path, unicode, options, open());
  try {
    return await parseWith(path, 'utf-8', options, open());
  } catch (error) {
    if (error instanceof TypeError && /decode|encoded/i.test(error.message)) {
      log.info('import.csv.not-utf8');
      return parseWith(path, 'windows-1252', options, open());
    }
    throw error;
  }
}

function parseWith(path: string, encoding: TextEncoding, options: ReadCsvOptions, sink: RowSink): Promise<Omit<CsvFile, 'rows'>> {
  const total = statSync(path).size;
  const delimiter = sniffDelimiter(path);
  let bytes = 0;
  let count = 0;
  // Each row is passed on once the next one is read: a file's final newline produces one empty
  // record, which is not a row of the file.
  let pending: CsvRow | null = null;
  const input = Readable.from(
    decoded(path, encoding, (n) => {
      bytes += n;
      options.onProgress?.(bytes, total);
    }),
  );
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    let parserRef: Papa.Parser | null = null;
    const stop = (outcome: () => void): void => {
      finish(outcome);
      parserRef?.abort();
      input.destroy();
    };
    const onAbort = (): void => stop(() => reject(new AppError('CANCELLED', 'Import cancelled; nothing was written.')));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    input.on('error', (error) => finish(() => reject(error)));
    Papa.parse<string[]>(input as unknown as File, {
      delimiter,
      newline: '\n',
      skipEmptyLines: false,
      // Whole chunks rather than a callback per row: papaparse's per-row step builds a result object for each.
      chunk: (result, parser) => {
        parserRef = parser;
        const structural = firstQuoteErrors(result.errors, result.data.length);
        try {
          for (let i = 0; i < result.data.length; i++) {
            const cells = result.data[i]!;
            count++;
            if (count === 1 && cells[0]?.startsWith('\uFEFF')) cells[0] = cells[0].slice(1);
            const row: CsvRow = { row: count, cells };
            const error = structural[i];
            if (error) row.error = error.code === 'MissingQuotes' ? 'unclosed quote: the line is truncated or a quote is missing' : error.message;
            else if (cells.length > MAX_COLUMNS) row.error = tooManyColumns(cells.length);
            if (pending) sink(pending);
            pending = row;
            if (options.maxRows !== undefined && count >= options.maxRows) return stop(flush);
          }
        } catch (error) {
          stop(() => reject(error));
        }
      },
      complete: () => finish(flush),
      error: (error: Error) => finish(() => reject(error)),
    });
    function flush(): void {
      input.destroy();
      try {
        if (pending && !(pending.cells.length === 1 && pending.cells[0] === '')) sink(pending);
      } catch (error) {
        reject(error);
        return;
      }
      resolve({ delimiter, encoding });
    }
  });
}

/** The first quote error of each row of a chunk, by the row's index in it. */
function firstQuoteErrors(errors: readonly Papa.ParseError[], rows: number): (Papa.ParseError | undefined)[] {
  const first: (Papa.ParseError | undefined)[] = [];
  for (const error of errors) {
    if (error.type === 'Quotes' && error.row !== undefined && error.row < rows) first[error.row] ??= error;
  }
  return first;
}
