import type pg from 'pg';
import type { JoinProgress } from '../../../shared/team';
import type { SqliteDb } from '../../db/sqlite';
import { dropIndexes, enlargeCache } from '../ledger/big-write';
import { serverTransaction } from './team-connection';
import { applyReplay, replayOf, SHARED_TABLES, sharedParts } from './shared-snapshot';
import { noteLedgerPulled, notePulled, readTeamState } from './team-state';

/** The ledger's tables, parents first; a desk that loads them keeps their ids (it had none of its own), and so do the shared ones. */
const LEDGER_TABLES = ['customers', 'contacts', 'invoices', 'payments', 'credit_notes', 'allocations', 'import_batches'] as const;
const PART_ROWS = 20_000;
/** Batches published after the latest snapshot before the leader makes a new one. */
export const SNAPSHOT_EVERY = 50;
/** … or changes published after it: a new desk's tail stays short in a team that imports rarely. */
export const SNAPSHOT_EVERY_CHANGES = 10_000;

/** Whether the leader should store a new snapshot: none yet, or the latest is that many batches or changes behind. */
export async function snapshotDue(pool: pg.Pool, sqlite: SqliteDb): Promise<boolean> {
  const state = readTeamState(sqlite)!;
  const { rows } = await pool.query<{ ledger: string; changes: string | null }>(
    'SELECT ledger_through AS ledger, changes_through AS changes FROM team_snapshots WHERE complete ORDER BY id DESC LIMIT 1',
  );
  const latest = rows[0];
  return (
    !latest ||
    state.ledgerPulledThrough - Number(latest.ledger) >= SNAPSHOT_EVERY ||
    state.pulledThrough - Number(latest.changes ?? 0) >= SNAPSHOT_EVERY_CHANGES
  );
}

/**
 * Stores this desk's book as it is after the published ledger batches and changes it has pulled: the
 * ledger, and the team's shared activities (shared-snapshot.ts), in one server transaction marked
 * complete last. Only at a settled moment: everything this desk did is on the server and nothing was
 * pulled since the changes to replay were chosen; otherwise a later exchange tries again (false).
 * The rows are read in one SQLite transaction first (an ERP sync on this desk may write the ledger
 * while the parts upload, and a part read after it would name rows an earlier part lacks), as JSON
 * text a part at a time.
 */
export async function storeSnapshot(pool: pg.Pool, sqlite: SqliteDb, deskId: string): Promise<boolean> {
  const before = readTeamState(sqlite)!;
  const replay = await replayOf(pool, deskId, before.pulledThrough);
  const parts = sqlite.transaction(() => {
    const state = readTeamState(sqlite)!;
    if (state.pulledThrough !== before.pulledThrough || state.ledgerPulledThrough !== before.ledgerPulledThrough || unpushed(sqlite, state.pushedThrough))
      return null;
    return [...LEDGER_TABLES.flatMap((table) => ledgerParts(sqlite, table)), ...sharedParts(sqlite, deskId, replay, PART_ROWS)];
  })();
  if (!parts) return false;
  await serverTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      'INSERT INTO team_snapshots (desk_id, ledger_through, changes_through) VALUES ($1, $2, $3) RETURNING id',
      [deskId, before.ledgerPulledThrough, before.pulledThrough],
    );
    const id = rows[0]!.id;
    for (const [part, { table, rows: json }] of parts.entries()) {
      await client.query('INSERT INTO team_snapshot_parts (snapshot_id, part, table_name, rows) VALUES ($1, $2, $3, $4::jsonb)', [id, part, table, json]);
    }
    await client.query('UPDATE team_snapshots SET complete = true WHERE id = $1', [id]);
  });
  return true;
}

/** Whether this desk holds something the server does not have yet: an activity or a ledger batch. */
const unpushed = (sqlite: SqliteDb, pushedThrough: number): boolean =>
  sqlite.prepare('SELECT 1 FROM sync_outbox WHERE id > ? UNION ALL SELECT 1 FROM team_ledger_outbox LIMIT 1').get(pushedThrough) !== undefined;

