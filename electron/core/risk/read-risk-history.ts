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
  const allocated = sqlite
    .prepare(
      `SELECT invoice_id, applied_date, amount_minor FROM allocations
    WHERE ${customerIds ? `invoice_id IN (SELECT id FROM invoices WHERE ${among('customer_id')})` : 'invoice_id IS NOT NULL'}`,
    )
    .raw()
    .iterate(...args) as IterableIterator<[number, IsoDate, number]>;
  for (const [invoiceId, appliedDate, amountMinor] of allocated) {
    const date = one(appliedDate);
    const list = allocations.get(invoiceId);
    if (list) list.push({ date, amountMinor });
    else allocations.set(invoiceId, [{ date, amountMinor }]);
  }
  // For everyone, a table scan with each customer's few invoices sorted here beats both a lookup
  // through the customer index per row and SQLite sorting a million rows through temp files.
  const invoices = sqlite
    .prepare(
      `
    SELECT id, customer_id, issue_date, due_date, currency, amount_minor, open_minor, disputed, billing, status, closed_date
    FROM invoices WHERE status != 'void' AND amount_minor > 0 AND ${among('customer_id')}`,
    )
    .raw()
    .iterate(...args) as IterableIterator<[number, number, IsoDate, IsoDate, string, number, number, number, PastInvoice['billing'], string, IsoDate | null]>;
  for (const [id, customerId, issueDate, dueDate, currency, amountMinor, openMinor, disputed, billing, status, closedDate] of invoices) {
    const dated = allocations.get(id) ?? [];
    const paidDate = status === 'paid' ? one(settledDate(openMinor, closedDate, dated)) : null;
    historyOf(customerId).invoices.push({
      id,
      customerId,
      issueDate: one(issueDate),
      dueDate: one(dueDate),
      currency: one(currency),
      amountMinor,
      openMinor,
      paidDate,
      disputed: disputed === 1,
      billing: one(billing),
      allocations: dated,
    });
  }
  for (const history of histories.values()) history.invoices.sort(byIssueDate);
  const disputes = sqlite
    .prepare(`SELECT customer_id, opened_date FROM disputes WHERE ${among('customer_id')}`)
    .raw()
    .iterate(...args) as IterableIterator<[number, IsoDate]>;
  for (const [customerId, openedDate] of disputes) historyOf(customerId).disputeDates.push(one(openedDate));
  const promises = sqlite
    .prepare(`SELECT customer_id, currency, amount_minor, made_date, promised_date, grace_days, cancelled_date FROM promises WHERE ${among('customer_id')}`)
    .raw()
    .iterate(...args) as IterableIterator<[number, string, number, IsoDate, IsoDate, number, IsoDate | null]>;
  for (const [customerId, currency, amountMinor, madeDate, promisedDate, graceDays, cancelledDate] of promises) {
    historyOf(customerId).promises.push({
      currency: one(currency),
      amountMinor,
      madeDate: one(madeDate),
      promisedDate: one(promisedDate),
      graceDays,
      cancelledDate: one(cancelledDate),
    });
  }
  // Payments only judge promises kept or broken: a customer who never promised needs none, which
  // spares holding about one payment per paid invoice. Still a table scan: picking the promisers'
  // payments through the customer index would seek once per row when most customers promised.
  const payments = sqlite
    .prepare(`SELECT customer_id, received_date, currency, amount_minor FROM payments WHERE ${among('customer_id')}`)
    .raw()
    .iterate(...args) as IterableIterator<[number, IsoDate, string, number]>;
  for (const [customerId, date, currency, amountMinor] of payments) {
    const history = histories.get(customerId);
    if (history && history.promises.length > 0) history.payments.push({ date: one(date), currency: one(currency), amountMinor });
  }
  // By customer id, as a sorted read would give them: training sees its examples in a stable order.
  return new Map([...histories].sort((a, b) => a[0] - b[0]));
}
