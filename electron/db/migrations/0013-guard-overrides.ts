import type { Migration } from './migration';

/**
 * Holds a collector lifted for one queued message (an invoice kept despite its dispute, the contact
 * rhythm ignored): the sender checks every message again just before it goes and must not hold it
 * for what the collector already decided. Why they decided is in the audit log.
 */
export const guardOverrides: Migration = {
  name: 'guard-overrides',
  up: (db) => {
    db.exec(`
      CREATE TABLE outbox_guard_overrides (
        message_id INTEGER NOT NULL REFERENCES outbox_messages(id) ON DELETE CASCADE,
        -- NULL: the contact rhythm, which is the customer's, not an invoice's.
        invoice_id INTEGER REFERENCES invoices(id) ON DELETE CASCADE,
        hold TEXT NOT NULL
      );
      CREATE INDEX outbox_guard_overrides_message ON outbox_guard_overrides(message_id);
    `);
  },
};
