import type { RiskSegment } from '../../../shared/risk';
import type { RiskFacts } from './risk-features';

/** Fewer paid invoices than this and the history says too little: the customer is "new". */
export const NEW_BELOW_PAID = 3;
export const RELIABLE_BELOW = 0.25;
export const HABITUAL_FROM = 0.6;

/** The customer's risk segment from its P(late) and what is known of it today. */
export function riskSegment(pLate: number, today: RiskFacts): RiskSegment {
  if (today.settled < NEW_BELOW_PAID) return 'new';
  if (pLate < RELIABLE_BELOW) return 'reliable';
  return pLate < HABITUAL_FROM ? 'occasionally_late' : 'habitually_late';
}
