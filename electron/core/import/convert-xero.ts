import { currencyExponent } from '../../../shared/money';
import type { InvoiceRowResult } from './convert-invoice-row';
import { lineAmountMinor } from './line-amount';
import { NOT_RECEIVABLE_STATUSES } from './dialects';
import type { RowReader } from './row-reader';

const CREDIT_TYPES = new Set(['accreccredit', 'sales credit note', 'credit note']);

/**
 * One Xero invoice from its line-item rows (same InvoiceNumber). The invoice fields must agree on
 * every line; the amount is the Total column when the export has it, else the sum of the lines
 * (LineAmount, or Quantity × UnitAmount less Discount%) plus their TaxAmount.
 */
export function readXeroInvoice(lines: readonly RowReader[]): InvoiceRowResult {
  const first = lines[0]!;
  if (NOT_RECEIVABLE_STATUSES.has(first.text('status').toLowerCase())) return { type: 'skip' };
  let consistent = true;
  for (const line of lines.slice(1)) {
    for (const field of ['customerId', 'issueDate', 'dueDate', 'currency', 'amount']) {
      if (line.text(field) !== first.text(field)) {
        line.fail(field, `differs from the first line of invoice ${first.text('invoiceNumber')} (row ${first.line}: "${first.text(field)}")`);
        consistent = false;
      }
    }
  }
  const number = first.required('invoiceNumber');
  const customer = first.required('customerId');
  const issueDate = first.date('issueDate', true);
  const dueDate = first.date('dueDate', true);
  const currency = first.currency();
  if (!consistent || number === null || customer === null || !issueDate || !dueDate || currency === null) return null;
  const amount = first.text('amount') !== '' ? first.amount('amount', currency, true) : sumLines(lines, currency);
  if (amount == null) return null;
  let open: number | null | undefined = first.amount('openBalance', currency, false);
  if (open === undefined && first.text('amountPaid') !== '') {
    const paid = first.amount('amountPaid', currency, true);
    open = paid == null ? null : amount - paid;
  }
  if (open === null) return null;
  const balance = open ?? amount;
  if (dueDate < issueDate) return first.fail('dueDate', `due date is before the issue date ${issueDate}`);
  if (balance < 0 || balance > Math.abs(amount)) return first.fail('openBalance', 'amount due is outside 0 … the invoice total');
  const base = { row: first.line, externalId: number, number, customerExternalId: customer, customerName: customer, currency };
  if (CREDIT_TYPES.has(first.text('type').toLowerCase()) || amount < 0) {
    return { type: 'credit', record: { ...base, kind: 'credit_note', date: issueDate, amountMinor: Math.abs(amount), openMinor: balance } };
  }
  return { type: 'invoice', record: { ...base, issueDate, dueDate, amountMinor: amount, openMinor: balance, disputed: false } };
}

function sumLines(lines: readonly RowReader[], currency: string): number | null {
  const exponent = currencyExponent(currency);
  let total = 0;
  for (const line of lines) {
    let amount: number | null | undefined;
    if (line.text('lineAmount') !== '') {
      amount = line.amount('lineAmount', currency, true);
    } else if (line.text('unitAmount') !== '') {
      amount = lineAmountMinor(line.text('quantity'), line.text('unitAmount'), line.text('discount'), exponent);
      if (amount === null) line.fail('unitAmount', 'quantity, unit amount or discount is not a number');
    } else {
      amount = line.fail('unitAmount', 'line has neither a LineAmount nor a UnitAmount');
    }
    const tax = line.amount('taxAmount', currency, false);
    if (amount == null || tax === null) return null;
    total += amount + (tax ?? 0);
  }
  return total;
}
