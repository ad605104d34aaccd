import type { CustomerListRow } from '../../../shared/api';
import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { openBalances } from '../ledger/open-balance';
import { bookParams, wholeBookOn } from '../ledger/book';
import { getSetting } from '../settings';

/**
 * The Customers screen: one row per customer and currency with an open balance (the aging's
 * definition, so both screens show the same figure), largest overdue first; with `all`, also every
 * customer owing nothing, in its own currency. As of a past day, from the book of that day.
 */
export function customerList(sqlite: SqliteDb, asOf: IsoDate, today: IsoDate, all: boolean): CustomerListRow[] {
  const book = wholeBookOn(sqlite, asOf, today, false);
  const customers = new Map(
    (
      sqlite.prepare('SELECT id, external_id AS externalId, name, currency FROM customers').all() as ColumnsRow<
        'customers',
        'id' | 'external_id' | 'name' | 'currency'
      >[]
    ).map((c) => [c.id, c]),
  );
  const counts = new Map(
    (
      sqlite
        .prepare(
          `SELECT customer_id || '|' || currency AS id, count(*) AS n FROM ${book.openBalances} i
      WHERE status = 'open' AND open_minor != 0 AND issue_date <= @asOf GROUP BY customer_id, currency`,
        )
        .all(bookParams(book)) as { id: string; n: number }[]
    ).map((row) => [row.id, row.n]),
  );
  const rows: CustomerListRow[] = openBalances(sqlite, asOf, getSetting(sqlite, 'agingEdges')).map(({ customerId, currency, ...balance }) => {
    const customer = customers.get(customerId)!;
    return {
      id: customerId,
      externalId: customer.externalId,
      name: customer.name,
      currency,
      openInvoices: counts.get(`${customerId}|${currency}`) ?? 0,
      ...balance,
    };
  });
  if (all) {
    const listed = new Set(rows.map((row) => row.id));
    for (const customer of customers.values()) {
      if (!listed.has(customer.id)) rows.push({ ...customer, openInvoices: 0, openMinor: 0, overdueMinor: 0, creditsMinor: 0 });
    }
  }
  return rows.sort((a, b) => b.overdueMinor - a.overdueMinor || a.name.localeCompare(b.name) || a.currency.localeCompare(b.currency));
}
