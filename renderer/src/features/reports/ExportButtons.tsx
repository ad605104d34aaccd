import { useState, type RefObject } from 'react';
import { call } from '../../lib/api';
import { saveChartPng } from '../../lib/chart-png';
import { saveExportedFile } from '../../lib/save-file';
import { exportInput, type ExportColumn } from './export-table';

interface TableProps<T> {
  name: string;
  columns: readonly ExportColumn<T>[];
  rows: readonly T[];
}

/** CSV and XLSX of a table, written by the core so every host exports the same bytes. */
export function TableExport<T>({ name, columns, rows }: TableProps<T>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setError(null);
    call('reports.exportTable', exportInput(name, format, columns, rows)).then(saveExportedFile, (e: unknown) => setError((e as Error).message)).finally(() => setBusy(false));
  };
  return (
    <span className="export-buttons">
      <button type="button" className="button small ghost" disabled={busy || rows.length === 0} onClick={() => run('csv')}>
        CSV
      </button>
      <button type="button" className="button small ghost" disabled={busy || rows.length === 0} onClick={() => run('xlsx')}>
        XLSX
      </button>
      {error && <span className="error-text" role="alert">Export failed: {error}</span>}
    </span>
  );
}

/** A chart as PNG, drawn from its SVG in the window. */
export function ChartExport({ target, name }: { target: RefObject<HTMLElement | null>; name: string }) {
  return (
    <button type="button" className="button small ghost" onClick={() => target.current && void saveChartPng(target.current, `${name}.png`)}>
      PNG
    </button>
  );
}
