import type { SqliteDb } from '../../db/sqlite';
import type { IsoDate } from '../../../shared/dates';
import { settledDate } from '../ledger/paid-date';
import type { CustomerHistory, PastInvoice } from './risk-history';

const byIssueDate = (a: PastInvoice, b: PastInvoice): number => (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : a.id - b.id);

/**
 * Every customer's dated history (or only the given customers') in five flat reads. Only invoices
 * paid (not closed otherwise) have a paid date, by the ledger's one settled-date rule.
 */
export function readRiskHistories(sqlite: SqliteDb, customerIds?: readonly number[]): Map<number, CustomerHistory> {
  // A few customers are found through each table's customer index; everyone is a table scan.
  const among = (column: string): string => (customerIds ? `${column} IN (SELECT value FROM json_each(?))` : '1 = 1');
  const args = customerIds ? [JSON.stringify(customerIds)] : [];
  const histories = new Map<number, CustomerHistory>();
  const historyOf = (customerId: number): CustomerHistory => {
    let history = histories.get(customerId);
    if (!history) {
      history = { customerId, invoices: [], disputeDates: [], promises: [], payments: [] };
      histories.set(customerId, history);
    }
    return history;
  };
  // A million invoices bring a million copies of a few hundred dates: keep one of each. Rows are
  // iterated, not collected, so the raw rows never all live beside the histories built from them.
  const texts = new Map<string, string>();
  const one = <T extends string | null>(text: T): T => {
    if (text === null) return text;
    const known = texts.get(text);
    if (known !== undefined) return known as T;
    texts.set(text, text);
    return text;
  };
  const allocations = new Map<number, PastInvoice['allocations']>();
  const allocated = sqlite.prepare(`SELECT invoice_id, applied_date, amount_minor FROM allocations
    WHERE ${customerIds ? `invoice_id IN (SELECT id FROM invoices WHERE ${among('customer_id')})` : 'invoice_id IS NOT NULL'}`).raw().iterate(...args) as IterableIterator<[number, IsoDate, number]>;
  for (const [invoiceId, appliedDate, amountMinor] of allocated) {
    const date = one(appliedDate);
    const list = allocations.get(invoiceId);
    if (list) list.push({ date, amountMinor });
    else allocations.set(invoiceId, [{ date, amountMinor }]);
  }
  // For everyone, a table scan with each customer's few invoices sorted here beats both a lookup
  // through the customer index per row and SQLite sorting a million rows through temp files.
  const invoices = sqlite.prepare(`
    SELECT id, customer_id, issue_date, due_date, currency, amount_minor, open_minor, disputed, billing, status, closed_date
    FROM invoices WHERE status != 'void' AND amount_minor > 0 AND ${among('customer_id')}`).raw().iterate(...args) as
    IterableIterator<[number, number, IsoDate, IsoDate, string, number, number, number, PastInvoice['billing'], string, IsoDate | null]>;
  for (const [id, customerId, issueDate, dueDate, currency, amountMinor, openMinor, disputed, billing, status, closedDate] of invoices) {
    const dated = allocations.get(id) ?? [];
    const paidDate = status === 'paid' ? one(settledDate(openMinor, closedDate, dated)) : null;
    historyOf(customerId).invoices.push({
      id, customerId, issueDate: one(issueDate), dueDate: one(dueDate), currency: one(currency), amountMinor, openMinor, paidDate,
      disputed: disputed === 1, billing: one(billing), allocations: dated,
    });
  }
  for (const history of histories.values()) history.invoices.sort(byIssueDate);
  for (const row of sqlite.prepare(`SELECT customer_id AS customerId, opened_date AS date FROM disputes WHERE ${among('customer_id')}`).all(...args) as { customerId: number; date: string }[]) {
    historyOf(row.customerId).disputeDates.push(row.date);
  }
  const promises = sqlite.prepare(`
    SELECT customer_id AS customerId, currency, amount_minor AS amountMinor, made_date AS madeDate, promised_date AS promisedDate,
           grace_days AS graceDays, cancelled_date AS cancelledDate FROM promises WHERE ${among('customer_id')}`).all(...args) as (CustomerHistory['promises'][number] & { customerId: number })[];
  for (const { customerId, ...terms } of promises) historyOf(customerId).promises.push(terms);
  const payments = sqlite.prepare(`SELECT customer_id AS customerId, received_date AS date, currency, amount_minor AS amountMinor FROM payments WHERE ${among('customer_id')}`)
    .all(...args) as (CustomerHistory['payments'][number] & { customerId: number })[];
  for (const { customerId, ...payment } of payments) historyOf(customerId).payments.push(payment);
  // By customer id, as a sorted read would give them: training sees its examples in a stable order.
  return new Map([...histories].sort((a, b) => a[0] - b[0]));
}
