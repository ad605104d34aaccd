import type { RiskSegment } from '../../../../shared/risk';
import { useCoreQuery } from '../../lib/core-query';
import './risk-summary.css';

export const SEGMENT_LABEL: Record<RiskSegment, string> = {
  reliable: 'Reliable',
  occasionally_late: 'Occasionally late',
  habitually_late: 'Habitually late',
  new: 'New',
};

/** Low under 25 %, high from 60 %: the same edges the core segments by. */
function level(pLate: number): 'low' | 'medium' | 'high' {
  return pLate < 0.25 ? 'low' : pLate < 0.6 ? 'medium' : 'high';
}

/**
 * The learned late-payment risk of a customer: `headline` is one line (the customer page's tile),
 * `full` adds its three reasons and any credit advice (the page's risk panel, the worklist pane).
 */
export function RiskSummary({ customerId, variant = 'full' }: { customerId: number; variant?: 'headline' | 'full' }) {
  const risk = useCoreQuery('risk.customer', { customerId }).data;
  if (risk === undefined) return null;
  if (risk === null) return variant === 'headline' ? <span className="muted">Not scored yet</span> : null;
  const headline = (
    <div className="risk-headline">
      <span className={`risk-dot ${level(risk.pLate)}`} aria-hidden="true" />
      <strong>{Math.round(risk.pLate * 100)}% likely late</strong>
      <span className="muted">
        {SEGMENT_LABEL[risk.segment]}
        {risk.expectedDaysLate >= 1 ? ` · ~${Math.round(risk.expectedDaysLate)}d late expected` : ''}
      </span>
    </div>
  );
  if (variant === 'headline') {
    return (
      <div className="risk-summary headline" data-testid="customer-risk-headline" title={risk.reasons.join('; ')}>
        <div className="risk-headline">
          <span className={`risk-dot ${level(risk.pLate)}`} aria-hidden="true" />
          <strong>{Math.round(risk.pLate * 100)}% likely late</strong>
        </div>
        <div className="tile-note muted">{SEGMENT_LABEL[risk.segment]}</div>
      </div>
    );
  }
  return (
    <div className="risk-summary" data-testid="customer-risk">
      {headline}
      <ul className="risk-reasons" aria-label="Why">
        {risk.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {risk.advice.length > 0 && (
        <ul className="risk-advice" aria-label="Credit advice">
          {risk.advice.map((advice) => (
            <li key={advice.code}>{advice.text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
