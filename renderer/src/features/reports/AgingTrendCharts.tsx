import { useRef } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DrilldownBucket, TrendPoint } from '../../../../shared/analytics';
import { AGING_BUCKETS, type AgingBucket } from '../../../../shared/aging';
import { formatDate } from '../../lib/format';
import { BucketLegend } from './BucketLegend';
import { BucketTooltip } from './BucketTooltip';
import { tickFor } from './chart-ticks';
import { ChartExport } from './ExportButtons';
import { monthLabel } from './trend-rows';

interface Props {
  points: TrendPoint[];
  currency: string;
  labels: Record<AgingBucket, string>;
  onDrill(asOf: string, bucket: DrilldownBucket, title: string): void;
}

const trendRow = (currency: string) => (point: TrendPoint) => ({ title: formatDate(point.asOf), currency, amounts: point.aging });

/**
 * Month-end aging from history: stacked bars (how much was open, and how old) and one line per
 * bucket (how each moved). A bar segment lists its bucket's invoices; a month on the lines, all open ones.
 */
export function AgingTrendCharts({ points, currency, labels, onDrill }: Props) {
  const barsRef = useRef<HTMLDivElement>(null);
  const linesRef = useRef<HTMLDivElement>(null);
  const data = points.map((p) => ({ ...p, label: monthLabel(p.month) }));
  const drill = (index: number, bucket: AgingBucket) => {
    const point = points[index];
    if (point) onDrill(point.asOf, bucket, `${labels[bucket]} · ${formatDate(point.asOf)}`);
  };
  const drillMonth = (index: number) => {
    const point = points[index];
    if (point) onDrill(point.asOf, 'all', `Open on ${formatDate(point.asOf)}`);
  };
  const axes = (
    <>
      <CartesianGrid vertical={false} className="chart-grid" />
      <XAxis dataKey="label" tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={8} className="chart-axis" />
      <YAxis tickFormatter={tickFor(currency)} tickLine={false} axisLine={false} width={52} className="chart-axis" />
    </>
  );
  return (
    <>
      <section className="report-card" aria-label="Aging by month">
        <header className="report-card-header">
          <h3>Aging by month-end · {currency}</h3>
          <ChartExport target={barsRef} name={`aging-by-month-${currency}`} />
        </header>
        <div ref={barsRef} className="chart-box" data-testid="aging-trend-bars">
          <BucketLegend labels={labels} />
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={data} margin={{ top: 6, right: 6, bottom: 0, left: 0 }} barCategoryGap="18%">
              {axes}
              <Tooltip content={<BucketTooltip labels={labels} read={trendRow(currency)} />} cursor={{ className: 'chart-cursor' }} isAnimationActive={false} />
              {AGING_BUCKETS.map((bucket, index) => (
                <Bar key={bucket} dataKey={(p: TrendPoint) => p.aging[bucket]} name={labels[bucket]} stackId="aging" className={`trend-bar bucket-${index}`}
                  isAnimationActive={false} onClick={(_, i) => drill(i, bucket)} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </section>
      <section className="report-card" aria-label="Aging buckets over time">
        <header className="report-card-header">
          <h3>Buckets over time · {currency}</h3>
          <ChartExport target={linesRef} name={`aging-buckets-${currency}`} />
        </header>
        <div ref={linesRef} className="chart-box" data-testid="aging-trend-lines">
          <BucketLegend labels={labels} />
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={data} margin={{ top: 6, right: 6, bottom: 0, left: 0 }} onClick={(state) => drillMonth(Number(state.activeTooltipIndex ?? -1))}>
              {axes}
              <Tooltip content={<BucketTooltip labels={labels} read={trendRow(currency)} />} isAnimationActive={false} />
              {AGING_BUCKETS.map((bucket, index) => (
                <Line key={bucket} type="monotone" dataKey={(p: TrendPoint) => p.aging[bucket]} name={labels[bucket]} className={`trend-line bucket-${index}`}
                  dot={false} strokeWidth={1.75} isAnimationActive={false} activeDot={{ r: 3, className: `trend-dot bucket-${index}` }} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </section>
    </>
  );
}
