import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../../../shared/errors';
import { rejectFile } from './problems';
import type { WorkbookContext } from './xlsx-cell';
import { sheetRows, type SheetRow } from './xlsx-sheet-xml';

/** A sheet of the workbook's list; `state` is absent for a visible one. */
interface SheetEntry {
  name: string;
  rId: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
}

/**
 * The steps of ExcelJS 4.4's streaming WorkbookReader that read a workbook's list of sheets, shared
 * strings and cell formats (its typings leave them out). Its own `parse` reads the zip front to back
 * and must meet the parts in a lucky order (ExcelJS itself writes the list of sheets last, and the
 * reader then fails or loses the sheet's name), and its sheet reader drops a formula's error or date
 * result; so the parts are found through the zip's directory and the sheet is read by
 * xlsx-sheet-xml.ts. Pinned by the lock file; the workbook tests cover every step.
 */
interface WorkbookReaderSteps {
  workbookRels?: { Id: string; Target: string; Type: string }[];
  model?: { sheets?: SheetEntry[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  sharedStrings?: (string | null | { richText: { text: string }[] })[];
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
  properties?: { model?: { date1904?: boolean } };
}

/**
 * The parts read whole into memory before the sheet (the list of sheets, its relationships, shared
 * text, styles) are refused past these sizes unpacked, from the zip's directory (yauzl holds every
 * entry to its declared size): a few hundred kilobytes of zip can inflate to gigabytes, and parsed
 * shared strings take several times their XML. A million-row export's shared text is some 30 MB.
 * The sheet itself is streamed and needs no bound.
 */
const MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024;
const MAX_OTHER_PART_BYTES = 16 * 1024 * 1024;
const megabytes = (bytes: number): string => `${Math.ceil(bytes / 1024 / 1024).toLocaleString('en-US')} MB`;

/** Called as the sheet's XML is inflated: bytes so far, of its whole length. */
export type SheetProgress = (done: number, total: number) => void;

/** The sheet asked for (see openSheet) as its XML, for a pass that needs no cell values. */
export function withSheetXml<T>(
  path: string,
  wanted: string | undefined,
  progress: SheetProgress,
  use: (name: string, xml: AsyncIterable<Buffer>) => Promise<T>,
): Promise<T> {
  return openSheet(path, wanted, false, progress, (name, xml) => use(name, xml));
}

/** The sheet asked for (see openSheet) as rows, with the shared strings and styles its cells refer to. */
export function withSheetRows<T>(
  path: string,
  wanted: string | undefined,
  progress: SheetProgress,
  use: (rows: AsyncIterable<SheetRow>, book: WorkbookContext) => Promise<T>,
): Promise<T> {
  return openSheet(path, wanted, true, progress, (_name, xml, reader) => use(sheetRows(xml), workbookContext(reader)));
}

function workbookContext(reader: WorkbookReaderSteps): WorkbookContext {
  const strings = reader.sharedStrings ?? [];
  return {
    sharedString: (index) => {
      const entry = strings[index];
      if (entry === undefined) return undefined;
      return entry === null ? '' : typeof entry === 'string' ? entry : entry.richText.map((run) => run.text ?? '').join('');
    },
    numberFormat: (style) => reader.styles.getStyleModel(style)?.numFmt,
    date1904: reader.properties?.model?.date1904 === true,
  };
}

const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * Opens the worksheet asked for (by name, any case), or the first visible one, and hands it to
 * `use`; the other sheets are never read. With `cells` the shared strings and styles its cells
 * refer to are read first. Anything the zip or XML reader throws means the file is not a readable
 * workbook and is refused whole; what `use` throws is passed on.
 */
async function openSheet<T>(
  path: string,
  wanted: string | undefined,
  cells: boolean,
  progress: SheetProgress,
  use: (name: string, xml: AsyncIterable<Buffer>, reader: WorkbookReaderSteps) => Promise<T>,
): Promise<T> {
  const { default: excel } = await import('exceljs');
  const zip = await damagedIfThrows(() => yauzl.openPromise(path, { autoClose: false, lazyEntries: true }));
  const streams: Readable[] = [];
  try {
    const entries = new Map<string, yauzl.Entry>();
    await damagedIfThrows(async () => {
      for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    });
    const part = async (name: string | undefined, limit?: number): Promise<Readable | null> => {
      const entry = name === undefined ? undefined : entries.get(name);
      if (!entry) return null;
      if (limit !== undefined && entry.uncompressedSize > limit) tooLargeToRead(entry, limit);
      const stream = await damagedIfThrows(() => zip.openReadStreamPromise(entry));
      streams.push(stream);
      return stream;
    };
    const reader = new excel.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      hyperlinks: 'ignore',
      entries: 'ignore',
      sharedStrings: cells ? 'cache' : 'ignore',
      styles: cells ? 'cache' : 'ignore',
    }) as unknown as WorkbookReaderSteps;
    const book = await part('xl/workbook.xml', MAX_OTHER_PART_BYTES);
    if (!book) rejectFile('the workbook has no worksheets');
    await damagedIfThrows(() => reader._parseWorkbook(book));
    const rels = await part('xl/_rels/workbook.xml.rels', MAX_OTHER_PART_BYTES);
    if (rels) await damagedIfThrows(() => reader._parseRels(rels));
    const chosen = chooseSheet(reader.model?.sheets ?? [], wanted);
    const target = partPath(reader.workbookRels?.find((rel) => rel.Id === chosen.rId)?.Target);
    const xml = await part(target);
    if (!xml) rejectFile(`the workbook lists a sheet "${chosen.name}" but holds no data for it (damaged?); save it again from Excel`);
    if (cells) {
      const strings = await part(relatedPart(reader, 'sharedStrings') ?? 'xl/sharedStrings.xml', MAX_SHARED_STRINGS_BYTES);
      if (strings) {
        await damagedIfThrows(async () => {
          for await (const _ of reader._parseSharedStrings(strings));
        });
      }
      const styles = await part(relatedPart(reader, 'styles') ?? 'xl/styles.xml', MAX_OTHER_PART_BYTES);
      if (styles) await damagedIfThrows(() => reader._parseStyles(styles));
    }
    return await use(chosen.name, counted(xml, entries.get(target!)!.uncompressedSize, progress), reader);
  } finally {
    // A read stopped early (a preview) leaves the sheet's stream open, and with it the file.
    for (const stream of streams) stream.destroy();
    zip.close();
  }
}

