import type { DATE_FORMATS } from '../../../shared/import-mapping';
import { isValidYmd, toIsoDate, type IsoDate } from '../../../shared/dates';

export type DateFormat = (typeof DATE_FORMATS)[number];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface CompiledFormat {
  pattern: RegExp;
  order: ('y' | 'm' | 'd' | 'mon')[];
}

const compiled = new Map<DateFormat, CompiledFormat>();

/** Token order and a regex per format; one- or two-digit day and month are both accepted. */
function compile(format: DateFormat): CompiledFormat {
  let cached = compiled.get(format);
  if (cached) return cached;
  const order: CompiledFormat['order'] = [];
  const source = format.replace(/yyyy|MMM|MM|M|dd|d|[.*+?^${}()|[\]\\/]/g, (token) => {
    switch (token) {
      case 'yyyy':
        // Two-digit years only where the year comes last ("1/5/26"), never in year-first formats.
        order.push('y');
        return order.length === 1 ? '(\\d{4})' : '(\\d{4}|\\d{2})';
      case 'MMM':
        order.push('mon');
        return '([A-Za-z]{3,9})\\.?';
      case 'MM':
      case 'M':
        order.push('m');
        return '(\\d{1,2})';
      case 'dd':
      case 'd':
        order.push('d');
        return '(\\d{1,2})';
      default:
        return `\\${token}`;
    }
  });
  // Spreadsheet exports often append a midnight time ("2024-01-31 00:00:00"); it carries no date.
  cached = { pattern: new RegExp(`^${source}(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?$`), order };
  compiled.set(format, cached);
  return cached;
}

/** An export repeats a few hundred distinct dates across a million rows: each is read once per format. */
const parsed = new Map<DateFormat, Map<string, IsoDate | null>>();
const PARSED_LIMIT = 100_000;

export function parseDate(text: string, format: DateFormat): IsoDate | null {
  let known = parsed.get(format);
  if (!known) parsed.set(format, (known = new Map<string, IsoDate | null>()));
  const cached = known.get(text);
  if (cached !== undefined) return cached;
  const result = readDate(text, format);
  if (known.size >= PARSED_LIMIT) known.clear();
  known.set(text, result);
  return result;
}

function readDate(text: string, format: DateFormat): IsoDate | null {
  const { pattern, order } = compile(format);
  const match = pattern.exec(text.trim());
  if (!match) return null;
  let year = 0;
  let month = 0;
  let day = 0;
  order.forEach((part, index) => {
    const value = match[index + 1]!;
    // Some exports (QuickBooks Desktop) print two-digit years: they mean this century.
    if (part === 'y') year = value.length === 2 ? 2000 + Number(value) : Number(value);
    else if (part === 'm') month = Number(value);
    else if (part === 'd') day = Number(value);
    else month = MONTHS.indexOf(value.slice(0, 3).toLowerCase()) + 1;
  });
  return isValidYmd(year, month, day) ? toIsoDate(year, month, day) : null;
}

/** Formats that read the same family of dates; only one of each is a detection candidate. */
const DETECTABLE: DateFormat[] = ['yyyy-MM-dd', 'yyyy/MM/dd', 'M/d/yyyy', 'd/M/yyyy', 'd.M.yyyy', 'd-M-yyyy', 'M-d-yyyy', 'd MMM yyyy', 'MMM d, yyyy'];

export type DateDetection =
  { kind: 'found'; format: DateFormat } | { kind: 'ambiguous'; formats: DateFormat[]; example: string } | { kind: 'none'; example: string };

/**
 * Picks the format that reads the most samples (rows it cannot read are then reported one by one).
 * When day-first and month-first read equally many (every day ≤ 12), the order cannot be known from
 * the data and the caller must refuse rather than guess.
 */
export function detectDateFormat(samples: readonly string[]): DateDetection {
  const values = [...new Set(samples.map((s) => s.trim()).filter((s) => s !== ''))];
  const scored = DETECTABLE.map((format) => ({ format, fits: values.filter((v) => parseDate(v, format) !== null).length }));
  const best = Math.max(0, ...scored.map((s) => s.fits));
  if (best === 0) return { kind: 'none', example: values[0] ?? '' };
  const top = scored.filter((s) => s.fits === best).map((s) => s.format);
  if (top.length === 1) return { kind: 'found', format: top[0]! };
  const example = values.find((v) => new Set(top.map((f) => parseDate(v, f))).size > 1) ?? values[0] ?? '';
  return { kind: 'ambiguous', formats: top, example };
}
