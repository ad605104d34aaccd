import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BacktestPolicyResult } from '../../../../../shared/backtest';
import { formatDate } from '../../../lib/format';
import { themedTooltip } from '../chart-tooltip';

const KINDS = [
  { key: 'calls', label: 'Calls', className: 'work-calls' },
  { key: 'letters', label: 'Letters', className: 'work-letters' },
  { key: 'referrals', label: 'Referrals', className: 'work-referrals' },
] as const;

/** One policy's calls, letters and referrals per day, stacked; both policies share the scale (`max`) so their heights compare. */
export function WorkloadChart({ result, max }: { result: BacktestPolicyResult; max: number }) {
  return (
    <figure className="backtest-chart" data-testid="backtest-workload">
      <figcaption>
        {result.name}
        <span className="work-legend">
          {KINDS.map((kind) => <span key={kind.key}><i className={`${kind.className} swatch`} aria-hidden="true" /> {kind.label}</span>)}
        </span>
      </figcaption>
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={result.tasksPerDay} margin={{ top: 6, right: 6, bottom: 0, left: 0 }} barCategoryGap={0}>
          <CartesianGrid vertical={false} className="chart-grid" />
          <XAxis dataKey="date" tickFormatter={formatDate} tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={40} className="chart-axis" />
          <YAxis domain={[0, max]} ticks={[0, max / 4, max / 2, (3 * max) / 4, max]} allowDecimals={false} tickLine={false} axisLine={false} width={36} className="chart-axis" />
          <Tooltip {...themedTooltip} labelFormatter={(date) => (typeof date === 'string' ? formatDate(date) : '')} cursor={{ className: 'chart-cursor' }} isAnimationActive={false} />
          {KINDS.map((kind) => <Bar key={kind.key} dataKey={kind.key} name={kind.label} stackId="work" className={kind.className} isAnimationActive={false} />)}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
