import type { CustomerSummary } from '../../../shared/activity';
import { daysBetween, type IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { customerLocale } from '../../../shared/customer-locale';
import type { SqliteDb } from '../../db/sqlite';
import { agingReport } from '../ledger/aging-query';
import { openBalanceOf } from '../ledger/open-balance';
import { SETTLED_DATE_SQL } from '../ledger/paid-date';
import { bookParams, type Book } from '../ledger/book';
import { getSetting } from '../settings';

/**
 * The customer page header, from the book of its day: its open balance in its own currency (the one
 * definition, from the aging), terms, and how late it usually paid: the mean of max(0, settled − due)
 * over its invoices settled by then, the same figure the risk reasons word ("pays 88 days late on
 * average") and the KPIs average, so two screens never show two numbers for one fact.
 */
export function customerSummary(sqlite: SqliteDb, customerId: number, book: Book): CustomerSummary {
  const today: IsoDate = book.day;
  const customer = sqlite
    .prepare(
      `SELECT id AS customerId, external_id AS externalId, name, currency, collector, segment,
      terms_days AS termsDays, credit_limit_minor AS creditLimitMinor, country, locale FROM customers WHERE id = ?`,
    )
    .get(customerId) as
    Omit<CustomerSummary, 'openMinor' | 'overdueMinor' | 'creditsMinor' | 'oldestDaysPastDue' | 'averageDaysLate' | 'aging' | 'messageLocale'> | undefined;
  if (!customer) throw new AppError('NOT_FOUND', `No customer with id ${customerId}.`);
  const edges = getSetting(sqlite, 'agingEdges');
  const aging = agingReport(sqlite, today, edges, customerId).customers;
  const own = aging.find((row) => row.currency === customer.currency);
  const oldest = sqlite
    .prepare(
      `SELECT MIN(due_date) AS oldestDue FROM ${book.invoices} i
    WHERE customer_id = @customerId AND currency = @currency AND status = 'open' AND open_minor > 0 AND due_date < @today`,
    )
    .get({ ...bookParams(book), today, customerId, currency: customer.currency }) as { oldestDue: string | null };
  const history = sqlite
    .prepare(
      `SELECT AVG(max(0, julianday(settled) - julianday(due))) AS meanLate FROM (
      SELECT i.due_date AS due, ${SETTLED_DATE_SQL} AS settled FROM invoices i WHERE i.customer_id = ? AND i.status = 'paid')
    WHERE settled <= ?`,
    )
    .get(customerId, today) as { meanLate: number | null };
  return {
    ...customer,
    messageLocale: customerLocale(customer, getSetting(sqlite, 'outreach').locale),
    ...(own ? openBalanceOf(own) : { openMinor: 0, overdueMinor: 0, creditsMinor: 0 }),
    oldestDaysPastDue: oldest.oldestDue ? daysBetween(oldest.oldestDue, today) : 0,
    averageDaysLate: history.meanLate === null ? null : Math.round(history.meanLate),
    aging,
  };
}
