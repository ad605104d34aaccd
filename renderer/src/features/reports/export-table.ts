import type { ExportTableInput } from '../../../../shared/analytics';

/** One column of a table as it is exported: cells stay typed so XLSX keeps numbers (money in minor units). */
export interface ExportColumn<T> {
  header: string;
  kind: ExportTableInput['columns'][number]['kind'];
  value(row: T): string | number | null;
  /** For money: the index of the column holding each row's currency. */
  currencyColumn?: number;
}

export function exportInput<T>(name: string, format: 'csv' | 'xlsx', columns: readonly ExportColumn<T>[], rows: readonly T[]): ExportTableInput {
  return {
    name,
    format,
    columns: columns.map(({ header, kind, currencyColumn }) => ({ header, kind, ...(currencyColumn === undefined ? {} : { currencyColumn }) })),
    rows: rows.map((row) => columns.map((column) => column.value(row))),
  };
}
