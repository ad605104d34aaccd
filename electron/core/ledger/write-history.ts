import { minorToDecimalString } from '../../../shared/money';
import type { InvoiceRow } from './batch-statements';
import type { CreditApplicationRecord, PaymentRecord } from './records';
import type { WriteScope } from './write-scope';
import type { ColumnsRow, TableRow } from '../../db/typed-row';

/**
 * A payment, inserted once by (source, external id) and applied to its invoice, the rest kept as an
 * unapplied credit. Payments are never rewritten: the same id with another amount or date is a problem.
 */
export function upsertPayment(scope: WriteScope, record: PaymentRecord): void {
  const { stmt, source, now, counts } = scope;
  const customerId = scope.customerId(record.customerExternalId, record.customerName, record.currency);
  const existing = stmt.findPayment.get(source, record.externalId) as
    Pick<TableRow<'payments'>, 'id' | 'amount_minor' | 'received_date' | 'currency'> | undefined;
  if (existing) {
    if (existing.amount_minor === record.amountMinor && existing.received_date === record.date && existing.currency === record.currency) {
      counts.unchanged++;
    } else {
      scope.problem(
        record.row,
        'amount',
        minorToDecimalString(record.amountMinor, record.currency),
        `payment ${record.externalId} was already imported with a different amount or date; payments are never rewritten — void it in the ERP and export a new one`,
      );
    }
    return;
  }
  const paymentId = Number(
    stmt.insertPayment.run(
      customerId,
      source,
      record.externalId,
      record.date,
      record.currency,
      record.amountMinor,
      record.method ?? null,
      record.reference ?? null,
      now,
    ).lastInsertRowid,
  );
  scope.touched.add(customerId);
  counts.created++;
  counts.paymentsCreated++;
  let unapplied = record.amountMinor;
  if (record.invoiceNumber) {
    const invoice = stmt.findInvoiceByNumber.get(source, record.invoiceNumber) as InvoiceRow | undefined;
    if (!invoice) {
      scope.problem(record.row, 'invoiceNumber', record.invoiceNumber, 'no invoice with this number has been imported from this source');
      return;
    }
    if (invoice.customer_id !== customerId) {
      const owner = (stmt.customerExternalId.get(invoice.customer_id) as ColumnsRow<'customers', 'external_id'>).externalId;
      scope.problem(
        record.row,
        'invoiceNumber',
        record.invoiceNumber,
        `invoice ${invoice.number} belongs to customer ${owner}, not ${record.customerExternalId}`,
      );
      return;
    }
    if (invoice.currency !== record.currency) {
      scope.problem(record.row, 'currency', record.currency, `invoice ${invoice.number} is in ${invoice.currency}`);
      return;
    }
    unapplied -= applyPayment(scope, invoice, paymentId, record.date, unapplied);
  }
  if (unapplied > 0) {
    stmt.insertCredit.run({
      customerId,
      source,
      externalId: `unapplied:${record.externalId}`,
      number: record.reference ?? record.externalId,
      kind: 'unapplied_payment',
      date: record.date,
      currency: record.currency,
      amount: unapplied,
      open: unapplied,
      now,
    });
    counts.creditsCreated++;
  }
}

/**
 * When this batch states the invoice's balance, the payment is history already reflected in it
 * (an ERP sends both); otherwise it is news that lowers the open balance. Returns the amount applied.
 */
function applyPayment(scope: WriteScope, invoice: InvoiceRow, paymentId: number, date: string, available: number): number {
  const { stmt, now } = scope;
  const stated = scope.stated.get(invoice.id);
  if (stated) {
    const allocated = (stmt.allocatedToInvoice.get(invoice.id) as { n: number }).n;
    const applied = Math.min(available, Math.max(invoice.amount_minor - allocated, 0));
    if (applied > 0) stmt.insertAllocation.run(invoice.id, paymentId, null, 'payment', date, applied, now);
    stated.explained += applied;
    return applied;
  }
  const applied = Math.min(available, Math.max(invoice.open_minor, 0));
  if (applied > 0) {
    const open = invoice.open_minor - applied;
    stmt.insertAllocation.run(invoice.id, paymentId, null, 'payment', date, applied, now);
    stmt.setInvoiceOpen.run(open, open === 0 ? 'paid' : 'open', open === 0 ? date : null, now, invoice.id);
  }
  return applied;
}

/**
 * A credit note applied to an invoice: one dated allocation per pair, restated as the source restates
 * it, so "as of" reads both the invoice's and the credit note's balance back through it. It dates
 * history and changes neither balance, which the source states; one whose invoice, credit note or
 * currency does not match the ledger's is left out, and the balances still hold.
 */
export function applyCreditNote(scope: WriteScope, record: CreditApplicationRecord): void {
  const { stmt, source, now } = scope;
  const invoice = stmt.findInvoiceByNumber.get(source, record.invoiceNumber) as InvoiceRow | undefined;
  const credit = stmt.findCredit.get(source, record.creditExternalId) as TableRow<'credit_notes'> | undefined;
  if (!invoice || !credit || credit.currency !== invoice.currency) return;
  const existing = stmt.findCreditApplication.get(invoice.id, credit.id) as Pick<TableRow<'allocations'>, 'id' | 'amount_minor' | 'applied_date'> | undefined;
  if (existing?.amount_minor === record.amountMinor && existing.applied_date === record.date) return;
  if (existing) stmt.restateAllocation.run(record.amountMinor, record.date, existing.id);
  else stmt.insertAllocation.run(invoice.id, null, credit.id, 'credit', record.date, record.amountMinor, now);
  const stated = scope.stated.get(invoice.id);
  if (stated) stated.explained += record.amountMinor - (existing?.amount_minor ?? 0);
  scope.touched.add(invoice.customer_id);
}

/**
 * A stated balance that moved since the last import without dated history in this batch to explain
 * it changed between the two reads: the difference is recorded on `today`. History that arrives for
 * a balance that did not move was counted already: by such an adjustment, made when an earlier read
 * saw the balance move before its cause (which it then replaces), or as settled before the ledger
 * knew its history (a rebuild); it adds no adjustment of its own.
 */
export function recordUnexplainedChanges(scope: WriteScope): void {
  const { stmt, today, now } = scope;
  for (const [invoiceId, { previousOpen, newOpen, explained }] of scope.stated) {
    if (previousOpen === null) continue;
    const unexplained = previousOpen - newOpen - explained;
    if (unexplained < 0 && previousOpen === newOpen) reclaimAdjustments(scope, invoiceId, -unexplained);
    else if (unexplained !== 0) stmt.insertAllocation.run(invoiceId, null, null, 'erp_adjustment', today, unexplained, now);
  }
}

/** Takes up to `amount` out of the invoice's positive ERP adjustments, newest first. */
function reclaimAdjustments(scope: WriteScope, invoiceId: number, amount: number): void {
  let left = amount;
  for (const adjustment of scope.stmt.positiveAdjustments.all(invoiceId) as Pick<TableRow<'allocations'>, 'id' | 'amount_minor'>[]) {
    if (left === 0) break;
    const taken = Math.min(left, adjustment.amount_minor);
    if (taken === adjustment.amount_minor) scope.stmt.deleteAllocation.run(adjustment.id);
    else scope.stmt.restateAllocation.run(adjustment.amount_minor - taken, null, adjustment.id);
    left -= taken;
  }
}
