import { useRef, useState } from 'react';
import { Area, Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ForecastWeek } from '../../../../../shared/risk';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { formatAmount, formatDate } from '../../../lib/format';
import { useCoreQuery } from '../../../lib/core-query';
import { tickFor } from '../chart-ticks';
import { themedTooltip } from '../chart-tooltip';
import type { Drill } from '../drill';
import { ChartExport, TableExport } from '../ExportButtons';
import type { ExportColumn } from '../export-table';
import './risk-charts.css';

/** One week of the chart: the run's forecast and band, and what came in once the week has ended (compared runs only). */
interface WeekRow extends ForecastWeek {
  currency: string;
  actualMinor: number | null;
  errorMinor: number | null;
}

const EXPORT: ExportColumn<WeekRow>[] = [
  { header: 'Week from', kind: 'date', value: (r) => r.weekStart },
  { header: 'Week to', kind: 'date', value: (r) => r.weekEnd },
  { header: 'Currency', kind: 'text', value: (r) => r.currency },
  { header: 'Expected', kind: 'money', currencyColumn: 2, value: (r) => r.expectedMinor },
  { header: 'Low', kind: 'money', currencyColumn: 2, value: (r) => r.lowMinor },
  { header: 'High', kind: 'money', currencyColumn: 2, value: (r) => r.highMinor },
  { header: 'Came in', kind: 'money', currencyColumn: 2, value: (r) => r.actualMinor },
  { header: 'Error (came in − expected)', kind: 'money', currencyColumn: 2, value: (r) => r.errorMinor },
];

const NOW = 'now';

/**
 * Expected collections per week for the 13 weeks after the as-of date, with the band between the
 * early and late timings, one currency at a time (amounts in different currencies never add up).
 * Each view is a run the core stores; picking an earlier run shows it against what came in for
 * its weeks that have ended. A week lists the invoices expected in it.
 */
export function CashForecastChart({ asOf, onDrill }: { asOf: string; onDrill(drill: Drill): void }) {
  const forecast = useCoreQuery('forecast.run', { asOf });
  const runs = useCoreQuery('forecast.runs', {});
  const [picked, setPicked] = useState<string | null>(null);
  const [view, setView] = useState<string>(NOW);
  const earlier = (runs.data ?? []).filter((r) => r.asOf < asOf);
  const compared = earlier.find((r) => String(r.runId) === view);
  const comparison = useCoreQuery('forecast.compare', compared ? { runId: compared.runId } : null);
  const box = useRef<HTMLDivElement>(null);
  if (forecast.error) return <ErrorNotice error={forecast.error} title="The cash forecast could not be made." onRetry={forecast.reload} />;
  const data = forecast.data;
  if (!data || data.currencies.length === 0) return null;
  const largest = [...data.currencies].sort((a, b) => b.openMinor - a.openMinor)[0]!;
  const shown = data.currencies.find((c) => c.currency === picked) ?? largest;
  const currency = shown.currency;
  const runAsOf = compared ? compared.asOf : data.asOf;
  const weeks: WeekRow[] = compared
    ? (comparison.data?.runId === compared.runId ? comparison.data.rows.filter((r) => r.currency === currency) : []).map((r) => ({ ...r }))
    : shown.weeks.map((w) => ({ ...w, currency, actualMinor: null, errorMinor: null }));
  // Chart geometry only: the figures people read come from the integer minor units via formatAmount.
  const rows = weeks.map((w) => ({ ...w, week: formatDate(w.weekStart), band: [w.lowMinor, w.highMinor] }));
  const drill = (index: number) => {
    const week = weeks[index];
    if (week) onDrill({ kind: 'invoices', amount: 'Expected', title: `Expected ${formatDate(week.weekStart)} – ${formatDate(week.weekEnd)} · ${currency}`, query: { by: 'forecast', asOf: runAsOf, currency, weekStart: week.weekStart } });
  };
  const ended = weeks.filter((w) => w.actualMinor !== null);
  return (
    <section className="report-card forecast-card" data-testid="cash-forecast-chart" aria-label="Cash forecast">
      <header className="report-card-header">
        <h3 title={compared ? 'Forecast against what came in' : 'Expected collections, next 13 weeks'}>{compared ? 'Forecast vs actual' : 'Expected collections, 13 weeks'} · {currency}</h3>
        {data.currencies.length > 1 && (
          <select className="input small" aria-label="Forecast currency" value={currency} onChange={(event) => setPicked(event.target.value)}>
            {data.currencies.map((c) => <option key={c.currency} value={c.currency}>{c.currency}</option>)}
          </select>
        )}
        {earlier.length > 0 && (
          <select className="input small" aria-label="Forecast run" value={compared ? view : NOW} onChange={(event) => setView(event.target.value)} data-testid="forecast-run">
            <option value={NOW}>From {formatDate(data.asOf)}</option>
            {earlier.map((r) => <option key={r.runId} value={String(r.runId)}>Run of {formatDate(r.asOf)}</option>)}
          </select>
        )}
        <TableExport name={`cash-forecast-${currency}-${runAsOf}`} columns={EXPORT} rows={weeks} />
        <ChartExport target={box} name={`cash-forecast-${currency}-${runAsOf}`} />
      </header>
      <div ref={box} className="chart-box" data-testid="cash-forecast-plot">
        <ResponsiveContainer width="100%" height={210}>
          <ComposedChart data={rows} margin={{ top: 6, right: 6, bottom: 0, left: 0 }} onClick={(state) => drill(Number(state.activeTooltipIndex ?? -1))}>
            <CartesianGrid vertical={false} className="chart-grid" />
            <XAxis dataKey="week" tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={12} className="chart-axis" />
            <YAxis tickFormatter={tickFor(currency)} tickLine={false} axisLine={false} width={52} className="chart-axis" />
            <Tooltip
              {...themedTooltip}
              isAnimationActive={false}
              formatter={(_value, name, item) => {
                const week = (item as { payload: WeekRow }).payload;
                if (name === 'band') return [`${formatAmount(week.lowMinor, currency)} – ${formatAmount(week.highMinor, currency)}`, 'Range'];
                if (name === 'actualMinor') return [week.actualMinor === null ? '—' : formatAmount(week.actualMinor, currency), 'Came in'];
                return [formatAmount(week.expectedMinor, currency), 'Expected'];
              }}
            />
            {/* A range area: filled between each week's low and high only (dataKey gives [low, high]). */}
            <Area dataKey="band" type="linear" className="forecast-band" stroke="none" isAnimationActive={false} />
            {compared && <Bar dataKey="actualMinor" className="forecast-actual" barSize={14} isAnimationActive={false} />}
            <Line dataKey="expectedMinor" className="forecast-line" dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <div className="muted risk-chart-foot">
        {compared
          ? `Run of ${formatDate(compared.asOf)}: ${ended.length} of ${weeks.length} weeks ended · expected ${formatAmount(ended.reduce((s, w) => s + w.expectedMinor, 0), currency)}, came in ${formatAmount(ended.reduce((s, w) => s + w.actualMinor!, 0), currency)}`
          : <>
              Open invoices {formatAmount(shown.openMinor, currency)}
              {shown.creditsMinor !== 0 && <> · unapplied credits {formatAmount(shown.creditsMinor, currency)} (never collected) · open balance {formatAmount(shown.openMinor + shown.creditsMinor, currency)}</>}
              {' '}· expected after 13 weeks {formatAmount(shown.beyondMinor, currency)} · risk model of {formatDate(data.model.asOf)}
            </>}
      </div>
    </section>
  );
}
