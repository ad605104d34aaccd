import { ratio } from './ratio';

/**
 * The period's receivables facts every DSO-family figure is computed from, in one currency's minor
 * units. AR(d) is the "as of" aging total on d (invoices issued ≤ d less what was applied ≤ d,
 * unapplied credits negative), so these figures always agree with the aging report.
 */
export interface PeriodAr {
  /** AR(from − 1). */
  beginningAr: number;
  /** AR(to). */
  endingAr: number;
  /** The part of AR(to) not yet past due (due date ≥ to): the aging's "current" bucket. */
  currentAr: number;
  /** Invoice amounts issued in [from, to]: all sales are treated as credit sales. */
  sales: number;
  /** to − from + 1. */
  days: number;
}

/** DSO (simple) = AR(to) ÷ sales × days. */
export function dsoSimple(p: PeriodAr): number | null {
  const r = ratio(p.endingAr, p.sales);
  return r === null ? null : r * p.days;
}

/** Best Possible DSO = current AR ÷ sales × days: the DSO if nothing were past due. */
export function bestPossibleDso(p: PeriodAr): number | null {
  const r = ratio(p.currentAr, p.sales);
  return r === null ? null : r * p.days;
}

/** Average Days Delinquent = DSO (simple) − Best Possible DSO. */
export function averageDaysDelinquent(p: PeriodAr): number | null {
  const dso = dsoSimple(p);
  const best = bestPossibleDso(p);
  return dso === null || best === null ? null : dso - best;
}
