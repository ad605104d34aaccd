import type { CsvRow } from './read-csv';
import { detectDateFormat } from './parse-date';
import type { ImportPlan } from './plan';
import type { Problems } from './problems';
import type { FileSettings } from './row-reader';

const DATE_FIELDS = ['issueDate', 'dueDate', 'paidDate', 'date'];
const AMOUNT_FIELDS = ['amount', 'openBalance', 'creditLimit', 'lineAmount', 'unitAmount', 'taxAmount', 'amountPaid'];

const indexesOf = (plan: ImportPlan, fields: readonly string[]): number[] => fields.flatMap((f) => (plan.columns[f] ? [plan.columns[f].index] : []));

/**
 * What the data rows say about the file's date format and decimal separator, gathered row by row so
 * a file need not be held to be read: its distinct date texts and a count of each decimal mark.
 * Only text cells count: a workbook's date and number cells say nothing about how the file writes them.
 */
export class SettingsSamples {
  private readonly dateIndexes: number[];
  private readonly amountIndexes: number[];
  private readonly dates = new Set<string>();
  private comma = 0;
  private dot = 0;

  constructor(private readonly plan: ImportPlan) {
    // What the plan states is not detected, so its cells need not be looked at.
    this.dateIndexes = plan.dateFormat ? [] : indexesOf(plan, DATE_FIELDS);
    this.amountIndexes = plan.decimalSeparator ? [] : indexesOf(plan, AMOUNT_FIELDS);
  }

  add(row: CsvRow): void {
    for (const i of this.dateIndexes) {
      if (row.typed?.[i]) continue;
      const value = (row.cells[i] ?? '').trim();
      if (value !== '') this.dates.add(value);
    }
    for (const i of this.amountIndexes) {
      if (row.typed?.[i]) continue;
      const mark = decimalMark(row.cells[i] ?? '');
      if (mark === ',') this.comma++;
      else if (mark === '.') this.dot++;
    }
  }

  /**
   * The file's date format and decimal separator, from the plan when it states them, else from the
   * data. With `problems`, returns null (the problem recorded) when the dates' day/month order cannot be
   * known; without, guesses the first candidate order (for a tentative reading that is checked later).
   */
  resolve(delimiter: string, defaultCurrency: string, problems: Problems | null): FileSettings | null {
    const { plan } = this;
    let dateFormat = plan.dateFormat;
    if (!dateFormat) {
      const detection = detectDateFormat([...this.dates]);
      const dateColumn = DATE_FIELDS.map((f) => plan.columns[f]?.header).find(Boolean) ?? 'date';
      const settled = detection.kind === 'ambiguous' && plan.dateOrder && detection.formats.includes(plan.dateOrder);
      if (detection.kind === 'ambiguous' && !settled) {
        if (!problems) return { ...this.rest(delimiter, defaultCurrency), dateFormat: detection.formats[0]! };
        problems.add(
          plan.headerIndex + 1,
          dateColumn,
          detection.example,
          `day/month order is ambiguous (${detection.formats.join(' or ')}); set "dateFormat" in the mapping`,
        );
        return null;
      }
      // With no readable date at all, every row reports its own bad date against the expected format.
      dateFormat = detection.kind === 'found' ? detection.format : (plan.dateOrder ?? 'yyyy-MM-dd');
    }
    return { dateFormat, ...this.rest(delimiter, defaultCurrency) };
  }

  private rest(delimiter: string, defaultCurrency: string): Omit<FileSettings, 'dateFormat'> {
    return {
      decimalSeparator: this.plan.decimalSeparator ?? separatorOf(this.comma, this.dot, delimiter),
      currency: this.plan.currency ?? defaultCurrency,
    };
  }
}

/** "1.234,56" or "12,5" say comma; "1,234.56" or "12.5" say dot; whole numbers say nothing. */
function separatorOf(comma: number, dot: number, delimiter: string): '.' | ',' {
  if (comma !== dot) return comma > dot ? ',' : '.';
  return delimiter === ';' ? ',' : '.';
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * The mark before the last one or two digits when a digit precedes it ("12,5 €" → ","; "1,234" →
 * none): /\d[,.]\d{1,2}\D*$/ with the comma winning, read by index because it runs on every amount cell.
 */
function decimalMark(value: string): ',' | '.' | null {
  let end = value.length;
  while (end > 0 && !isDigit(value.charCodeAt(end - 1))) end--;
  for (const mark of [',', '.'] as const) {
    if (value[end - 2] === mark && isDigit(value.charCodeAt(end - 3))) return mark;
    if (value[end - 3] === mark && isDigit(value.charCodeAt(end - 2)) && isDigit(value.charCodeAt(end - 4))) return mark;
  }
  return null;
}
