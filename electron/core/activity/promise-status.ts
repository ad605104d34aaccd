import { addDays, type IsoDate } from '../../../shared/dates';

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

export type PromiseState = 'open' | 'kept' | 'partially_kept' | 'broken' | 'cancelled';

/**
 * A promise is judged by the customer's payments in its currency from the day it was made up to
 * the promised date plus grace days: paid in full → kept (even early); the window still open → open;
 * otherwise partially kept or broken. Payments made before the promise never count towards it.
 */
export function promiseStatus(promise: PromiseTerms, payments: readonly PaymentFact[], today: IsoDate): { state: PromiseState; paidMinor: number } {
  const deadline = addDays(promise.promisedDate, promise.graceDays);
  const paidMinor = payments
    .filter((p) => p.currency === promise.currency && p.date >= promise.madeDate && p.date <= deadline && p.date <= today)
    .reduce((sum, p) => sum + p.amountMinor, 0);
  if (promise.cancelledDate !== null && promise.cancelledDate <= today) return { state: 'cancelled', paidMinor };
  if (paidMinor >= promise.amountMinor) return { state: 'kept', paidMinor };
  if (today <= deadline) return { state: 'open', paidMinor };
  return { state: paidMinor > 0 ? 'partially_kept' : 'broken', paidMinor };
}
