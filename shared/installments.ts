import { addDays, addMonths, type IsoDate } from './dates';

export const INSTALLMENT_INTERVALS = ['weekly', 'fortnightly', 'monthly'] as const;
export type InstallmentInterval = (typeof INSTALLMENT_INTERVALS)[number];

/**
 * Splits a total into `count` installments from `firstDate`, in whole minor units: every installment
 * gets the same share and the last takes the remainder, so they always add up to the total exactly.
 */
export function splitInstallments(
  totalMinor: number,
  count: number,
  firstDate: IsoDate,
  every: InstallmentInterval,
): { dueDate: IsoDate; amountMinor: number }[] {
  if (!Number.isInteger(totalMinor) || totalMinor <= 0) throw new RangeError('The total must be a positive whole number of minor units.');
  if (!Number.isInteger(count) || count < 1 || count > 120) throw new RangeError('Between 1 and 120 installments.');
  if (count > totalMinor) throw new RangeError('More installments than the total has minor units.');
  const share = Math.floor(totalMinor / count);
  return Array.from({ length: count }, (_, index) => ({
    dueDate: every === 'monthly' ? addMonths(firstDate, index) : addDays(firstDate, index * (every === 'weekly' ? 7 : 14)),
    amountMinor: index === count - 1 ? totalMinor - share * (count - 1) : share,
  }));
}
