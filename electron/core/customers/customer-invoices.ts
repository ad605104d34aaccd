import type { CustomerInvoice } from '../../../shared/api';
import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { isActivePlan, readCommitments } from '../activity/commitments';

type InvoiceRow = Omit<CustomerInvoice, 'disputed' | 'promised' | 'inPlan'> & { disputed: number };

/**
 * A customer's invoices, newest due first, each with what is going on with it: under an open dispute
 * (in Inflow, or flagged by the ERP), covered by a promise still running, or part of an active plan.
 */
export function customerInvoices(sqlite: SqliteDb, customerId: number, today: IsoDate, openOnly: boolean): CustomerInvoice[] {
  const rows = sqlite.prepare(`
    SELECT i.id, i.number, i.issue_date AS issueDate, i.due_date AS dueDate, i.currency, i.amount_minor AS amountMinor, i.open_minor AS openMinor,
           i.status, i.closed_date AS closedDate,
           (i.disputed = 1 OR EXISTS (SELECT 1 FROM dispute_invoices di JOIN disputes d ON d.id = di.dispute_id
                                      WHERE di.invoice_id = i.id AND d.status = 'open')) AS disputed
    FROM invoices i WHERE i.customer_id = ? ${openOnly ? "AND i.status = 'open'" : "AND i.status != 'void'"}
    ORDER BY i.due_date, i.number`).all(customerId) as InvoiceRow[];
  const { promises, plans } = readCommitments(sqlite, customerId, today);
  const promised = new Set(promises.filter((p) => p.state === 'open').flatMap((p) => p.invoiceIds));
  const inPlan = new Set(plans.filter(isActivePlan).flatMap((p) => p.invoiceIds));
  return rows.map((row) => ({ ...row, disputed: row.disputed === 1, promised: promised.has(row.id), inPlan: inPlan.has(row.id) }));
}
