import type { ChargeComponent } from '../../../shared/charges';
import type { IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import { pushHolding } from './charge-pushes';

const audit = (sqlite: SqliteDb, now: string, action: string, invoiceId: number, detail: unknown): void => {
  sqlite
    .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'collector', ?, 'invoice', ?, ?)")
    .run(now, action, String(invoiceId), JSON.stringify(detail));
};

/**
 * Gives up one late-payment charge of an invoice (its interest, or its fixed fee) whole, saying why.
 * The waiver is kept beside the invoice and in the audit log; the charge still shows, as waived.
 */
export function waiveCharge(sqlite: SqliteDb, waiver: { invoiceId: number; component: ChargeComponent; reason: string }, today: IsoDate, now: string): void {
  sqlite.transaction(() => {
    if (!sqlite.prepare('SELECT 1 FROM invoices WHERE id = ?').get(waiver.invoiceId))
      throw new AppError('NOT_FOUND', `No invoice with id ${waiver.invoiceId}.`);
    const pushed = pushHolding(sqlite, waiver.invoiceId, waiver.component);
    if (pushed) {
      throw new AppError(
        'CONFLICT',
        `This charge is already invoiced in the ERP (${pushed.erpNumber ?? pushed.ref}): credit it there instead of waiving it here.`,
      );
    }
    const done = sqlite
      .prepare('INSERT OR IGNORE INTO charge_waivers (invoice_id, component, reason, waived_on, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(waiver.invoiceId, waiver.component, waiver.reason, today, now).changes;
    if (done === 0) throw new AppError('CONFLICT', `The ${waiver.component === 'interest' ? 'interest' : 'fixed fee'} of this invoice is already waived.`);
    audit(sqlite, now, 'charge.waive', waiver.invoiceId, waiver);
  })();
}

/** Charges a waived component again; the waiver and its reason stay in the audit log. */
export function restoreCharge(sqlite: SqliteDb, invoiceId: number, component: ChargeComponent, now: string): void {
  sqlite.transaction(() => {
    const row = sqlite.prepare('SELECT reason, waived_on AS waivedOn FROM charge_waivers WHERE invoice_id = ? AND component = ?').get(invoiceId, component);
    if (!row) throw new AppError('NOT_FOUND', 'That charge is not waived.');
    sqlite.prepare('DELETE FROM charge_waivers WHERE invoice_id = ? AND component = ?').run(invoiceId, component);
    audit(sqlite, now, 'charge.restore', invoiceId, { invoiceId, component, was: row });
  })();
}
