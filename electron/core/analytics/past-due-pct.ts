import type { PeriodAr } from './dso';
import { ratio } from './ratio';

/** % of AR past due = (AR(to) − current AR) ÷ AR(to) × 100. Null when nothing is owed. */
export function pastDuePct(p: Pick<PeriodAr, 'endingAr' | 'currentAr'>): number | null {
  const r = ratio(p.endingAr - p.currentAr, p.endingAr);
  return r === null ? null : r * 100;
}
