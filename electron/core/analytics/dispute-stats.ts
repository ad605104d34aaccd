import { daysBetween, type IsoDate } from '../../../shared/dates';
import { median } from '../risk/median';

export interface DisputeFact {
  openedDate: IsoDate;
  resolvedDate: IsoDate | null;
  slaDays: number;
}

export interface DisputeStats {
  /** Disputes opened in [from, to]. */
  opened: number;
  /** Disputes open at the end of `to` (opened ≤ to, not resolved by then). */
  openAtEnd: number;
  /** Median of (resolved − opened) days over disputes resolved in [from, to]. */
  medianResolutionDays: number | null;
  /**
   * Of the disputes opened in [from, to], the share (× 100) that took longer than their SLA:
   * resolved more than SLA days after opening, or still open at `to` with the SLA passed.
   */
  pastSlaPct: number | null;
}

export function disputeStats(disputes: readonly DisputeFact[], from: IsoDate, to: IsoDate): DisputeStats {
  const resolutionDays: number[] = [];
  let opened = 0;
  let openAtEnd = 0;
  let pastSla = 0;
  for (const d of disputes) {
    const resolvedBy = d.resolvedDate !== null && d.resolvedDate <= to ? d.resolvedDate : null;
    if (d.openedDate <= to && resolvedBy === null) openAtEnd += 1;
    if (resolvedBy !== null && resolvedBy >= from) resolutionDays.push(daysBetween(d.openedDate, resolvedBy));
    if (d.openedDate < from || d.openedDate > to) continue;
    opened += 1;
    if (daysBetween(d.openedDate, resolvedBy ?? to) > d.slaDays) pastSla += 1;
  }
  return { opened, openAtEnd, medianResolutionDays: median(resolutionDays), pastSlaPct: opened === 0 ? null : (pastSla / opened) * 100 };
}
