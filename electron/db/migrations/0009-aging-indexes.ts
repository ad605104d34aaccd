import type { Migration } from './migration';

/**
 * Shapes for aging as of a date in SQL over a million invoices:
 * - Open invoices by issue date, covering what aging sums, so the report reads one index instead
 *   of every invoice row. (A non-void invoice is 'open' exactly when its open balance is not zero.)
 * - Allocations by date: what was applied after the as-of date is all that turns a settled item
 *   back into an open one, and for "as of today" there is none, so the range is empty.
 * - Allocations by credit note: a credit's balance on a date (and the cascade when one is deleted)
 *   otherwise scanned every allocation once per credit.
 */
export const agingIndexes: Migration = {
  name: 'aging-indexes',
  up: (db) => {
    db.exec(`
      CREATE INDEX invoices_open_aging ON invoices(issue_date, customer_id, currency, due_date, open_minor) WHERE status = 'open';
      CREATE INDEX allocations_applied ON allocations(applied_date, invoice_id, credit_note_id, amount_minor);
      CREATE INDEX allocations_credit ON allocations(credit_note_id, applied_date) WHERE credit_note_id IS NOT NULL;
    `);
  },
};
