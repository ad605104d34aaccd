import type { CsvRow } from './read-csv';
import { detectDateFormat } from './parse-date';
import type { ImportPlan } from './plan';
import type { Problems } from './problems';
import type { FileSettings } from './row-reader';

const DATE_FIELDS = ['issueDate', 'dueDate', 'paidDate', 'date'];
const AMOUNT_FIELDS = ['amount', 'openBalance', 'creditLimit', 'lineAmount', 'unitAmount', 'taxAmount', 'amountPaid'];

/** The fields' text cells: a workbook's date and number cells say nothing about how the file writes dates or decimals. */
function cellsOf(rows: readonly CsvRow[], plan: ImportPlan, fields: readonly string[]): string[] {
  const indexes = fields.flatMap((f) => (plan.columns[f] ? [plan.columns[f]!.index] : []));
  return rows.flatMap((row) => indexes.filter((i) => !row.typed?.[i]).map((i) => (row.cells[i] ?? '').trim())).filter((v) => v !== '');
}

/**
 * The file's date format and decimal separator, from the plan when it states them, else from the data.
 * Returns null (with a problem recorded) when the dates' day/month order cannot be known.
 */
export function resolveSettings(
  rows: readonly CsvRow[],
  plan: ImportPlan,
  delimiter: string,
  defaultCurrency: string,
  problems: Problems,
): FileSettings | null {
  let dateFormat = plan.dateFormat;
  if (!dateFormat) {
    const detection = detectDateFormat(cellsOf(rows, plan, DATE_FIELDS));
    const dateColumn = DATE_FIELDS.map((f) => plan.columns[f]?.header).find(Boolean) ?? 'date';
    const settled = detection.kind === 'ambiguous' && plan.dateOrder && detection.formats.includes(plan.dateOrder);
    if (detection.kind === 'ambiguous' && !settled) {
      problems.add(plan.headerIndex + 1, dateColumn, detection.example,
        `day/month order is ambiguous (${detection.formats.join(' or ')}); set "dateFormat" in the mapping`);
      return null;
    }
    // With no readable date at all, every row reports its own bad date against the expected format.
    dateFormat = detection.kind === 'found' ? detection.format : (plan.dateOrder ?? 'yyyy-MM-dd');
  }
  return {
    dateFormat,
    decimalSeparator: plan.decimalSeparator ?? detectDecimalSeparator(cellsOf(rows, plan, AMOUNT_FIELDS), delimiter),
    currency: plan.currency ?? defaultCurrency,
  };
}

/** "1.234,56" or "12,5" say comma; "1,234.56" or "12.5" say dot; whole numbers say nothing. */
export function detectDecimalSeparator(values: readonly string[], delimiter: string): '.' | ',' {
  let comma = 0;
  let dot = 0;
  for (const value of values) {
    if (/\d,\d{1,2}\D*$/.test(value)) comma++;
    else if (/\d\.\d{1,2}\D*$/.test(value)) dot++;
  }
  if (comma !== dot) return comma > dot ? ',' : '.';
  return delimiter === ';' ? ',' : '.';
}

