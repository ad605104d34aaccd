import { toIsoDate } from '../../../shared/dates';
import type { CellType } from './read-csv';

/** A cell as the sheet's XML holds it, before the workbook's shared strings and styles are applied. */
export interface SheetCell {
  column: number;
  address: string;
  /** Index into the workbook's cell formats (0, the default, when absent). */
  style: number;
  /** The `t` attribute: s (shared string), str, inlineStr, b, e (error), d (ISO date), or n/absent (number). */
  type: string | undefined;
  /** The saved value's text (an inline string's text for inlineStr); null when the cell has none. */
  value: string | null;
  /** The formula's text when the cell has one ('' for a shared formula's later cells). */
  formula: string | null;
}

export interface CellValue {
  text: string;
  type?: CellType;
  error?: string;
}

/** What a sheet's cells refer to elsewhere in the workbook. */
export interface WorkbookContext {
  sharedString(index: number): string | undefined;
  /** The number format of a cell format, e.g. "yyyy-mm-dd". */
  numberFormat(style: number): string | undefined;
  /** Old Mac Excel counts days from 1904, not 1900. */
  date1904: boolean;
}

/**
 * A cell as the text a CSV would hold: numbers as their exact decimal text, dates (a number in a
 * date format) as ISO dates, a formula as its saved result, an error as its code (#REF!).
 */
export function cellValue(cell: SheetCell, book: WorkbookContext): CellValue {
  if (cell.value === null) {
    if (cell.formula === null) return { text: '' };
    // A shared formula's later cells carry no text of their own.
    const formula = cell.formula ? ` (=${cell.formula})` : '';
    return { text: '', error: `cell ${cell.address} has a formula${formula} with no saved result; open the file in Excel and save it, or paste the values` };
  }
  const value = cell.value;
  switch (cell.type) {
    case 's': {
      const text = book.sharedString(Number(value));
      return text === undefined ? { text: '', error: `cell ${cell.address} refers to text the workbook does not hold (damaged?)` } : { text };
    }
    case 'str':
    case 'inlineStr':
    case 'e':
      return { text: value };
    case 'b':
      return { text: Number(value) !== 0 ? 'true' : 'false' };
    case 'd':
      return isoDateCell(value, cell.address);
    default:
      return numberCell(value, cell, book);
  }
}

function numberCell(value: string, cell: SheetCell, book: WorkbookContext): CellValue {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) return { text: value, error: `cell ${cell.address} holds ${value}, not a number` };
  if (!isDateFormat(book.numberFormat(cell.style))) return { text: decimalText(number), type: 'number' };
  // Excel's serial day (1900 system: 25,569 is 1970-01-01), rounded to the millisecond as ExcelJS does.
  const date = new Date(Math.round((number - 25569 + (book.date1904 ? 1462 : 0)) * 86_400_000));
  if (Number.isNaN(date.getTime())) return { text: '', error: `cell ${cell.address} holds an invalid date` };
  // The UTC fields of the serial's instant are its calendar date, in any time zone.
  return { text: toIsoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()), type: 'date' };
}

/** A `d` cell (strict OOXML) holds an ISO 8601 date, perhaps with a time. */
function isoDateCell(value: string, address: string): CellValue {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return { text: '', error: `cell ${address} holds an invalid date` };
  return { text: toIsoDate(Number(m[1]), Number(m[2]), Number(m[3])), type: 'date' };
}

/** ExcelJS's rule: a format showing any part of a date or time, once its literals and [colors] are dropped. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
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
  const plain =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return m[1] + plain;
}

export function columnNumber(letters: string): number {
  return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
}

export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
