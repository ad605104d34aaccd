import type { Migration } from './migration';

/**
 * A past day's book (ledger/book.ts) gathers the invoices open then: those open today, and those
 * settled since with something applied after the day. The second are found from the allocations
 * and were read from the invoices table by id, a decrypted page of whole rows per invoice (250,000
 * of them six months back on a million-invoice book). This index holds the few columns that read
 * needs for settled invoices only, keyed by id, so it is read instead of the table.
 */
export const settledInvoicesIndex: Migration = {
  name: 'settled-invoices-index',
  up: (db) => {
    db.exec(`CREATE INDEX invoices_settled ON invoices(id, issue_date, customer_id, currency, due_date, open_minor) WHERE status NOT IN ('open', 'void')`);
  },
};
