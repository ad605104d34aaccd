import type { CreditRecord, InvoiceRecord } from '../ledger/records';
import type { RowReader } from './row-reader';

export type InvoiceRowResult = { type: 'invoice'; record: InvoiceRecord } | { type: 'credit'; record: CreditRecord } | { type: 'skip' } | null;

/** Which side of the ledger a row is, as the export says it; null when the export does not say. */
export type RowSide = 'invoice' | 'credit' | 'skip' | null;

/**
 * Reads one invoice-kind row. A negative amount (or a row the dialect calls a credit) becomes an
 * unapplied credit against the customer, which is how aging reports count credit memos.
 * A blank open balance means "not stated" (the full amount, or zero when a paid date is given), never 0 by accident.
 */
export interface InvoiceRowOptions {
  side: RowSide;
  /** Customer of a report grouped by customer (QuickBooks "Open Invoices"), for rows without one. */
  customerFallback?: string;
  /** The export says the invoice is settled (Odoo's payment state) though it has no balance column. */
  settled?: boolean;
  /** Stands in for the number of a row that has none (QuickBooks' unapplied payments). */
  numberFallback?: string | undefined;
}

export function readInvoiceRow(r: RowReader, { side, customerFallback, settled, numberFallback }: InvoiceRowOptions): InvoiceRowResult {
  if (side === 'skip') return { type: 'skip' };
  const number = numberFallback ?? r.required('invoiceNumber');
  const customer = r.text('customerId') || customerFallback || '';
  if (customer === '') r.fail('customerId', 'required value is empty (no customer on this row)');
  const issueDate = r.date('issueDate', true);
  const dueDate = r.date('dueDate', false);
  const paidDate = r.has('paidDate') ? r.date('paidDate', false) : undefined;
  const currency = r.currency();
  const disputed = r.has('disputed') ? r.flag('disputed') : false;
  const billing = r.has('billing') ? r.billing('billing') : undefined;
  if (currency === null) return null;
  const open = r.amount('openBalance', currency, false);
  // QuickBooks' Open Invoices report may carry no Amount column: the open balance is all it states.
  const amount = r.has('amount') ? r.amount('amount', currency, true) : open;
  if (amount === undefined && !r.has('amount')) r.fail('openBalance', 'required amount is empty');
  if (
    number === null ||
    customer === '' ||
    !issueDate ||
    dueDate === null ||
    paidDate === null ||
    disputed === null ||
    billing === null ||
    amount == null ||
    open === null
  ) {
    return null;
  }
  const isCredit = side === 'credit' || (side === null && amount < 0);
  // Credits are aged from their own date; only invoices need a due date.
  if (!isCredit && dueDate === undefined) return r.fail('dueDate', 'required date is empty');
  if (dueDate !== undefined && dueDate < issueDate) return r.fail('dueDate', `due date is before the issue date ${issueDate}`);
  const face = Math.abs(amount);
  const stated = open === undefined ? (paidDate || settled ? 0 : amount) : open;
  // Exports sign credits either way ("-50.00" or "50.00" with a credit type); a balance opposite to the amount is an error.
  if (stated !== 0 && Math.sign(stated) !== Math.sign(amount)) {
    return r.fail('openBalance', 'open balance and amount have opposite signs');
  }
  const balance = Math.abs(stated);
  if (!isCredit && amount < 0) return r.fail('amount', 'negative amount on a row the export calls an invoice');
  if (balance > face) return r.fail('openBalance', `open balance is larger than the amount ${r.text('amount')}`);
  if (paidDate && paidDate < issueDate) return r.fail('paidDate', `paid date is before the issue date ${issueDate}`);
  const externalId = r.text('externalId') || number;
  if (isCredit) {
    return {
      type: 'credit',
      record: {
        row: r.line,
        externalId,
        number,
        customerExternalId: customer,
        customerName: r.text('customerName') || customer,
        kind: 'credit_note',
        date: issueDate,
        currency,
        amountMinor: face,
        openMinor: balance,
      },
    };
  }
  const record: InvoiceRecord = {
    row: r.line,
    externalId,
    number,
    customerExternalId: customer,
    customerName: r.text('customerName') || customer,
    issueDate,
    dueDate: dueDate ?? issueDate,
    currency,
    amountMinor: face,
    openMinor: balance,
    disputed,
  };
  // Assigned rather than spread in: a spread builds and copies an object for every row of a large file.
  if (paidDate && balance < face) record.paidDate = paidDate;
  if (billing) record.billing = billing;
  return { type: 'invoice', record };
}
