import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { FILE_LEVEL_ROW, type ImportProblem } from '../../../../shared/import-mapping';
import { formatCount } from '../../lib/format';

const column = createColumnHelper<ImportProblem>();

// Helper columns are typed by their value; the table takes them as one list (TanStack's documented widening).
export const problemColumns = [
  column.accessor('row', { header: 'Row', size: 72, meta: { numeric: true }, cell: (info) => rowLabel(info.row.original) }),
  column.accessor('column', { header: 'Column', size: 170 }),
  column.accessor('value', { header: 'Value', size: 220, cell: (info) => <code className="raw">{info.getValue()}</code> }),
  column.accessor('reason', { header: 'Reason', meta: { grow: true } }),
] as ColumnDef<ImportProblem>[];

/** "File" for a problem with the whole file rather than a row (the sheet of a workbook is named above the list). */
function rowLabel({ row }: ImportProblem): string {
  return row === FILE_LEVEL_ROW ? 'File' : formatCount(row);
}
