import type { IsoDate } from '../../../shared/dates';
import type { PaymentFact, PromiseTerms } from '../activity/promise-status';

/** One invoice of a customer's ledger as the risk model sees it, with every dated change of its balance. */
export interface PastInvoice {
  id: number;
  customerId: number;
  issueDate: IsoDate;
  dueDate: IsoDate;
  currency: string;
  amountMinor: number;
  /** Today's balance; with `allocations` it gives the balance on any earlier day. */
  openMinor: number;
  /** The day it was paid in full (null while open, and for invoices closed without payment). */
  paidDate: IsoDate | null;
  /** Flagged disputed by the ERP (undated: counted only once the invoice was paid, when it was surely known). */
  disputed: boolean;
  /** How it was sent, when the ERP said; known on the issue date. */
  billing: 'electronic' | 'paper' | null;
  allocations: { date: IsoDate; amountMinor: number }[];
}

/** Everything dated the model may learn from for one customer; features only ever look before a date. */
export interface CustomerHistory {
  customerId: number;
  /** Sorted by issue date, then id. */
  invoices: PastInvoice[];
  disputeDates: IsoDate[];
  promises: PromiseTerms[];
  /** What judges its promises; empty for a customer who never made one. */
  payments: PaymentFact[];
}

/**
 * Late means paid after the due date: paid date > due date + LATE_GRACE_DAYS. No grace by default,
 * the contractual reading; a team that tolerates a few days of bank float can raise it here.
 */
export const LATE_GRACE_DAYS = 0;

export function balanceBefore(invoice: PastInvoice, date: IsoDate): number {
  // Allocations applied on the day or later had not happened yet the day before.
  return invoice.openMinor + invoice.allocations.reduce((sum, a) => (a.date >= date ? sum + a.amountMinor : sum), 0);
}
