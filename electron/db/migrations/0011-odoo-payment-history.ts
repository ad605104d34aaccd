import type { Migration } from './migration';

/**
 * Odoo payments were split over the invoices they paid by each invoice's paid amount rather than by
 * what the payment itself paid (issue 18): a payment over two invoices, one of them part-paid before,
 * counted the earlier part twice and left a phantom unapplied credit. The connector now reads Odoo's
 * own matches (account.partial.reconcile). The Odoo payments synced so far, their allocations and
 * the credits the ledger made of their leftovers are cleared, and the Odoo cursor with them, so the
 * next sync rebuilds them from Odoo. Invoice balances are Odoo's and stay as they are; the rebuilt
 * history takes the place of the adjustments it explains.
 */
export const odooPaymentHistory: Migration = {
  name: 'odoo-payment-history',
  up: (db) => {
    db.exec(`
      DELETE FROM payments WHERE source = 'odoo';
      DELETE FROM credit_notes WHERE source = 'odoo' AND kind = 'unapplied_payment';
      DELETE FROM sync_cursors WHERE connector = 'odoo';
    `);
  },
};
