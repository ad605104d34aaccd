import type { SqliteDb } from '../../db/sqlite';
import type { IsoDate } from '../../../shared/dates';
import { settledDate } from '../ledger/paid-date';
import type { CustomerHistory, PastInvoice } from './risk-history';

/**
 * Every customer's dated history in five flat reads. Only invoices paid (not closed otherwise)
 * have a paid date, by the ledger's one settled-date rule.
 */
export function readRiskHistories(sqlite: SqliteDb): Map<number, CustomerHistory> {
  const histories = new Map<number, CustomerHistory>();
  const historyOf = (customerId: number): CustomerHistory => {
    let history = histories.get(customerId);
    if (!history) {
      history = { customerId, invoices: [], disputeDates: [], promises: [], payments: [] };
      histories.set(customerId, history);
    }
    return history;
  };
  const allocations = new Map<number, PastInvoice['allocations']>();
  for (const [invoiceId, date, amountMinor] of sqlite.prepare('SELECT invoice_id, applied_date, amount_minor FROM allocations WHERE invoice_id IS NOT NULL').raw().all() as [number, IsoDate, number][]) {
    const list = allocations.get(invoiceId);
    if (list) list.push({ date, amountMinor });
    else allocations.set(invoiceId, [{ date, amountMinor }]);
  }
  // Every invoice is read: a scan and one sort beat a lookup through the customer index per row.
  const invoices = sqlite.prepare(`
    SELECT i.id, i.customer_id AS customerId, i.issue_date AS issueDate, i.due_date AS dueDate, i.currency, i.amount_minor AS amountMinor,
           i.open_minor AS openMinor, i.disputed, i.billing, i.status, i.closed_date AS closedDate
    FROM invoices i NOT INDEXED WHERE i.status != 'void' AND i.amount_minor > 0
    ORDER BY i.customer_id, i.issue_date, i.id`).all() as (Omit<PastInvoice, 'disputed' | 'allocations' | 'paidDate'> & { disputed: number; status: string; closedDate: IsoDate | null })[];
  for (const { status, closedDate, disputed, ...row } of invoices) {
    const dated = allocations.get(row.id) ?? [];
    const paidDate = status === 'paid' ? settledDate(row.openMinor, closedDate, dated) : null;
    historyOf(row.customerId).invoices.push({ ...row, paidDate, disputed: disputed === 1, allocations: dated });
  }
  for (const row of sqlite.prepare('SELECT customer_id AS customerId, opened_date AS date FROM disputes').all() as { customerId: number; date: string }[]) {
    historyOf(row.customerId).disputeDates.push(row.date);
  }
  const promises = sqlite.prepare(`
    SELECT customer_id AS customerId, currency, amount_minor AS amountMinor, made_date AS madeDate, promised_date AS promisedDate,
           grace_days AS graceDays, cancelled_date AS cancelledDate FROM promises`).all() as (CustomerHistory['promises'][number] & { customerId: number })[];
  for (const { customerId, ...terms } of promises) historyOf(customerId).promises.push(terms);
  const payments = sqlite.prepare('SELECT customer_id AS customerId, received_date AS date, currency, amount_minor AS amountMinor FROM payments')
    .all() as (CustomerHistory['payments'][number] & { customerId: number })[];
  for (const { customerId, ...payment } of payments) historyOf(customerId).payments.push(payment);
  return histories;
}
