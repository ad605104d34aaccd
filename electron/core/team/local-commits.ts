import type { SqliteDb } from '../../db/sqlite';

/** What this desk keeps for the server: its sync outbox, its ledger batches and its approval requests. */
const FOR_THE_SERVER = ['sync_outbox', 'team_ledger_outbox', 'team_requests'] as const;

/**
 * Calls `committed` soon after a transaction on this connection adds a row to one of the tables a
 * team desk pushes, once however many rows it added. A temporary trigger (this connection's own,
 * nothing in the file's schema) calls a function of ours inside the transaction; better-sqlite3's
 * transactions are synchronous, so the callback, on the next turn of the event loop, runs after the
 * commit. A rolled-back transaction makes a push that finds nothing new. Writes by another process
 * (the CLI) are not seen: the desk's poll finds them.
 */
export function watchLocalCommits(sqlite: SqliteDb, committed: () => void): void {
  let due = false;
  sqlite.function('inflow_team_outbox_grew', { deterministic: false }, () => {
    if (!due) {
      due = true;
      setImmediate(() => {
        due = false;
        committed();
      });
    }
    return null;
  });
  for (const table of FOR_THE_SERVER) {
    sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${table}_grew AFTER INSERT ON main.${table} BEGIN SELECT inflow_team_outbox_grew(); END`);
  }
}
