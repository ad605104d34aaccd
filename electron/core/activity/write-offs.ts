import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { AppError } from '../../../shared/errors';
import type { IsoDate } from '../../../shared/dates';

/** Far enough ahead that every write-off and allocation is dated by then: the book as it stands. */
const EVER: IsoDate = '9999-12-31';

/**
 * What Inflow wrote off, by invoice, that the ERP has not yet taken off the invoice itself, by the
 * end of `day` (a past day's book sees only what was written off and applied by then). The ladder, the
 * send guard, the queue and the customer page chase an invoice's open balance net of it; aging, KPIs
 * and the customer's ledger balance stay the ERP's.
 *
 * The one rule, event by event in date order (within a day, in the order Inflow recorded them; a
 * reduction recorded at the same moment as a write-off counts as known to it): a write-off adds to what is pending; then the ERP's credit note applied to the
 * invoice (allocation kind 'credit') takes its amount out of what is pending, since it is the ERP
 * doing what the write-off decided. A payment (kind 'payment') never does: it pays down what is
 * left to collect, so paying the rest closes the invoice. A drop the ERP stated without saying why
 * (kind 'erp_adjustment', an open-items file's lower balance) is read as the credit note only when
 * it is exactly what is still pending, otherwise as a payment: a customer who paid the rest is never
 * chased for what was written off. Reductions dated before the write-off, or on its day but recorded
 * by then, were in the balance it was taken from, so they consume nothing.
 */
export function pendingWriteOffs(sqlite: SqliteDb, day: IsoDate, invoiceId: number | null = null): Map<number, number> {
  // CROSS JOIN keeps the few written-off invoices as the outer loop: left to itself the planner
  // scanned every allocation of the book against them (15 s a call on a 1M-invoice book).
  const events = prepareCached(
    sqlite,
    `WITH firsts AS (SELECT invoice_id, MIN(written_off_on) AS first FROM write_offs
        WHERE written_off_on <= @day AND (@invoice IS NULL OR invoice_id = @invoice) GROUP BY invoice_id)
    SELECT w.invoice_id AS invoiceId, 'write_off' AS kind, w.written_off_on AS day, w.created_at AS recorded, w.amount_minor AS amount, 1 AS rank, w.id
      FROM firsts f CROSS JOIN write_offs w ON w.invoice_id = f.invoice_id WHERE w.written_off_on <= @day
    UNION ALL
    SELECT a.invoice_id, a.kind, a.applied_date, a.created_at, a.amount_minor, 0, a.id
      FROM firsts f CROSS JOIN allocations a ON a.invoice_id = f.invoice_id
      WHERE a.kind IN ('credit', 'erp_adjustment') AND a.amount_minor > 0 AND a.applied_date <= @day
        AND a.applied_date >= f.first
    ORDER BY invoiceId, day, recorded, rank, id`,
  ).all({ day, invoice: invoiceId }) as { invoiceId: number; kind: string; day: IsoDate; amount: number }[];
  const pending = new Map<number, number>();
  // A reduction ordered before every write-off of its invoice meets nothing pending and changes nothing.
  for (const event of events) {
    const before = pending.get(event.invoiceId) ?? 0;
    if (event.kind === 'write_off') pending.set(event.invoiceId, before + event.amount);
    else if (event.kind === 'credit') pending.set(event.invoiceId, Math.max(0, before - event.amount));
    else if (event.amount === before) pending.set(event.invoiceId, 0);
  }
  return pending;
}

/** What is written off and still pending by invoice, by the end of `day`: pendingWriteOffs without the consumed ones. */
export function writtenOffByInvoice(sqlite: SqliteDb, day: IsoDate): Map<number, number> {
  return new Map([...pendingWriteOffs(sqlite, day)].filter(([, amount]) => amount > 0));
}

/** One invoice as a write-off sees it: what the ERP says is open, what Inflow wrote off that the ERP has not taken off yet, what is left to chase. */
export interface CollectableInvoice {
  invoiceId: number;
  customerId: number;
  number: string;
  currency: string;
  open: boolean;
  openMinor: number;
  writtenOffMinor: number;
  collectableMinor: number;
}

export function collectableInvoice(sqlite: SqliteDb, invoiceId: number): CollectableInvoice {
  const row = prepareCached(
    sqlite,
    `SELECT i.customer_id AS customerId, i.number, i.currency, i.status, i.open_minor AS openMinor
    FROM invoices i WHERE i.id = ?`,
  ).get(invoiceId) as { customerId: number; number: string; currency: string; status: string; openMinor: number } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No invoice with id ${invoiceId}.`);
  const writtenOffMinor = pendingWriteOffs(sqlite, EVER, invoiceId).get(invoiceId) ?? 0;
  const open = row.status === 'open' && row.openMinor > 0;
  return {
    invoiceId,
    customerId: row.customerId,
    number: row.number,
    currency: row.currency,
    open,
    openMinor: row.openMinor,
    writtenOffMinor,
    collectableMinor: open ? Math.max(0, row.openMinor - writtenOffMinor) : 0,
  };
}

/**
 * The amount a write-off of `requested` (everything left when absent) gives up, or why it cannot:
 * nothing is left to collect, or more was asked than is left.
 */
export function writeOffAmount(invoice: CollectableInvoice, requested: number | undefined, money: (minor: number) => string): number {
  if (invoice.collectableMinor <= 0) {
    throw new AppError(
      'CONFLICT',
      invoice.open
        ? `Invoice ${invoice.number} is written off in full already (${money(invoice.writtenOffMinor)}): nothing is left to write off.`
        : `Invoice ${invoice.number} is not open: nothing is left to write off.`,
    );
  }
  const amount = requested ?? invoice.collectableMinor;
  if (amount > invoice.collectableMinor) {
    throw new AppError('INVALID_INPUT', `Only ${money(invoice.collectableMinor)} of invoice ${invoice.number} is left to write off.`, {
      field: 'amountMinor',
    });
  }
  return amount;
}
