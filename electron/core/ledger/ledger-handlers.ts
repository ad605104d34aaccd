import type { CustomerListRow } from '../../../shared/api';
import { todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { bookParams, wholeBookOn } from '../replay/book';
import { getSetting } from '../settings';
import { agingReport } from './aging-query';

export const ledgerHandlers: Handlers<'aging.report' | 'customers.list'> = {
  'aging.report': ({ asOf }, ctx) => agingReport(ctx.database.sqlite, asOf, getSetting(ctx.database.sqlite, 'agingEdges')),
  /** Every customer with what it owed at the end of `asOf` (the book of that day). */
  'customers.list': ({ asOf }, ctx) => {
    const book = wholeBookOn(ctx.database.sqlite, asOf, todayOf(ctx));
    return ctx.database.sqlite.prepare(`
      SELECT c.id AS id, c.external_id AS externalId, c.name AS name, c.currency AS currency,
             coalesce(o.openInvoices, 0) AS openInvoices, coalesce(o.openMinor, 0) AS openMinor, coalesce(o.overdueMinor, 0) AS overdueMinor
      FROM customers c LEFT JOIN (
        SELECT i.customer_id, count(*) AS openInvoices, SUM(i.open_minor) AS openMinor, SUM(CASE WHEN i.due_date < @asOf THEN i.open_minor ELSE 0 END) AS overdueMinor
        FROM ${book.openInvoices} i WHERE i.status = 'open' GROUP BY i.customer_id) o ON o.customer_id = c.id
      ORDER BY overdueMinor DESC, c.name`).all(bookParams(book)) as CustomerListRow[];
  },
};
