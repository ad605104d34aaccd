import type { Migration } from './migration';

/**
 * Late-payment charges invoiced in the ERP (issue 23), only ever on the collector's explicit action:
 * - charge_pushes: one invoice of charges per customer, currency and push, kept as an outbox row
 *   (written before anything is sent; `pushed_at` and the ERP's id once the ERP took it). `ref` is
 *   the batch's key in the ERP (Odoo's ref, QuickBooks' DocNumber and requestid), so a retry after a
 *   crash or while offline finds the first attempt instead of making a second invoice;
 * - charge_push_lines: which charge of which invoice each push holds, so none is invoiced twice
 *   (interest by the amount pushed so far: what accrues later can be pushed later).
 */
export const chargePushes: Migration = {
  name: 'charge-pushes',
  up: (db) => {
    db.exec(`
      CREATE TABLE charge_pushes (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        connector TEXT NOT NULL,
        ref TEXT NOT NULL UNIQUE,
        currency TEXT NOT NULL,
        as_of TEXT NOT NULL,
        total_minor INTEGER NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        erp_id TEXT,
        erp_number TEXT,
        pushed_at TEXT
      );
      CREATE INDEX charge_pushes_pending ON charge_pushes(pushed_at, id);
      CREATE INDEX charge_pushes_customer ON charge_pushes(customer_id, id);
      CREATE TABLE charge_push_lines (
        push_id INTEGER NOT NULL REFERENCES charge_pushes(id) ON DELETE CASCADE,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        component TEXT NOT NULL CHECK (component IN ('interest', 'fixed_fee')),
        amount_minor INTEGER NOT NULL,
        PRIMARY KEY (push_id, invoice_id, component)
      );
      CREATE INDEX charge_push_lines_invoice ON charge_push_lines(invoice_id, component);
    `);
  },
};
