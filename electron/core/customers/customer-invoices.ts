import { z } from 'zod';
import type { CustomerInvoice } from '../../../shared/api';
import type { SqliteDb } from '../../db/sqlite';
import { columns, type ColumnsRow, type TableRow } from '../../db/typed-row';
import { readOpenCommitments } from '../activity/open-commitments';
import { writtenOffByInvoice } from '../activity/write-offs';
import { bookParams, type Book } from '../ledger/book';

const INVOICE = ['id', 'number', 'issue_date', 'due_date', 'currency', 'amount_minor', 'open_minor', 'status', 'closed_date'] as const;
type InvoiceRow = ColumnsRow<'invoices', (typeof INVOICE)[number]> & { erpDisputed: TableRow<'invoices'>['disputed'] };
const COLUMNS = `${columns('invoices', 'i', INVOICE)}, i.disputed AS erpDisputed`;
// status is TEXT in the schema; 'void' is filtered out in the SQL, so anything else here is a broken row.
const shownStatus = z.enum(['open', 'paid', 'closed']);

/**
 * A customer's invoices in the book of the day, newest due first, each with what is going on with
 * it: under an open dispute (in Inflow, or flagged by the ERP), covered by a promise still running,
 * part of an active plan, or written off in Inflow (no more than it still owes).
 */
export function customerInvoices(sqlite: SqliteDb, customerId: number, book: Book, openOnly: boolean): CustomerInvoice[] {
  const rows = sqlite
    .prepare(
      `
    SELECT ${COLUMNS}
    FROM ${book.invoices} i WHERE i.customer_id = ? ${openOnly ? "AND i.status = 'open'" : "AND i.status != 'void'"}
    ORDER BY i.due_date, i.number`,
    )
    .all(bookParams(book), customerId) as InvoiceRow[];
  const { covered } = readOpenCommitments(sqlite, book, customerId);
  const writtenOff = writtenOffByInvoice(sqlite, book.day);
  return rows.map(({ erpDisputed, ...row }) => ({
    ...row,
    status: shownStatus.parse(row.status),
    disputed: erpDisputed === 1 || covered.disputed.has(row.id),
    promised: covered.promised.has(row.id),
    inPlan: covered.inPlan.has(row.id),
    writtenOffMinor: row.status === 'open' ? Math.min(Math.max(row.openMinor, 0), writtenOff.get(row.id) ?? 0) : 0,
  }));
}
