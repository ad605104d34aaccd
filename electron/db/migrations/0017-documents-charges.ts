import type { Migration } from './migration';

/**
 * Statements, letters and late-payment charges (issue 23):
 * - reference_rates: central-bank rates the user adds or corrects; the known history ships in code
 *   (electron/core/charges/reference-rate-history.ts) and a row here wins over it for its date;
 * - charge_waivers: a late-payment charge (an invoice's interest or its fixed fee) given up, with why;
 *   the audit log keeps who and when, and a restored charge leaves its waiver there;
 * - customers.postal_address: the address a statement or letter is posted to (lines as written),
 *   kept by Inflow because the ERP exports seldom carry it.
 */
export const documentsCharges: Migration = {
  name: 'documents-charges',
  up: (db) => {
    db.exec(`
      CREATE TABLE reference_rates (
        series TEXT NOT NULL,
        effective_date TEXT NOT NULL,
        rate_bp INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (series, effective_date)
      );
      CREATE TABLE charge_waivers (
        invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        component TEXT NOT NULL CHECK (component IN ('interest', 'fixed_fee')),
        reason TEXT NOT NULL,
        waived_on TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (invoice_id, component)
      );
      ALTER TABLE customers ADD COLUMN postal_address TEXT;
    `);
  },
};
