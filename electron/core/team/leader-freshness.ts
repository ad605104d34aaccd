import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import type { LeaseHolder } from './sync-lease';

/** When this desk's ledger last took in the ERP's data, as the send guard's freshness check reads it (sync/sync-freshness.ts). */
export function ledgerSyncedAt(sqlite: SqliteDb): string | null {
  return (prepareCached(sqlite, 'SELECT MAX(committed_at) AS at FROM import_batches').get() as { at: string | null }).at;
}

/**
 * A desk that applies the sync leader's batches is as fresh as the leader's ledger once it has pulled
 * them: noted as an import of the team's, so reminders are not held as stale on a desk that does not
 * poll the ERP itself. Called after the ledger pull, and the leader pushes its batches before its
 * time, so every batch up to that time is here.
 */
export function noteLeaderFreshness(sqlite: SqliteDb, holder: LeaseHolder | null, deskId: string): void {
  if (!holder?.syncedAt || holder.deskId === deskId) return;
  const at = ledgerSyncedAt(sqlite);
  if (at !== null && at >= holder.syncedAt) return;
  prepareCached(
    sqlite,
    `INSERT INTO import_batches (source, preset, kind, file_name, file_sha256, snapshot, committed_at, summary)
    VALUES ('team', 'team', 'team', ?, '', 0, ?, '{}')`,
  ).run(`the team's ERP sync (${holder.collector})`, holder.syncedAt);
}
