import type { Migration } from './migration';

/**
 * A desk's part in a team (issue 24); a solo desk leaves these empty.
 * - team_state: this desk's id on the team server (kept after leaving, so a desk that rejoins is
 *   still itself and never takes its own changes for another's), which server its cursors belong
 *   to, how far its sync outbox has been pushed (a sync_outbox id) and how far the server's changes
 *   have been applied (the server's seq), written in the transaction that applies them;
 * - team_applied: every change pulled from another desk, by (origin desk, its sync outbox id): a
 *   change applied twice (a pull cut short and repeated) is recognised and skipped;
 * - team_records: a shared record (an activity, a contact, an assignment) by its key on every desk,
 *   the local row it is here, and the server seq of the value it holds (last writer wins);
 * - team_waiting: changes pulled about a customer this desk does not have yet (its ERP import is
 *   behind another desk's), applied in server order once the customer arrives.
 */
export const team: Migration = {
  name: 'team',
  up: (db) => {
    db.exec(`
      CREATE TABLE team_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        desk_id TEXT NOT NULL,
        server_id TEXT,
        joined INTEGER NOT NULL DEFAULT 0,
        pushed_through INTEGER NOT NULL DEFAULT 0,
        pulled_through INTEGER NOT NULL DEFAULT 0,
        last_sync_at TEXT,
        last_error TEXT
      );
      CREATE TABLE team_applied (
        origin_desk TEXT NOT NULL,
        origin_id INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (origin_desk, origin_id)
      ) WITHOUT ROWID;
      CREATE TABLE team_records (
        record_key TEXT PRIMARY KEY,
        entity TEXT NOT NULL,
        local_id INTEGER NOT NULL,
        seq INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX team_records_local ON team_records(entity, local_id);
      CREATE TABLE team_waiting (
        seq INTEGER PRIMARY KEY,
        change TEXT NOT NULL
      );
    `);
  },
};
