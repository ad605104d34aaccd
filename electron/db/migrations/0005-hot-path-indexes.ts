import type { Migration } from './migration';

/**
 * Shapes for the two hot paths: the queue asking the ladder about every customer, and the outbox
 * sending thousands of messages.
 * - The open-invoices index covers what the ladder reads (number, payment in transit, the ERP's
 *   dispute flag): open invoices are scattered through the ledger, and reading their rows was 9 in
 *   10 of the time. The worklist's own query stays covered by it.
 * - A message's HTML and text move to their own table. SQLite rewrites a whole row on every update,
 *   so each status change (queued → sending → sent) was rewriting kilobytes of body.
 * - Counting a batch's messages by status reads an index instead of every message.
 */
export const hotPathIndexes: Migration = {
  name: 'hot-path-indexes',
  up: (db) => {
    db.exec(`
      DROP INDEX invoices_open;
      CREATE INDEX invoices_open ON invoices(customer_id, currency, due_date, open_minor, number, in_transit_since, disputed) WHERE status = 'open';

      CREATE TABLE outbox_message_bodies (
        message_id INTEGER PRIMARY KEY REFERENCES outbox_messages(id) ON DELETE CASCADE,
        html TEXT NOT NULL,
        text TEXT NOT NULL
      );
      INSERT INTO outbox_message_bodies (message_id, html, text) SELECT id, html, text FROM outbox_messages;
      ALTER TABLE outbox_messages DROP COLUMN html;
      ALTER TABLE outbox_messages DROP COLUMN text;

      DROP INDEX outbox_messages_batch;
      CREATE INDEX outbox_messages_batch ON outbox_messages(batch_id, status);
    `);
  },
};
