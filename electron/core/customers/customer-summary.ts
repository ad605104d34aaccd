import type { CustomerSummary } from '../../../shared/activity';
import { daysBetween, type IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { customerLocale } from '../../../shared/customer-locale';
import type { SqliteDb } from '../../db/sqlite';
import { agingReport } from '../ledger/aging-query';
import { bookParams, type Book } from '../replay/book';
import { getSetting } from '../settings';

/** The customer page header, from the book of its day: balances in the customer's currency, terms, and how late they usually paid. */
export function customerSummary(sqlite: SqliteDb, customerId: number, book: Book): CustomerSummary {
  const today: IsoDate = book.day;
  const params = bookParams(book);
  const customer = sqlite.prepare(`SELECT id AS customerId, external_id AS externalId, name, currency, collector, segment,
      terms_days AS termsDays, credit_limit_minor AS creditLimitMinor, country, locale FROM customers WHERE id = ?`).get(customerId) as
    Omit<CustomerSummary, 'openMinor' | 'overdueMinor' | 'oldestDaysPastDue' | 'averageDaysLate' | 'aging' | 'messageLocale'> | undefined;
  if (!customer) throw new AppError('NOT_FOUND', `No customer with id ${customerId}.`);
  const balances = sqlite.prepare(`SELECT coalesce(SUM(open_minor), 0) AS openMinor,
      coalesce(SUM(CASE WHEN due_date < @today THEN open_minor ELSE 0 END), 0) AS overdueMinor,
      MIN(CASE WHEN due_date < @today THEN due_date END) AS oldestDue
    FROM ${book.invoices} i WHERE customer_id = @customerId AND currency = @currency AND status = 'open'`)
    .get({ ...params, today, customerId, currency: customer.currency }) as { openMinor: number; overdueMinor: number; oldestDue: string | null };
  // When each paid invoice was settled: its last payment allocation.
  const history = sqlite.prepare(`SELECT SUM(i.amount_minor * max(0, julianday(x.paid) - julianday(i.due_date))) AS weighted, SUM(i.amount_minor) AS total
    FROM ${book.invoices} i JOIN (SELECT invoice_id, MAX(applied_date) AS paid FROM allocations WHERE kind = 'payment' AND applied_date <= @asOf GROUP BY invoice_id) x ON x.invoice_id = i.id
    WHERE i.customer_id = @customerId AND i.status = 'paid'`).get({ ...params, customerId }) as { weighted: number | null; total: number | null };
  return {
    ...customer,
    messageLocale: customerLocale(customer, getSetting(sqlite, 'outreach').locale),
    openMinor: balances.openMinor,
    overdueMinor: balances.overdueMinor,
    oldestDaysPastDue: balances.oldestDue ? daysBetween(balances.oldestDue, today) : 0,
    averageDaysLate: history.total ? Math.round((history.weighted ?? 0) / history.total) : null,
    aging: agingReport(sqlite, today, getSetting(sqlite, 'agingEdges'), customerId).customers,
  };
}
