import type { ScoreFactor } from '../../../../shared/worklist';

const LABELS: Record<ScoreFactor['key'], string> = {
  replied: 'Replied, not yet handled',
  overdue_amount: 'Overdue amount',
  oldest_age: 'Oldest invoice age',
  weighted_age: 'Average age of overdue',
  promise: 'Promise',
  installment: 'Plan installment missed',
  dispute: 'Dispute past SLA',
  last_touch: 'Time since last touch',
  escalation: 'Escalation step due',
  risk: 'Risk of paying late',
  value: 'Customer value',
};

/** Each factor's points, largest first: the ranking explains itself. */
export function ScoreBreakdown({ factors, score }: { factors: ScoreFactor[]; score: number }) {
  return (
    <table className="score-breakdown" aria-label="Score breakdown">
      <tbody>
        {factors.map((factor) => (
          <tr key={factor.key}>
            <th scope="row">{LABELS[factor.key]}</th>
            <td className="numeric">{factor.points.toFixed(1)}</td>
          </tr>
        ))}
        <tr className="score-total">
          <th scope="row">Score</th>
          <td className="numeric">{score.toFixed(1)}</td>
        </tr>
      </tbody>
    </table>
  );
}
