import type { IsoDate } from '../../../shared/dates';

/**
 * Normalized ledger records: what every importer (any preset or mapping), the sample generator and
 * later the live ERP connectors produce, and the one shape the ledger writer accepts.
 * `row` is the source row (1-based) so write-time problems can still point at the file.
 */
export interface CustomerRecord {
  row: number;
  externalId: string;
  name?: string;
  currency?: string;
  termsDays?: number;
  creditLimitMinor?: number;
  segment?: string;
  collector?: string;
  /** ISO 3166 alpha-2; the customer's emails default to its usual locale. */
  country?: string;
  contacts?: ContactRecord[];
}

export interface ContactRecord {
  name: string;
  email?: string;
  phone?: string;
  role: 'billing' | 'ap' | 'primary' | 'escalation';
  isPrimary: boolean;
}

export interface InvoiceRecord {
  row: number;
  externalId: string;
  number: string;
  customerExternalId: string;
  customerName?: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  currency: string;
  amountMinor: number;
  openMinor: number;
  /** A settled date from the export: creates a payment of amount − open applied on that date. */
  paidDate?: IsoDate;
  disputed: boolean;
  /** How it was sent, when the export says: electronic or paper (the risk model uses it). */
  billing?: 'electronic' | 'paper';
  /** Cancelled or voided in the ERP after it was issued: nothing is owed, and it is not "paid". */
  voided?: boolean;
  /** The ERP's own link to pay it online; kept when a later batch has none. */
  paymentUrl?: string;
  /** The ERP has registered a payment that has not cleared yet (Odoo's "in payment"): reminders stop. */
  inTransit?: boolean;
}

export interface CreditRecord {
  row: number;
  externalId: string;
  number: string;
  customerExternalId: string;
  customerName?: string;
  kind: 'credit_note' | 'unapplied_payment';
  date: IsoDate;
  currency: string;
  /** Positive: the credit's face value and what is still unapplied. */
  amountMinor: number;
  openMinor: number;
  /**
   * The credit may already be stored under an older name that started so (an import once named
   * unnumbered credits by their raw text): a credit of the same customer, kind, date and amount
   * stored under such a name is this one, and takes this id instead of a second row being added.
   */
  formerIdPrefix?: string;
}

export interface PaymentRecord {
  row: number;
  externalId: string;
  customerExternalId: string;
  customerName?: string;
  date: IsoDate;
  currency: string;
  amountMinor: number;
  /**
   * Invoice (by number, same source) the payment is applied to; the rest stays unapplied. When the
   * same batch states that invoice's balance, the payment is history already reflected in it;
   * otherwise it lowers the invoice's open balance.
   */
  invoiceNumber?: string;
  method?: string;
  reference?: string;
}

/**
 * A credit note applied to an invoice, as the ERP records it: dated history behind the two balances
 * the same batch states, never a change to them.
 */
export interface CreditApplicationRecord {
  /** The credit note, by external id (same source). */
  creditExternalId: string;
  /** The invoice, by number (same source), as a payment names it. */
  invoiceNumber: string;
  date: IsoDate;
  /** All of the credit note applied to the invoice so far, in the invoice's currency: a later batch restates it. */
  amountMinor: number;
}

export interface LedgerBatch {
  source: string;
  customers: CustomerRecord[];
  invoices: InvoiceRecord[];
  credits: CreditRecord[];
  payments: PaymentRecord[];
  /** Close open invoices of this source that the batch does not mention (complete open-items file). */
  snapshot: boolean;
  /** External ids of invoices the ERP deleted (its change feed sends only the id): closed, nothing owed. */
  deletedInvoiceIds?: string[];
  /** External ids of credits the ERP deleted: nothing left to apply. */
  deletedCreditIds?: string[];
  creditApplications?: CreditApplicationRecord[];
}

export function emptyBatch(source: string): LedgerBatch {
  return { source, customers: [], invoices: [], credits: [], payments: [], snapshot: false };
}
