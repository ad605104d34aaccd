import { CHARGE_REF_PREFIX } from '../../../shared/charges';
import type { LedgerBatch } from '../ledger/records';

/** Whether an ERP key (Odoo's ref, QuickBooks' DocNumber or private note) marks a charges invoice Inflow created. */
export const isChargeRef = (value: unknown): boolean => typeof value === 'string' && value.trim().startsWith(CHARGE_REF_PREFIX);

/**
 * The batch without the charges invoices Inflow pushed (`numbers`: their numbers in it) and without the
 * payments and credit applications that settle them. The ledger holds principal only: late-payment
 * charges are computed from it (charges/), and the invoice that bills them in the ERP, synced back,
 * would otherwise be aged, counted in DSO and charged interest itself as if it were principal.
 */
export function withoutChargeInvoices(batch: LedgerBatch, numbers: ReadonlySet<string>): LedgerBatch {
  if (numbers.size === 0) return batch;
  const settlesCharges = (record: { invoiceNumber?: string | undefined }) => record.invoiceNumber !== undefined && numbers.has(record.invoiceNumber);
  return {
    ...batch,
    invoices: batch.invoices.filter((invoice) => !numbers.has(invoice.number)),
    payments: batch.payments.filter((payment) => !settlesCharges(payment)),
    ...(batch.creditApplications ? { creditApplications: batch.creditApplications.filter((application) => !settlesCharges(application)) } : {}),
  };
}
