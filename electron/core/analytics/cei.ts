import type { PeriodAr } from './dso';
import { ratio } from './ratio';

/**
 * Collection Effectiveness Index =
 *   (AR(from − 1) + sales − AR(to)) ÷ (AR(from − 1) + sales − current AR(to)) × 100,
 * with sales = the period's total invoiced (every sale counted as a credit sale): what was collected
 * over what could have been collected. Null when nothing was collectable.
 */
export function collectionEffectivenessIndex(p: PeriodAr): number | null {
  const r = ratio(p.beginningAr + p.sales - p.endingAr, p.beginningAr + p.sales - p.currentAr);
  return r === null ? null : r * 100;
}
