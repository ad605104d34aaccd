import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { DrilldownBucket } from '../../../../shared/analytics';
import { agingBucketLabels } from '../../../../shared/aging';
import { useAppStatus } from '../../app/use-app-status';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCoreQuery } from '../../lib/core-query';
import { AgingTrendCharts } from './AgingTrendCharts';
import { AttributionTable } from './AttributionTable';
import type { Drill } from './drill';
import { DrilldownPanel } from './DrilldownPanel';
import { KpiTiles } from './KpiTiles';
import { CashForecastChart } from './risk/CashForecastChart';
import { RiskDistributionChart } from './risk/RiskDistributionChart';
import { kpiMonths, pointsOf, trendCurrencies } from './trend-rows';
import './performance.css';

interface Props {
  asOf: string;
  toolbar(extra: ReactNode): ReactNode;
}

/** Reports → Trends: KPI tiles with twelve-month sparklines, the month-end aging trend and what made customers pay. */
export function PerformanceView({ asOf, toolbar }: Props) {
  const trend = useCoreQuery('analytics.trend', { asOf, months: 24 });
  const attribution = useCoreQuery('analytics.attribution', { to: asOf });
  const baseCurrency = useAppStatus().data?.baseCurrency ?? 'USD';
  const [chosen, setChosen] = useState<string | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const close = useCallback(() => setDrill(null), []);
  const currencies = useMemo(() => (trend.data ? trendCurrencies(trend.data, baseCurrency) : []), [trend.data, baseCurrency]);
  const currency = chosen !== null && currencies.includes(chosen) ? chosen : currencies[0];
  const points = useMemo(() => (trend.data && currency ? pointsOf(trend.data, currency) : []), [trend.data, currency]);
  const labels = useMemo(() => agingBucketLabels(trend.data?.edges ?? [30, 60, 90, 120]), [trend.data]);

  const picker = currencies.length > 1 && currency && (
    <label className="field inline">
      <span>Currency</span>
      <select className="input" value={currency} onChange={(event) => setChosen(event.target.value)} data-testid="report-currency">
        {currencies.map((c) => <option key={c}>{c}</option>)}
      </select>
    </label>
  );
  if (trend.error) return <>{toolbar(null)}<ErrorNotice error={trend.error} title="The trends could not be computed." onRetry={trend.reload} /></>;
  if (!trend.data) return <>{toolbar(<span className="muted" role="status">Computing month-end balances…</span>)}</>;
  if (!currency) {
    return (
      <>
        {toolbar(null)}
        <EmptyState title="No history to chart yet">
          <p>Trends are computed from the invoices and payments imported so far. Import your ERP’s invoices and payments to see them.</p>
        </EmptyState>
      </>
    );
  }
  const onDrill = (asOfDate: string, bucket: DrilldownBucket, title: string) =>
    setDrill({ kind: 'invoices', title: `${title} · ${currency}`, query: { by: 'aging', asOf: asOfDate, currency, bucket } });
  return (
    <div className={`screen-scroll${drill ? ' with-drill' : ''}`}>
      {toolbar(picker)}
      <KpiTiles months={kpiMonths(points, 12)} onDrill={onDrill} />
      <div className="report-grid">
        <AgingTrendCharts points={points} currency={currency} labels={labels} onDrill={onDrill} />
        <RiskDistributionChart onDrill={setDrill} />
        <CashForecastChart asOf={asOf} onDrill={setDrill} />
      </div>
      {attribution.error && <ErrorNotice error={attribution.error} title="What made them pay could not be computed." onRetry={attribution.reload} />}
      {attribution.data && <AttributionTable report={attribution.data} currency={currency} onDrill={setDrill} />}
      {drill && <DrilldownPanel drill={drill} onClose={close} />}
    </div>
  );
}
