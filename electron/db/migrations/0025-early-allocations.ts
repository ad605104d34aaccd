import type { Migration } from './migration';

/**
 * A past day's book counts as credit what a payment received by the day paid on an invoice issued,
 * or a match applied, only after it (ledger/paid-ahead.ts). Only allocations whose payment came in
 * before the later of their invoice's date and their own can ever be such, and they are few; but
 * finding them for a day meant reading every allocation applied, or invoice issued, after it (5.6 s
 * per slice of the queue six months back on a million-invoice book). Triggers keep their ids here as
 * they are written. The list may hold more than those (an allocation changed since); readers check
 * the condition again, so it only has to miss none.
 */
export const earlyAllocations: Migration = {
  name: 'early-allocations',
  up: (db) => {
    const early = (a: string) => `${a}.payment_id IS NOT NULL
      AND (SELECT received_date FROM payments WHERE id = ${a}.payment_id) < max(${a}.applied_date, (SELECT issue_date FROM invoices WHERE id = ${a}.invoice_id))`;
    db.exec(`
      CREATE TABLE allocations_early (allocation_id INTEGER PRIMARY KEY);
      INSERT INTO allocations_early SELECT a.id FROM allocations a WHERE ${early('a')};
      CREATE TRIGGER allocations_early_insert AFTER INSERT ON allocations WHEN ${early('NEW')}
        BEGIN INSERT OR IGNORE INTO allocations_early VALUES (NEW.id); END;
      CREATE TRIGGER allocations_early_update AFTER UPDATE OF applied_date, invoice_id, payment_id ON allocations WHEN ${early('NEW')}
        BEGIN INSERT OR IGNORE INTO allocations_early VALUES (NEW.id); END;
      CREATE TRIGGER allocations_early_delete AFTER DELETE ON allocations
        BEGIN DELETE FROM allocations_early WHERE allocation_id = OLD.id; END;
      CREATE TRIGGER invoices_early_issue AFTER UPDATE OF issue_date ON invoices
        BEGIN INSERT OR IGNORE INTO allocations_early SELECT a.id FROM allocations a WHERE a.invoice_id = NEW.id AND ${early('a')}; END;
      CREATE TRIGGER payments_early_received AFTER UPDATE OF received_date ON payments
        BEGIN INSERT OR IGNORE INTO allocations_early SELECT a.id FROM allocations a WHERE a.payment_id = NEW.id AND ${early('a')}; END;
    `);
  },
};
