import type { ConnectorId, SyncCounts, SyncLogEntry, SyncLogStatus } from '../../../shared/sync';
import type { SqliteDb } from '../../db/sqlite';

interface LogRow {
  id: number;
  connector: ConnectorId;
  started_at: string;
  finished_at: string;
  status: SyncLogStatus;
  message: string;
  attempts: number;
  counts: string | null;
}

export interface LogWrite {
  connector: ConnectorId;
  startedAt: string;
  finishedAt: string;
  status: SyncLogStatus;
  message: string;
  counts?: SyncCounts;
  /** A watched file's content hash, so a bad file is reported once, not at every scan. */
  ref?: string;
}

/**
 * Adds a sync's outcome to the log. A failure like the one just before it (same connector, status and
 * message, nothing good in between) extends that entry's streak instead of adding one: an ERP down for
 * a weekend is one line, not hundreds.
 */
export function logSync(sqlite: SqliteDb, write: LogWrite): void {
  if (write.status !== 'ok') {
    const last = sqlite.prepare('SELECT id, status, message FROM sync_log WHERE connector = ? AND ref IS ? ORDER BY id DESC LIMIT 1')
      .get(write.connector, write.ref ?? null) as Pick<LogRow, 'id' | 'status' | 'message'> | undefined;
    if (last && last.status === write.status && last.message === write.message) {
      sqlite.prepare('UPDATE sync_log SET attempts = attempts + 1, finished_at = ? WHERE id = ?').run(write.finishedAt, last.id);
      return;
    }
  }
  sqlite.prepare('INSERT INTO sync_log (connector, started_at, finished_at, status, message, counts, ref) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(write.connector, write.startedAt, write.finishedAt, write.status, write.message, write.counts ? JSON.stringify(write.counts) : null, write.ref ?? null);
}

/** Whether something with this ref (a watched file's content hash, a sync note's cause) is on the log already. */
export function refLogged(sqlite: SqliteDb, connector: ConnectorId, ref: string): boolean {
  return sqlite.prepare('SELECT 1 FROM sync_log WHERE connector = ? AND ref = ?').get(connector, ref) !== undefined;
}

export function recentSyncLog(sqlite: SqliteDb, limit: number): SyncLogEntry[] {
  const rows = sqlite.prepare('SELECT * FROM sync_log ORDER BY id DESC LIMIT ?').all(limit) as LogRow[];
  return rows.map((row) => ({
    id: row.id, connector: row.connector, startedAt: row.started_at, finishedAt: row.finished_at, status: row.status,
    message: row.message, attempts: row.attempts, counts: row.counts ? (JSON.parse(row.counts) as SyncCounts) : null,
  }));
}
