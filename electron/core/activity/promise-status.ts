import { addDays, type IsoDate } from '../../../shared/dates';
import type { PromiseState } from '../../../shared/commitments';

export interface PromiseTerms {
  currency: string;
  amountMinor: number;
  madeDate: IsoDate;
  promisedDate: IsoDate;
  graceDays: number;
  cancelledDate: IsoDate | null;
}

export interface PaymentFact {
  date: IsoDate;
  currency: string;
  amountMinor: number;
}

export interface PromiseStatus {
  state: PromiseState;
  paidMinor: number;
  /** When it was decided: the payment that completed it (kept) or the end of grace (broken, partially kept). */
  settledDate: IsoDate | null;
}

/**
 * A promise is judged by the customer's payments in its currency from the day it was made up to
 * the promised date plus grace days: paid in full → kept (even early); the window still open → open;
 * otherwise partially kept or broken. Payments made before the promise never count towards it.
 */
export function promiseStatus(promise: PromiseTerms, payments: readonly PaymentFact[], today: IsoDate): PromiseStatus {
  const deadline = addDays(promise.promisedDate, promise.graceDays);
  const counted = payments
    .filter((p) => p.currency === promise.currency && p.date >= promise.madeDate && p.date <= deadline && p.date <= today)
    .sort((a, b) => a.date.localeCompare(b.date));
  let paidMinor = 0;
  let keptDate: IsoDate | null = null;
  for (const payment of counted) {
    paidMinor += payment.amountMinor;
    if (keptDate === null && paidMinor >= promise.amountMinor) keptDate = payment.date;
  }
  if (promise.cancelledDate !== null && promise.cancelledDate <= today) return { state: 'cancelled', paidMinor, settledDate: promise.cancelledDate };
  if (keptDate !== null) return { state: 'kept', paidMinor, settledDate: keptDate };
  if (today <= deadline) return { state: 'open', paidMinor, settledDate: null };
  return { state: paidMinor > 0 ? 'partially_kept' : 'broken', paidMinor, settledDate: addDays(deadline, 1) };
}