function ledgerParts(sqlite: SqliteDb, table: string): { table: string; rows: string }[] {
  const read = sqlite.prepare(`SELECT rowid AS _rowid, * FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${PART_ROWS}`);
  const found: { table: string; rows: string }[] = [];
  for (let after = 0; ;) {
    const chunk = read.all(after) as Record<string, unknown>[];
    if (chunk.length === 0) return found;
    after = Number(chunk[chunk.length - 1]!._rowid);
    for (const row of chunk) delete row._rowid;
    found.push({ table, rows: JSON.stringify(chunk) });
  }
}

/**
 * A desk joining with no book of its own takes the latest complete snapshot: the ledger's rows as
 * they are (only columns this desk's schema has), and the ledger cursor, in one local transaction,
 * so the batches after it follow and none before it is replayed. Parts are fetched one at a time
 * inside that transaction: a million invoices never sit in memory at once. `progress` hears each
 * part. Returns whether one was loaded.
 */
export async function loadSnapshot(pool: pg.Pool, sqlite: SqliteDb, now: string, progress?: JoinProgress): Promise<boolean> {
  if (sqlite.prepare('SELECT 1 FROM customers LIMIT 1').get()) return false;
  const { rows } = await pool.query<{ id: string; ledger_through: string; changes_through: string | null; parts: number }>(
    `SELECT s.id, s.ledger_through, s.changes_through, (SELECT count(*)::int FROM team_snapshot_parts p WHERE p.snapshot_id = s.id) AS parts
    FROM team_snapshots s WHERE s.complete ORDER BY s.id DESC LIMIT 1`,
  );
  const snapshot = rows[0];
  if (!snapshot) return false;
  const known = new Map(
    [...LEDGER_TABLES, ...SHARED_TABLES].map((table) => [table, new Set((sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name))]),
  );
  const fetchPart = (part: number) =>
    pool.query<{ table_name: string; rows: Record<string, unknown>[] }>(
      'SELECT table_name, rows FROM team_snapshot_parts WHERE snapshot_id = $1 AND part = $2',
      [snapshot.id, part],
    );
  const restoreCache = enlargeCache(sqlite);
  let next = fetchPart(0);
  const replay: number[] = [];
  sqlite.prepare('BEGIN IMMEDIATE').run();
  try {
    // An empty book filled from scratch: its indexes are built once at the end, by sorting (big-write.ts).
    const rebuild = dropIndexes(sqlite, LEDGER_TABLES);
    for (let part = 0; ; part++) {
      const found = (await next).rows[0];
      if (!found) break;
      // The next part travels while this one is written.
      next = fetchPart(part + 1);
      progress?.(`Loading the team's book: ${found.table_name.replaceAll('_', ' ')}`, part, snapshot.parts);
      if (found.table_name === 'team_changes') replay.push(...found.rows.map((row) => Number(row.seq)));
      else insertRows(sqlite, found.table_name, known.get(found.table_name), found.rows);
    }
    progress?.("Indexing the team's book", snapshot.parts, snapshot.parts);
    rebuild();
    progress?.("Applying the leader's own activities", 0, replay.length);
    await applyReplay(pool, sqlite, replay, now);
    noteLedgerPulled(sqlite, Number(snapshot.ledger_through));
    // A snapshot of the ledger alone (an older leader's) leaves every change to pull.
    if (snapshot.changes_through !== null) notePulled(sqlite, Number(snapshot.changes_through));
    sqlite.prepare('COMMIT').run();
  } catch (error) {
    sqlite.prepare('ROLLBACK').run();
    // A part still on its way when a write failed is of no use now.
    next.catch(() => undefined);
    throw error;
  } finally {
    restoreCache();
  }
  progress?.("Loaded the team's book", snapshot.parts, snapshot.parts);
  return true;
}

/** One part's rows, only the columns this desk's schema has, by position (no object per row). */
function insertRows(sqlite: SqliteDb, table: string, columnsOf: ReadonlySet<string> | undefined, rows: readonly Record<string, unknown>[]): void {
  const columns = Object.keys(rows[0] ?? {}).filter((column) => columnsOf?.has(column));
  if (columns.length === 0) return;
  const insert = sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  for (const row of rows) insert.run(columns.map((c) => row[c] ?? null));
}
