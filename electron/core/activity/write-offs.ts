import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { AppError } from '../../../shared/errors';
import type { IsoDate } from '../../../shared/dates';

/**
 * What Inflow wrote off, by invoice, by the end of `day` (a past day's book sees only what was
 * written off by then). The ladder, the send guard and the queue chase an invoice's balance net of
 * it; aging, KPIs and the customer's ledger balance stay the ERP's until its credit note lands.
 */
export function writtenOffByInvoice(sqlite: SqliteDb, day: IsoDate): Map<number, number> {
  const rows = prepareCached(
    sqlite,
    'SELECT invoice_id AS invoiceId, SUM(amount_minor) AS amount FROM write_offs WHERE written_off_on <= ? GROUP BY invoice_id',
  ).all(day) as { invoiceId: number; amount: number }[];
  return new Map(rows.map((row) => [row.invoiceId, row.amount]));
}

/** One invoice as a write-off sees it: what the ERP says is open, what Inflow wrote off already, what is left to chase. */
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
    `SELECT i.customer_id AS customerId, i.number, i.currency, i.status, i.open_minor AS openMinor,
      coalesce((SELECT SUM(w.amount_minor) FROM write_offs w WHERE w.invoice_id = i.id), 0) AS writtenOffMinor
    FROM invoices i WHERE i.id = ?`,
  ).get(invoiceId) as { customerId: number; number: string; currency: string; status: string; openMinor: number; writtenOffMinor: number } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No invoice with id ${invoiceId}.`);
  const open = row.status === 'open' && row.openMinor > 0;
  return {
    invoiceId,
    customerId: row.customerId,
    number: row.number,
    currency: row.currency,
    open,
    openMinor: row.openMinor,
    writtenOffMinor: row.writtenOffMinor,
    collectableMinor: open ? Math.max(0, row.openMinor - row.writtenOffMinor) : 0,
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
