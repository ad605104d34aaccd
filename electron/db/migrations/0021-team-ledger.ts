import type { Migration } from './migration';

/**
 * The ledger shared by a team (issue 24): one desk at a time runs the ERP sync and publishes what
 * it wrote, the others apply it.
 * - team_ledger_outbox: each ledger batch a joined desk wrote (an ERP sync page, a file import),
 *   journalled in the batch's own transaction and pushed to the server in order, then dropped;
 * - team_state.ledger_pushed_through / ledger_pulled_through: how far that journal has been pushed
 *   (a team_ledger_outbox id) and how far the server's published batches applied here (its seq).
 */
export const teamLedger: Migration = {
  name: 'team-ledger',
  up: (db) => {
    db.exec(`
      CREATE TABLE team_ledger_outbox (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        today TEXT NOT NULL,
        batch TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      ALTER TABLE team_state ADD COLUMN ledger_pushed_through INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE team_state ADD COLUMN ledger_pulled_through INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
