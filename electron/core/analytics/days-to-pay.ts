import { daysBetween, type IsoDate } from '../../../shared/dates';

export interface PaidInvoice {
  issueDate: IsoDate;
  dueDate: IsoDate;
  /** The day the invoice's balance reached zero. */
  paidDate: IsoDate;
}

export interface PaidInvoiceStats {
  paidInvoices: number;
  /** Mean of (paid date − issue date) over paid invoices, unweighted. */
  avgDaysToPay: number | null;
  /** Mean of max(0, paid date − due date): an early payment counts as 0 days late, not as negative. */
  avgDaysLate: number | null;
}

export function paidInvoiceStats(invoices: readonly PaidInvoice[]): PaidInvoiceStats {
  if (invoices.length === 0) return { paidInvoices: 0, avgDaysToPay: null, avgDaysLate: null };
  let toPay = 0;
  let late = 0;
  for (const invoice of invoices) {
    toPay += daysBetween(invoice.issueDate, invoice.paidDate);
    late += Math.max(0, daysBetween(invoice.dueDate, invoice.paidDate));
  }
  return { paidInvoices: invoices.length, avgDaysToPay: toPay / invoices.length, avgDaysLate: late / invoices.length };
}