function tooLargeToRead(entry: yauzl.Entry, limit: number): never {
  const what = /sharedStrings/i.test(entry.fileName) ? 'shared text (the strings its cells refer to)' : `part ${entry.fileName}`;
  return rejectFile(
    `the workbook's ${what} unpacks to ${megabytes(entry.uncompressedSize)}, more than the ${megabytes(limit)} Inflow reads ` +
      '(a damaged or hostile file?); if it is a real export, save the sheet as CSV and import that',
  );
}

async function* counted(xml: Readable, total: number, progress: SheetProgress): AsyncIterable<Buffer> {
  let done = 0;
  for await (const chunk of xml as AsyncIterable<Buffer>) {
    progress((done += chunk.length), total);
    yield chunk;
  }
}

/** Awaits a step of reading the zip or its XML, naming a failure as a damaged file. */
export async function damagedIfThrows<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof AppError) throw error;
    return rejectFile(`the workbook is damaged or incomplete and cannot be opened (${(error as Error).message.trim()})`);
  }
}

/** A workbook relationship's target as a path in the zip: relative to xl/, or absolute from its root. */
function partPath(target: string | undefined): string | undefined {
  if (target === undefined) return undefined;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

function relatedPart(reader: WorkbookReaderSteps, type: 'sharedStrings' | 'styles'): string | undefined {
  return partPath(reader.workbookRels?.find((rel) => rel.Type === `${RELATIONSHIP}/${type}`)?.Target);
}

function chooseSheet(sheets: readonly SheetEntry[], name: string | undefined): SheetEntry {
  if (sheets.length === 0) rejectFile('the workbook has no worksheets');
  if (name === undefined) return sheets.find((s) => (s.state ?? 'visible') === 'visible') ?? sheets[0]!;
  const sheet = sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!sheet) rejectFile(`the workbook has no sheet named "${name}"; its sheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}`);
  return sheet;
}
