import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { AttributionReport } from '../../../../shared/analytics';
import { DataTable } from '../../components/DataTable';
import { Money } from '../../components/Money';
import { formatCount, formatDate } from '../../lib/format';
import { attributionRows, type AttributionTableRow } from './attribution-rows';
import type { Drill } from './drill';
import { TableExport } from './ExportButtons';
import type { ExportColumn } from './export-table';

const column = createColumnHelper<AttributionTableRow>();
/** Filter bar and header above the rows, and one row's height, as DataTable draws them. */
const TABLE_CHROME = 84;
const ROW = 30;
const pct = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value.toFixed(1)}%`);

const COLUMNS = [
  column.accessor('label', { header: 'Action', meta: { grow: true } }),
  column.accessor('payments', { header: 'Payments', size: 90, meta: { numeric: true }, cell: (i) => formatCount(i.getValue()) }),
  column.accessor('amountMinor', { header: 'Amount', size: 130, meta: { numeric: true }, cell: (i) => <Money minor={i.getValue()} currency={i.row.original.currency} /> }),
  column.accessor('medianDaysToPay', { header: 'Median days to pay', size: 140, meta: { numeric: true }, cell: (i) => i.getValue() ?? '—' }),
  column.accessor((r) => r.share?.sharePct ?? null, { id: 'share', header: 'Touched invoices paid in window', size: 210, meta: { numeric: true },
    cell: (i) => (i.row.original.share ? `${pct(i.getValue())} of ${formatCount(i.row.original.share.invoices)}` : '—') }),
] as ColumnDef<AttributionTableRow>[];

const EXPORT: ExportColumn<AttributionTableRow>[] = [
  { header: 'Action', kind: 'text', value: (r) => r.label },
  { header: 'Currency', kind: 'text', value: (r) => r.currency },
  { header: 'Payments', kind: 'number', value: (r) => r.payments },
  { header: 'Amount', kind: 'money', currencyColumn: 1, value: (r) => r.amountMinor },
  { header: 'Median days to pay', kind: 'number', value: (r) => r.medianDaysToPay },
  { header: 'Touched invoices', kind: 'number', value: (r) => r.share?.invoices ?? null },
  { header: 'Paid within window %', kind: 'number', value: (r) => r.share?.sharePct ?? null },
];

interface Props {
  report: AttributionReport;
  currency: string;
  onDrill(drill: Drill): void;
}

/** "What made them pay": payments credited to their last (or first) touch, with the untouched baseline above. */
export function AttributionTable({ report, currency, onDrill }: Props) {
  const [view, setView] = useState<'last' | 'first'>('last');
  const rows = useMemo(() => attributionRows(report, view, currency), [report, view, currency]);
  const open = (row: AttributionTableRow) => onDrill({
    kind: 'payments',
    title: `${row.label} · ${view} touch`,
    payments: report.payments.filter((p) => p.currency === currency && ((view === 'last' ? p.lastTouch : p.firstTouch)?.action ?? 'none') === row.action),
  });
  return (
    <section className="report-card attribution" aria-label="What made them pay" data-testid="attribution">
      <header className="report-card-header">
        <h3>What made them pay · {currency}</h3>
        <div className="tabs" role="tablist" aria-label="Credit">
          {(['last', 'first'] as const).map((v) => (
            <button key={v} type="button" role="tab" className="tab" aria-selected={view === v} onClick={() => setView(v)}>
              {v === 'last' ? 'Last touch' : 'First touch'}
            </button>
          ))}
        </div>
        <TableExport name={`what-made-them-pay-${view}-touch-${currency}`} columns={EXPORT} rows={rows} />
      </header>
      <p className="muted report-note">
        Payments {formatDate(report.from)} – {formatDate(report.to)} credited to touches up to {report.windowDays} days before them. Untouched invoices falling due
        paid within {report.windowDays} days: <strong>{pct(report.untouched.sharePct)}</strong> of {formatCount(report.untouched.invoices)}. Enter or
        double-click a row for its payments.
      </p>
      {/* The table is virtualized, so it needs a height: its rows', up to ten. */}
      <div className="attribution-table" style={{ height: TABLE_CHROME + ROW * Math.min(10, Math.max(1, rows.length)) }}>
        <DataTable data={rows} columns={COLUMNS} label="What made them pay" testId="attribution-table" initialSort={[{ id: 'amountMinor', desc: true }]} onActivate={open} />
      </div>
    </section>
  );
}
