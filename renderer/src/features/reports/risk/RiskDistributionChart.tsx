import { useRef } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { RISK_SEGMENTS } from '../../../../../shared/risk';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { formatCount } from '../../../lib/format';
import { useCoreQuery } from '../../../lib/core-query';
import { SEGMENT_LABEL } from '../../customers/RiskSummary';
import type { Drill } from '../drill';
import { themedTooltip } from '../chart-tooltip';
import { ChartExport, TableExport } from '../ExportButtons';
import type { ExportColumn } from '../export-table';
import './risk-charts.css';

interface BinRow {
  bin: number;
  label: string;
  fromPct: number;
  toPct: number;
  customers: number;
}

const EXPORT: ExportColumn<BinRow>[] = [
  { header: 'P(late) from %', kind: 'number', value: (r) => r.fromPct },
  { header: 'P(late) to %', kind: 'number', value: (r) => r.toPct },
  { header: 'Customers', kind: 'number', value: (r) => r.customers },
];

/** How many customers sit at each chance of paying late (tenths), with the count per risk segment; a bar lists their open invoices. */
export function RiskDistributionChart({ onDrill }: { onDrill(drill: Drill): void }) {
  const distribution = useCoreQuery('risk.distribution', {});
  const box = useRef<HTMLDivElement>(null);
  if (distribution.error) return <ErrorNotice error={distribution.error} title="The risk distribution could not be read." onRetry={distribution.reload} />;
  const data = distribution.data;
  if (!data) return null;
  const rows: BinRow[] = data.bins.map((bin, k) => {
    const fromPct = Math.round(bin.from * 100);
    const toPct = Math.round(bin.to * 100);
    return { bin: k, label: `${fromPct}–${toPct}%`, fromPct, toPct, customers: bin.customers };
  });
  const drill = (index: number) => {
    const row = rows[index];
    if (row && row.customers > 0) onDrill({ kind: 'invoices', title: `Open invoices of customers ${row.label} likely late`, query: { by: 'risk', bin: row.bin } });
  };
  return (
    <section className="report-card" data-testid="risk-distribution-chart" aria-label="Customers by risk of paying late">
      <header className="report-card-header">
        <h3>Customers by chance of paying late</h3>
        <TableExport name="customers-by-risk" columns={EXPORT} rows={rows} />
        <ChartExport target={box} name="customers-by-risk" />
      </header>
      <ul className="chart-legend" aria-label="Risk segments">
        {RISK_SEGMENTS.map((segment) => <li key={segment}>{SEGMENT_LABEL[segment]} {formatCount(data.segments[segment])}</li>)}
      </ul>
      <div ref={box} className="chart-box" data-testid="risk-distribution-bars">
        <ResponsiveContainer width="100%" height={196}>
          <BarChart data={rows} margin={{ top: 6, right: 6, bottom: 0, left: -12 }}>
            <CartesianGrid vertical={false} className="chart-grid" />
            <XAxis dataKey="label" tickLine={false} axisLine={false} interval={1} className="chart-axis" />
            <YAxis allowDecimals={false} tickLine={false} axisLine={false} className="chart-axis" />
            <Tooltip {...themedTooltip} isAnimationActive={false} cursor={{ className: 'chart-cursor' }} formatter={(value) => [formatCount(Number(value)), 'customers']} />
            <Bar dataKey="customers" className="risk-bar" isAnimationActive={false} onClick={(_, index) => drill(index)} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
