import type { KpiFigures } from '../../../shared/analytics';
import { collectionEffectivenessIndex } from './cei';
import { countbackDso, type MonthSales } from './countback-dso';
import { averageDaysDelinquent, bestPossibleDso, dsoSimple, type PeriodAr } from './dso';
import { pastDuePct } from './past-due-pct';

/** Every DSO-family figure of one period and currency; countback walks `monthsNewestFirst`. */
export function periodKpis(ar: PeriodAr, monthsNewestFirst: readonly MonthSales[]): KpiFigures {
  return {
    dsoSimple: dsoSimple(ar),
    dsoCountback: countbackDso(ar.endingAr, monthsNewestFirst),
    bestPossibleDso: bestPossibleDso(ar),
    add: averageDaysDelinquent(ar),
    cei: collectionEffectivenessIndex(ar),
    pastDuePct: pastDuePct(ar),
  };
}
