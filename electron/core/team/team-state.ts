import { randomUUID } from 'node:crypto';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { columns, type ColumnsRow } from '../../db/typed-row';

export interface TeamState {
  deskId: string;
  serverId: string | null;
  joined: boolean;
  pushedThrough: number;
  pulledThrough: number;
  /** The ledger's journal and the server's published batches (push-ledger.ts, pull-ledger.ts). */
  ledgerPushedThrough: number;
  ledgerPulledThrough: number;
  lastSyncAt: string | null;
  lastError: string | null;
}

const COLUMNS = [
  'desk_id',
  'server_id',
  'joined',
  'pushed_through',
  'pulled_through',
  'ledger_pushed_through',
  'ledger_pulled_through',
  'last_sync_at',
  'last_error',
] as const;
const SELECT = `SELECT ${columns('team_state', 's', COLUMNS)} FROM team_state s WHERE id = 1`;

/** This desk's team state; a desk that never joined has none. */
export function readTeamState(sqlite: SqliteDb): TeamState | null {
  const row = prepareCached(sqlite, SELECT).get() as ColumnsRow<'team_state', (typeof COLUMNS)[number]> | undefined;
  return row ? { ...row, joined: row.joined === 1 } : null;
}

/**
 * Joins `serverId` as this desk: its id is made once and kept for good. Cursors belong to one server:
 * joining another starts them again (this desk's history is pushed there, the others' pulled).
 */
export function markJoined(sqlite: SqliteDb, serverId: string): TeamState {
  sqlite.transaction(() => {
    prepareCached(sqlite, 'INSERT INTO team_state (id, desk_id) VALUES (1, ?) ON CONFLICT (id) DO NOTHING').run(randomUUID());
    prepareCached(
      sqlite,
      `UPDATE team_state SET joined = 1, last_error = NULL,
      pushed_through = CASE WHEN server_id IS ? THEN pushed_through ELSE 0 END,
      pulled_through = CASE WHEN server_id IS ? THEN pulled_through ELSE 0 END,
      ledger_pulled_through = CASE WHEN server_id IS ? THEN ledger_pulled_through ELSE 0 END,
      server_id = ? WHERE id = 1`,
    ).run(serverId, serverId, serverId, serverId);
  })();
  return readTeamState(sqlite)!;
}

export function markLeft(sqlite: SqliteDb): void {
  prepareCached(sqlite, 'UPDATE team_state SET joined = 0 WHERE id = 1').run();
}

export function notePushed(sqlite: SqliteDb, through: number): void {
  prepareCached(sqlite, 'UPDATE team_state SET pushed_through = max(pushed_through, ?) WHERE id = 1').run(through);
}

export function notePulled(sqlite: SqliteDb, through: number): void {
  prepareCached(sqlite, 'UPDATE team_state SET pulled_through = max(pulled_through, ?) WHERE id = 1').run(through);
}

export function noteExchange(sqlite: SqliteDb, at: string, error: string | null): void {
  prepareCached(sqlite, 'UPDATE team_state SET last_sync_at = CASE WHEN ? IS NULL THEN ? ELSE last_sync_at END, last_error = ? WHERE id = 1').run(
    error,
    at,
    error,
  );
}

export function noteLedgerPushed(sqlite: SqliteDb, through: number): void {
  prepareCached(sqlite, 'UPDATE team_state SET ledger_pushed_through = max(ledger_pushed_through, ?) WHERE id = 1').run(through);
}

export function noteLedgerPulled(sqlite: SqliteDb, through: number): void {
  prepareCached(sqlite, 'UPDATE team_state SET ledger_pulled_through = max(ledger_pulled_through, ?) WHERE id = 1').run(through);
}
