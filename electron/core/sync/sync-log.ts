import { z } from 'zod';
import { CONNECTOR_IDS, SYNC_LOG_STATUSES, type ConnectorId, type SyncCounts, type SyncLogEntry, type SyncLogStatus } from '../../../shared/sync';
import type { SqliteDb } from '../../db/sqlite';
import { columns, type ColumnsRow, type TableRow } from '../../db/typed-row';

const LAST = ['id', 'status', 'message'] as const;
const SELECT_LAST = `SELECT ${columns('sync_log', 'l', LAST)} FROM sync_log l WHERE l.connector = ? AND l.ref IS ? ORDER BY l.id DESC LIMIT 1`;
// connector and status are TEXT in the schema (status has a CHECK): parsed where the window gets them.
const connectorId = z.enum(CONNECTOR_IDS);
const logStatus = z.enum(SYNC_LOG_STATUSES);

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
    const last = sqlite.prepare(SELECT_LAST).get(write.connector, write.ref ?? null) as ColumnsRow<'sync_log', (typeof LAST)[number]> | undefined;
    if (last && last.status === write.status && last.message === write.message) {
      sqlite.prepare('UPDATE sync_log SET attempts = attempts + 1, finished_at = ? WHERE id = ?').run(write.finishedAt, last.id);
      return;
    }
  }
  sqlite
    .prepare('INSERT INTO sync_log (connector, started_at, finished_at, status, message, counts, ref) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(
      write.connector,
      write.startedAt,
      write.finishedAt,
      write.status,
      write.message,
      write.counts ? JSON.stringify(write.counts) : null,
      write.ref ?? null,
    );
}

/** Whether something with this ref (a watched file's content hash, a sync note's cause) is on the log already. */
export function refLogged(sqlite: SqliteDb, connector: ConnectorId, ref: string): boolean {
  return sqlite.prepare('SELECT 1 FROM sync_log WHERE connector = ? AND ref = ?').get(connector, ref) !== undefined;
}

export function recentSyncLog(sqlite: SqliteDb, limit: number): SyncLogEntry[] {
  const rows = sqlite.prepare('SELECT * FROM sync_log ORDER BY id DESC LIMIT ?').all(limit) as TableRow<'sync_log'>[];
  return rows.map((row) => ({
    id: row.id,
    connector: connectorId.parse(row.connector),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: logStatus.parse(row.status),
    message: row.message,
    attempts: row.attempts,
    counts: row.counts ? (JSON.parse(row.counts) as SyncCounts) : null,
  }));
}
