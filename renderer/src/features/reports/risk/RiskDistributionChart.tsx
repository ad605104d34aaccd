import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { RISK_SEGMENTS } from '../../../../../shared/risk';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { formatCount } from '../../../lib/format';
import { useApi } from '../../../lib/use-api';
import { SEGMENT_LABEL } from '../../customers/RiskSummary';
import './risk-charts.css';

/** How many customers sit at each chance of paying late (tenths), with the count per risk segment. */
export function RiskDistributionChart() {
  const distribution = useApi('risk.distribution', {});
  if (distribution.error) return <ErrorNotice error={distribution.error} title="The risk distribution could not be read." onRetry={distribution.reload} />;
  const data = distribution.data;
  if (!data) return null;
  const rows = data.bins.map((bin) => ({ label: `${Math.round(bin.from * 100)}–${Math.round(bin.to * 100)}%`, customers: bin.customers }));
  return (
    <section className="tile risk-chart" data-testid="risk-distribution-chart" aria-label="Customers by risk of paying late">
      <div className="tile-label">Customers by chance of paying late</div>
      <ul className="chart-legend" aria-label="Risk segments">
        {RISK_SEGMENTS.map((segment) => <li key={segment}>{SEGMENT_LABEL[segment]} {formatCount(data.segments[segment])}</li>)}
      </ul>
      <ResponsiveContainer width="100%" height={160}>
        <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
          <XAxis dataKey="label" fontSize={10} interval={1} />
          <YAxis allowDecimals={false} fontSize={10} />
          <Tooltip isAnimationActive={false} formatter={(value) => [formatCount(Number(value)), 'customers']} />
          <Bar dataKey="customers" className="risk-bar" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </section>
  );
}
