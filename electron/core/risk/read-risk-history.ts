import type { SqliteDb } from '../../db/sqlite';
import { SETTLED_DATE_SQL } from '../ledger/paid-date';
import type { CustomerHistory, PastInvoice } from './risk-history';

/**
 * Every customer's dated history in four grouped reads. Only invoices paid (not closed otherwise)
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
  const invoices = sqlite.prepare(`
    SELECT i.id, i.customer_id AS customerId, i.issue_date AS issueDate, i.due_date AS dueDate, i.currency, i.amount_minor AS amountMinor,
           i.open_minor AS openMinor, i.disputed, i.billing,
           CASE WHEN i.status = 'paid' THEN ${SETTLED_DATE_SQL} END AS paidDate,
           (SELECT json_group_array(json_object('date', a.applied_date, 'amountMinor', a.amount_minor)) FROM allocations a WHERE a.invoice_id = i.id) AS allocations
    FROM invoices i WHERE i.status != 'void' AND i.amount_minor > 0
    ORDER BY i.customer_id, i.issue_date, i.id`).all() as (Omit<PastInvoice, 'disputed' | 'allocations'> & { disputed: number; allocations: string })[];
  for (const row of invoices) {
    historyOf(row.customerId).invoices.push({ ...row, disputed: row.disputed === 1, allocations: JSON.parse(row.allocations) as PastInvoice['allocations'] });
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
