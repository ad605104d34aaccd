import type { IsoDate } from './dates';

/**
 * What a customer has agreed to or contests, each with its state judged against payments today:
 * the customer page lists them (to cancel a promise or resolve a dispute), the invoice table marks
 * the invoices they cover, and the timeline shows when a promise was kept or broken.
 */
export type PromiseState = 'open' | 'kept' | 'partially_kept' | 'broken' | 'cancelled';
export type InstallmentState = 'paid' | 'upcoming' | 'due' | 'missed';

export interface PromiseView {
  id: number;
  currency: string;
  amountMinor: number;
  paidMinor: number;
  madeDate: IsoDate;
  promisedDate: IsoDate;
  graceDays: number;
  cancelledDate: IsoDate | null;
  state: PromiseState;
  /** The day the payments reached the amount (kept), or the day the grace period ended (broken, partially kept). */
  settledDate: IsoDate | null;
  invoiceIds: number[];
}

export interface InstallmentView {
  dueDate: IsoDate;
  amountMinor: number;
  paidMinor: number;
  state: InstallmentState;
}

export interface PlanView {
  id: number;
  label: string;
  currency: string;
  startDate: IsoDate;
  graceDays: number;
  cancelledDate: IsoDate | null;
  installments: InstallmentView[];
  invoiceIds: number[];
}

export interface DisputeView {
  id: number;
  reasonCode: string;
  owner: string | null;
  slaDays: number;
  openedDate: IsoDate;
  status: 'open' | 'resolved';
  resolvedDate: IsoDate | null;
  resolutionNote: string | null;
  note: string | null;
  invoiceIds: number[];
}

export interface DiscountView {
  id: number;
  currency: string;
  percentBp: number;
  payBy: IsoDate;
  offeredDate: IsoDate;
  /** What the customer saves: the percentage of the invoices' amounts, rounded half up to the minor unit. */
  savingMinor: number;
  /** Taken: every invoice paid by the date; expired: the date passed first; open: still running. */
  state: 'open' | 'taken' | 'expired';
  invoiceIds: number[];
}

export interface Commitments {
  promises: PromiseView[];
  plans: PlanView[];
  disputes: DisputeView[];
  discounts: DiscountView[];
}
