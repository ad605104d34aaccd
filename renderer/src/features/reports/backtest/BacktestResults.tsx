import type { BacktestReport, DsoEffect } from '../../../../../shared/backtest';
import { CHANNELS, offsetLabel } from '../../outreach/ladder-labels';
import { formatCount, formatDate } from '../../../lib/format';
import { comparisonRows, type stepNames } from './backtest-rows';
import { WorkloadChart } from './WorkloadChart';

const days = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' });
const difference = new Intl.NumberFormat(undefined, { signDisplay: 'exceptZero' });

/** "−1.4 days (−2.1 to −0.6)": the estimate with its band, never written as a measured figure. */
function effectText(effect: DsoEffect): string {
  return `${days.format(effect.days)} days (${days.format(effect.low)} to ${days.format(effect.high)})`;
}

interface Props {
  report: BacktestReport;
  names: ReturnType<typeof stepNames>;
}

/**
 * The policies side by side, with the second's difference from the first: messages by step, the
 * work they make, what they missed or wasted, the guard's check, and the DSO estimate with its assumption.
 */
export function BacktestResults({ report, names }: Props) {
  const { policies } = report;
  const rows = comparisonRows(policies, names, CHANNELS, offsetLabel);
  const compared = policies.length > 1;
  // Both charts on one scale, rounded up to a number the axis can split evenly.
  const busiest = Math.ceil(Math.max(...policies.flatMap((p) => p.tasksPerDay.map((d) => d.calls + d.letters + d.referrals)), 4) / 4) * 4;
  const diff = (values: readonly number[]): string => (compared ? difference.format(values[1]! - values[0]!) : '');
  return (
    <>
      <section className="report-card" aria-label="Backtest results" data-testid="backtest-results">
        <header className="report-card-header">
          <h3>Replayed {formatDate(report.from)} to {formatDate(report.to)}</h3>
          <span className="muted">on the book as it stood each day · nothing was sent</span>
        </header>
        <table className="backtest-table">
          <thead>
            <tr>
              <th scope="col">Each policy would have made</th>
              {policies.map((p, index) => <th key={index} scope="col" className="num">{p.name}</th>)}
              {compared && <th scope="col" className="num">Difference</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={row.detail ? 'detail' : undefined}>
                <th scope="row">{row.label}</th>
                {row.values.map((value, index) => <td key={index} className="num">{formatCount(value)}</td>)}
                {compared && <td className="num">{diff(row.values)}</td>}
              </tr>
            ))}
            <tr>
              <th scope="row">Touches of a customer with an open dispute or a promise being kept (must be 0)</th>
              {policies.map((p, index) => (
                <td key={index} className="num" data-testid="backtest-blocked">
                  {p.blockedTouches === 0 ? <span className="ok-ink">✓ none</span> : <span className="danger-ink">✗ {formatCount(p.blockedTouches)}</span>}
                </td>
              ))}
              {compared && <td className="num">{diff(policies.map((p) => p.blockedTouches))}</td>}
            </tr>
            <tr className="estimate">
              <th scope="row">Expected effect on DSO (an estimate, with its band)</th>
              {policies.map((p, index) => <td key={index} className="num">{effectText(p.dsoEffect)}</td>)}
              {compared && <td className="num">{days.format(policies[1]!.dsoEffect.days - policies[0]!.dsoEffect.days)} days</td>}
            </tr>
          </tbody>
        </table>
        <div className="backtest-assumptions">
          {policies.map((p, index) => (
            <p key={index}><strong>How the DSO effect of {p.name} is estimated:</strong> {p.dsoEffect.assumption}</p>
          ))}
        </div>
      </section>
      <section className="report-card" aria-label="Workload per day">
        <header className="report-card-header">
          <h3>Work for people, day by day</h3>
          <span className="muted">calls to make, letters to post and agency referrals the ladder would have asked for</span>
        </header>
        <div className={compared ? 'backtest-charts two' : 'backtest-charts'}>
          {policies.map((p, index) => <WorkloadChart key={index} result={p} max={busiest} />)}
        </div>
      </section>
    </>
  );
}
