import type { Migration } from './migration';

/**
 * Write-offs a collector (or a manager, above the collector's limit) decided in Inflow: part or all
 * of an invoice's balance given up, with why. The ledger balance stays the ERP's until its credit
 * note lands; what this table holds is out of the chase (the ladder, the send guard and the queue
 * count an invoice's collectable balance net of it). `written_off_on` is the collector's day, so a
 * past day's book sees only what was written off by then.
 */
export const writeOffs: Migration = {
  name: 'write-offs',
  up: (db) => {
    db.exec(`
      CREATE TABLE write_offs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id),
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        activity_id INTEGER REFERENCES activities(id),
        currency TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        reason TEXT NOT NULL,
        written_off_on TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX write_offs_invoice ON write_offs(invoice_id, written_off_on);
      CREATE INDEX write_offs_customer ON write_offs(customer_id);
    `);
  },
};
