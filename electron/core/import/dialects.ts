import type { CsvRow } from './read-csv';
import type { ImportPlan } from './plan';
import type { RowReader } from './row-reader';
import type { RowSide } from './convert-invoice-row';

/** QuickBooks' bucket headings ("Current", "1 - 30 days past due", "91 or more days past due"). */
const QB_BUCKET_HEADING = /^(current|not due|\d+\s*-\s*\d+\s*days.*|\d+\s*(or more|\+)\s*days.*|.*past due)$/i;

export type QuickbooksRowKind = { kind: 'data' } | { kind: 'skip' } | { kind: 'customer'; name: string };

/**
 * QuickBooks reports interleave data with headings, totals and a footer. A row none of whose mapped
 * cells hold anything is one of those; its first text is a customer heading when the report groups by customer.
 */
export function classifyQuickbooksRow(row: CsvRow, plan: ImportPlan): QuickbooksRowKind {
  const first = row.cells.find((c) => c.trim() !== '')?.trim() ?? '';
  if (isTotalRow(first, row, plan)) return { kind: 'skip' };
  const mappedCellsEmpty = Object.values(plan.columns).every(({ index }) => (row.cells[index] ?? '').trim() === '');
  if (!mappedCellsEmpty) return { kind: 'data' };
  if (first !== '' && !plan.columns.customerId && !QB_BUCKET_HEADING.test(first) && row.cells.filter((c) => c.trim()).length === 1) {
    return { kind: 'customer', name: first };
  }
  return { kind: 'skip' };
}

/**
 * "TOTAL", "Total for Acme", or QuickBooks Desktop's "Total Acme" with sums but no invoice number or
 * date. A customer that is merely named "Total Wine & More" has those, or is a heading with nothing else.
 */
function isTotalRow(first: string, row: CsvRow, plan: ImportPlan): boolean {
  if (/^total(\s+for\b.*)?$/i.test(first)) return true;
  if (!/^total\s/i.test(first)) return false;
  const cell = (field: 'invoiceNumber' | 'issueDate'): string => {
    const column = plan.columns[field];
    return column ? (row.cells[column.index] ?? '').trim() : '';
  };
  const hasSums = Object.values(plan.columns).some(({ index }) => (row.cells[index] ?? '').trim() !== '' && (row.cells[index] ?? '').trim() !== first);
  return hasSums && cell('invoiceNumber') === '' && cell('issueDate') === '';
}

/** Credit memos and unapplied payments are credits; for anything else (negative invoices, journal entries) the sign decides. */
export function quickbooksSide(r: RowReader): RowSide {
  return QB_CREDIT_TYPES.has(r.text('type').toLowerCase()) ? 'credit' : null;
}

const QB_CREDIT_TYPES = new Set(['credit memo', 'payment', 'refund', 'credit']);

/** Statuses that mean "not a receivable": never booked, or taken back. */
export const NOT_RECEIVABLE_STATUSES = new Set(['draft', 'deleted', 'voided', 'void', 'cancelled', 'canceled']);

/** A plain export with a mapped status column: void and draft invoices are skipped, the rest read as usual. */
export function statusSide(r: RowReader): RowSide {
  return r.has('status') && NOT_RECEIVABLE_STATUSES.has(r.text('status').toLowerCase()) ? 'skip' : null;
}

/** The transaction type of a credit row with no number of its own (QuickBooks' unapplied payments often have none). */
export function quickbooksUnnumberedType(r: RowReader): string | undefined {
  return r.text('invoiceNumber') === '' && QB_CREDIT_TYPES.has(r.text('type').toLowerCase()) ? r.text('type') : undefined;
}

export function quickbooksCreditKind(r: RowReader): 'credit_note' | 'unapplied_payment' {
  return r.text('type').toLowerCase() === 'payment' ? 'unapplied_payment' : 'credit_note';
}

const ODOO_SKIPPED_STATES = new Set(['draft', 'cancel', 'cancelled']);
const ODOO_INVOICE_TYPES = new Set(['out_invoice', 'customer invoice', 'invoice']);
const ODOO_CREDIT_TYPES = new Set(['out_refund', 'customer credit note', 'credit note']);
const ODOO_SETTLED = new Set(['paid', 'in_payment', 'in payment', 'reversed']);

/** Odoo rows: only posted customer invoices and credit notes are receivables. */
export function odooSide(r: RowReader): RowSide {
  if (ODOO_SKIPPED_STATES.has(r.text('state').toLowerCase())) return 'skip';
  const type = r.text('type').toLowerCase();
  if (type === '') return null;
  if (ODOO_INVOICE_TYPES.has(type)) return 'invoice';
  if (ODOO_CREDIT_TYPES.has(type)) return 'credit';
  return 'skip';
}

export function odooSettled(r: RowReader): boolean {
  return ODOO_SETTLED.has(r.text('paymentState').toLowerCase());
}

export function odooPartiallyPaid(r: RowReader): boolean {
  return ['partial', 'partially paid'].includes(r.text('paymentState').toLowerCase());
}
