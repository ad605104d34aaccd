import { FILE_LEVEL_ROW } from '../../../shared/import-mapping';
import { RowConverter, type Conversion } from './convert';
import { HEADER_SEARCH_ROWS, type ImportPlan, type PlanResult } from './plan';
import { rejectImport } from './problems';
import type { CsvRow } from './read-csv';
import type { TableSource } from './table-source';
import type { FileSettings } from './row-reader';

/** The plan from a file's first rows, then every row converted with it as the file is read. */
export async function readConversion(
  table: TableSource,
  planOf: (head: readonly CsvRow[]) => PlanResult | null,
  defaultCurrency: string,
): Promise<{ plan: ImportPlan; conversion: Conversion }> {
  const read = async (settings?: FileSettings) => {
    let head: CsvRow[] = [];
    let converter: { plan: ImportPlan; rows: RowConverter } | null = null;
    const start = (): { plan: ImportPlan; rows: RowConverter } => {
      if (head.length === 0)
        rejectImport([{ row: FILE_LEVEL_ROW, column: '', value: '', reason: table.sheet === undefined ? 'the file is empty' : 'the sheet is empty' }]);
      const planned = planOf(head);
      if (!planned) {
        rejectImport([
          {
            row: 1,
            column: '',
            value: head[0]!.cells.join(table.delimiter).slice(0, 120),
            reason: 'no preset matches these headers; choose a preset or map the columns',
          },
        ]);
      }
      if (!planned.ok) rejectImport(planned.problems);
      const rows = new RowConverter(planned.plan, table.delimiter, defaultCurrency, settings);
      for (const row of head) rows.push(row);
      head = [];
      return { plan: planned.plan, rows };
    };
    await table.read(() => {
      head = [];
      converter = null;
      return (row) => {
        if (converter) return converter.rows.push(row);
        head.push(row);
        if (head.length === HEADER_SEARCH_ROWS) converter = start();
      };
    });
    const { plan: planned, rows } = converter ?? start();
    return { plan: planned, conversion: rows.finish() };
  };
  const first = await read();
  if (!('reconvert' in first.conversion)) return { plan: first.plan, conversion: first.conversion };
  const second = await read(first.conversion.reconvert);
  return { plan: second.plan, conversion: second.conversion as Conversion };
}
