import { addDays } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { inScope, scopeParams, type CustomerScope } from '../ledger/customer-scope';
import { bookParams, type Book } from '../ledger/book';
import { writtenOffByInvoice } from '../activity/write-offs';

/** A customer's sums in one currency, as the queue groups its open invoices. */
export interface OpenSums {
  openMinor: number;
  overdueMinor: number;
  overdue60Minor: number;
  weightedDaySum: number;
}

/**
 * What Inflow wrote off of each customer's open invoices by the book's day (activity.writeOff) and
 * the ERP has not taken off yet (writtenOffByInvoice: its credit note consumes the write-off), by
 * customer and currency, in the queue's own sums: the queue ranks what is left to collect. No more
 * than an invoice's open balance counts. Write-offs are few, so this is read apart from the queue's
 * grouped pass instead of joined into it.
 */
export function writtenOffSums(sqlite: SqliteDb, book: Book, scope?: CustomerScope): Map<string, OpenSums> {
  const pending = writtenOffByInvoice(sqlite, book.day);
  if (pending.size === 0) return new Map();
  const only = inScope('i.customer_id', scope);
  const rows = prepareCached(
    sqlite,
    `SELECT i.customer_id || '|' || i.currency AS id,
      SUM(min(w.amount, i.open_minor)) AS openMinor,
      SUM(CASE WHEN i.due_date < @today THEN min(w.amount, i.open_minor) ELSE 0 END) AS overdueMinor,
      SUM(CASE WHEN i.due_date < @d60 THEN min(w.amount, i.open_minor) ELSE 0 END) AS overdue60Minor,
      SUM(CASE WHEN i.due_date < @today THEN min(w.amount, i.open_minor) * (julianday(@today) - julianday(i.due_date)) ELSE 0 END) AS weightedDaySum
    FROM (SELECT CAST(key AS INTEGER) AS invoice_id, value AS amount FROM json_each(@pending)) w
    JOIN ${book.invoices} i ON i.id = w.invoice_id
    WHERE i.status = 'open' AND i.open_minor > 0 ${only}
    GROUP BY i.customer_id, i.currency`,
  ).all({
    pending: JSON.stringify(Object.fromEntries(pending)),
    today: book.day,
    d60: addDays(book.day, -60),
    ...bookParams(book),
    ...scopeParams(scope),
  }) as ({ id: string } & OpenSums)[];
  return new Map(rows.map(({ id, ...sums }) => [id, sums]));
}

/** The group's sums net of its write-offs. */
export function netOfWriteOffs<G extends OpenSums>(group: G, off: OpenSums | undefined): G {
  if (!off) return group;
  return {
    ...group,
    openMinor: group.openMinor - off.openMinor,
    overdueMinor: group.overdueMinor - off.overdueMinor,
    overdue60Minor: group.overdue60Minor - off.overdue60Minor,
    weightedDaySum: group.weightedDaySum - off.weightedDaySum,
  };
}
