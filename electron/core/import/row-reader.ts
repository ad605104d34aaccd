import { currencyExponent, isCurrencyCode, parseAmount } from '../../../shared/money';
import type { IsoDate } from '../../../shared/dates';
import type { CellType, CsvRow } from './read-csv';
import { parseDate, type DateFormat } from './parse-date';
import type { ImportPlan } from './plan';
import type { Problems } from './problems';

/** Settings resolved once per file before rows are read. */
export interface FileSettings {
  dateFormat: DateFormat;
  decimalSeparator: '.' | ',';
  /** Currency for rows without a currency cell. */
  currency: string;
}

/**
 * Typed access to one data row's mapped cells. Every failed read records a problem naming the row,
 * the file's column header, the raw value and the reason, and returns null. A converter moves one
 * reader from row to row (`row` is assigned) rather than building one per row.
 */
export class RowReader {
  constructor(
    plan: ImportPlan,
    private readonly settings: FileSettings,
    private readonly problems: Problems,
    public row: CsvRow,
  ) {
    this.columns = new Map(Object.entries(plan.columns));
    this.odoo = plan.dialect === 'odoo';
  }

  /** The plan's columns by field: a row asks for a dozen fields by name, and a Map answers that faster than an object's keys. */
  private readonly columns: Map<string, { index: number; header: string }>;
  private readonly odoo: boolean;

  get line(): number {
    return this.row.row;
  }

  has(field: string): boolean {
    return this.columns.has(field);
  }

  header(field: string): string {
    return this.columns.get(field)?.header ?? field;
  }

  /** Trimmed cell text; Odoo's guard apostrophe before = + - @ is not part of the value. */
  text(field: string): string {
    const column = this.columns.get(field);
    if (!column) return '';
    const raw = (this.row.cells[column.index] ?? '').trim();
    return this.odoo && /^'[=+\-@]/.test(raw) ? raw.slice(1) : raw;
  }

  /** What a workbook typed the cell as; undefined for text (and every CSV cell). */
  private typeOf(field: string): CellType | undefined {
    const column = this.columns.get(field);
    return column ? this.row.typed?.[column.index] : undefined;
  }

  fail(field: string, reason: string, value = this.text(field)): null {
    this.problems.add(this.line, this.header(field), value, reason);
    return null;
  }

  required(field: string): string | null {
    const value = this.text(field);
    return value === '' ? this.fail(field, 'required value is empty') : value;
  }

  date(field: string, required: boolean): IsoDate | null | undefined {
    const value = this.text(field);
    if (value === '') return required ? this.fail(field, 'required date is empty') : undefined;
    const type = this.typeOf(field);
    if (type === 'date') return value;
    if (type === 'number') return this.fail(field, 'not a date: the cell holds a number (format the column as dates in the workbook)');
    return parseDate(value, this.settings.dateFormat) ?? this.fail(field, `not a valid date in format ${this.settings.dateFormat}`);
  }

  currency(): string | null {
    const value = this.text('currency').toUpperCase() || this.settings.currency;
    return isCurrencyCode(value) ? value : this.fail('currency', 'not an ISO 4217 currency code like "USD"');
  }

  amount(field: string, currency: string, required: boolean): number | null | undefined {
    const value = this.text(field);
    if (value === '') return required ? this.fail(field, 'required amount is empty') : undefined;
    const type = this.typeOf(field);
    if (type === 'date') return this.fail(field, 'not an amount: the cell holds a date');
    // A number cell's text is its own decimal digits, whatever separator the file's text cells use.
    const decimalSeparator = type === 'number' ? '.' : this.settings.decimalSeparator;
    const parsed = parseAmount(value, currencyExponent(currency), { decimalSeparator, currency });
    return parsed.ok ? parsed.value : this.fail(field, `not an amount: ${parsed.reason}`);
  }

  flag(field: string): boolean | null {
    const value = this.text(field).toLowerCase();
    if (['', '0', 'no', 'n', 'false', 'f'].includes(value)) return false;
    if (['1', 'yes', 'y', 'true', 't', 'x', 'disputed'].includes(value)) return true;
    return this.fail(field, 'not a yes/no value (use yes/no, true/false, 1/0 or leave empty)');
  }

  /** How the invoice was sent: undefined when not stated, null when the value is not one we know. */
  billing(field: string): 'electronic' | 'paper' | null | undefined {
    const value = this.text(field).toLowerCase();
    if (value === '') return undefined;
    if (['electronic', 'paperless', 'email', 'e-mail', 'edi', 'portal', 'online', 'e-invoice'].includes(value)) return 'electronic';
    if (['paper', 'mail', 'post', 'print', 'printed', 'letter'].includes(value)) return 'paper';
    return this.fail(field, 'not a billing channel (use electronic or paper)');
  }

  integer(field: string): number | null | undefined {
    const value = this.text(field);
    if (value === '') return undefined;
    return /^\d{1,6}$/.test(value) ? Number(value) : this.fail(field, 'not a whole number');
  }
}
