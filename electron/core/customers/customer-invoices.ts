import type { CustomerInvoice } from '../../../shared/api';
import type { SqliteDb } from '../../db/sqlite';
import { readOpenCommitments } from '../activity/open-commitments';
import { bookParams, type Book } from '../ledger/book';

type InvoiceRow = Omit<CustomerInvoice, 'disputed' | 'promised' | 'inPlan'> & { erpDisputed: number };

/**
 * A customer's invoices in the book of the day, newest due first, each with what is going on with
 * it: under an open dispute (in Inflow, or flagged by the ERP), covered by a promise still running,
 * or part of an active plan.
 */
export function customerInvoices(sqlite: SqliteDb, customerId: number, book: Book, openOnly: boolean): CustomerInvoice[] {
  const rows = sqlite.prepare(`
    SELECT i.id, i.number, i.issue_date AS issueDate, i.due_date AS dueDate, i.currency, i.amount_minor AS amountMinor, i.open_minor AS openMinor,
           i.status, i.closed_date AS closedDate, i.disputed AS erpDisputed
    FROM ${book.invoices} i WHERE i.customer_id = ? ${openOnly ? "AND i.status = 'open'" : "AND i.status != 'void'"}
    ORDER BY i.due_date, i.number`).all(bookParams(book), customerId) as InvoiceRow[];
  const { covered } = readOpenCommitments(sqlite, book, customerId);
  return rows.map(({ erpDisputed, ...row }) => ({
    ...row, disputed: erpDisputed === 1 || covered.disputed.has(row.id), promised: covered.promised.has(row.id), inPlan: covered.inPlan.has(row.id),
  }));
}
