import type pg from 'pg';
import type { JoinProgress } from '../../../shared/team';
import type { SqliteDb } from '../../db/sqlite';
import { dropIndexes, enlargeCache, rollbackJournal } from '../ledger/big-write';
import { ledgerFollowedUp } from '../ledger/follow-up';
import { serverTransaction } from './team-connection';
import { applyReplay, replayOf, SHARED_TABLES, sharedParts } from './shared-snapshot';
import { insertPart, objectParts, packPart, partText, SNAPSHOT_FORMAT, tableParts, unpackPart, type PartRows } from './snapshot-part';
import { noteLedgerPulled, notePulled, readTeamState } from './team-state';

/** The ledger's tables, parents first; a desk that loads them keeps their ids (it had none of its own), and so do the shared ones. */
const LEDGER_TABLES = ['customers', 'contacts', 'invoices', 'payments', 'credit_notes', 'allocations', 'import_batches'] as const;
/** The risk learned from that ledger: the latest model and every customer's score by it. */
const RISK_TABLES = ['risk_models', 'customer_risk'] as const;
const PART_ROWS = 20_000;
/** Parts on their way (fetched and unpacked) while the desk writes the one before. */
const PARTS_AHEAD = 2;
/** Batches published after the latest snapshot before the leader makes a new one. */
export const SNAPSHOT_EVERY = 50;
/** … or changes published after it: a new desk's tail stays short in a team that imports rarely. */
export const SNAPSHOT_EVERY_CHANGES = 10_000;

/** Whether the leader should store a new snapshot: none yet, one in an older format, or the latest is that many batches or changes behind. */
export async function snapshotDue(pool: pg.Pool, sqlite: SqliteDb): Promise<boolean> {
  const state = readTeamState(sqlite)!;
  const { rows } = await pool.query<{ ledger: string; changes: string | null; format: number }>(
    'SELECT ledger_through AS ledger, changes_through AS changes, format FROM team_snapshots WHERE complete ORDER BY id DESC LIMIT 1',
  );
  const latest = rows[0];
  return (
    !latest ||
    latest.format < SNAPSHOT_FORMAT ||
    state.ledgerPulledThrough - Number(latest.ledger) >= SNAPSHOT_EVERY ||
    state.pulledThrough - Number(latest.changes ?? 0) >= SNAPSHOT_EVERY_CHANGES
  );
}

/**
 * Stores this desk's book as it is after the published ledger batches and changes it has pulled: the
 * ledger, the risk learned from it, and the team's shared activities (shared-snapshot.ts), in one
 * server transaction marked complete last. Only at a settled moment: everything this desk did is on
 * the server and nothing was pulled since the changes to replay were chosen; otherwise a later
 * exchange tries again (false). The rows are read in one SQLite transaction first (an ERP sync on
 * this desk may write the ledger while the parts upload, and a part read after it would name rows an
 * earlier part lacks), as the parts' JSON text; each is gzipped (in the thread pool) while the one
 * before it uploads.
 */
export async function storeSnapshot(pool: pg.Pool, sqlite: SqliteDb, deskId: string): Promise<boolean> {
  const before = readTeamState(sqlite)!;
  const replay = await replayOf(pool, deskId, before.pulledThrough);
  const parts = sqlite.transaction(() => {
    const state = readTeamState(sqlite)!;
    if (state.pulledThrough !== before.pulledThrough || state.ledgerPulledThrough !== before.ledgerPulledThrough || unpushed(sqlite, state.pushedThrough))
      return null;
    const found: { table: string; text: string }[] = [];
    for (const table of LEDGER_TABLES) for (const rows of tableParts(sqlite, table, PART_ROWS)) found.push({ table, text: partText(rows) });
    for (const { table, rows } of [...riskParts(sqlite), ...sharedParts(sqlite, deskId, replay, PART_ROWS)]) found.push({ table, text: partText(rows) });
    return found;
  })();
  if (!parts) return false;
  await serverTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      'INSERT INTO team_snapshots (desk_id, ledger_through, changes_through, format) VALUES ($1, $2, $3, $4) RETURNING id',
      [deskId, before.ledgerPulledThrough, before.pulledThrough, SNAPSHOT_FORMAT],
    );
    const id = rows[0]!.id;
    let packing = parts[0] ? packPart(parts[0].text) : null;
    for (const [part, { table }] of parts.entries()) {
      const data = await packing!;
      packing = parts[part + 1] ? packPart(parts[part + 1]!.text) : null;
      parts[part]!.text = '';
      await client.query('INSERT INTO team_snapshot_parts (snapshot_id, part, table_name, data) VALUES ($1, $2, $3, $4)', [id, part, table, data]);
    }
    await client.query('UPDATE team_snapshots SET complete = true WHERE id = $1', [id]);
  });
  return true;
}

/** Whether this desk holds something the server does not have yet: an activity or a ledger batch. */
const unpushed = (sqlite: SqliteDb, pushedThrough: number): boolean =>
  sqlite.prepare('SELECT 1 FROM sync_outbox WHERE id > ? UNION ALL SELECT 1 FROM team_ledger_outbox LIMIT 1').get(pushedThrough) !== undefined;

/**
 * The latest risk model and its scores, when they follow the ledger being read (no ledger write
 * waits for its re-scoring: follow-up.ts). A desk loading them on the model's own day ranks with them
 * rather than learning the same model again from the same ledger; otherwise it learns as before.
 */
function riskParts(sqlite: SqliteDb): { table: string; rows: PartRows }[] {
  if (!ledgerFollowedUp(sqlite)) return [];
  const model = sqlite.prepare('SELECT trained_at, as_of, n_train, model FROM risk_models ORDER BY id DESC LIMIT 1').all() as Record<string, unknown>[];
  if (model.length === 0) return [];
  return [
    { table: 'risk_models', rows: objectParts(model, 1)[0]! },
    ...[...tableParts(sqlite, 'customer_risk', PART_ROWS)].map((rows) => ({ table: 'customer_risk', rows })),
  ];
}

/** What a desk found in the snapshot it loaded: the day of the risk model it carried, if any. */
export interface LoadedSnapshot {
  riskAsOf: string | null;
}

interface FetchedPart {
  table: string;
  rows: PartRows;
}

/**
 * A desk joining with no book of its own takes the latest complete snapshot: the ledger's rows as
 * they are (only columns this desk's schema has), the risk learned from them, and the ledger cursor,
 * in one local transaction, so the batches after it follow and none before it is replayed. Parts
 * are fetched a few ahead inside that transaction and unpacked in the thread pool while the one
 * before is written: a million invoices never sit in memory at once. A snapshot of format 1 (a JSON
 * object per row, from before server migration 0009) loads too. `progress` hears each part.
 * Returns null when none was loaded.
 */
export async function loadSnapshot(pool: pg.Pool, sqlite: SqliteDb, now: string, progress?: JoinProgress): Promise<LoadedSnapshot | null> {
  if (sqlite.prepare('SELECT 1 FROM customers LIMIT 1').get()) return null;
  const { rows } = await pool.query<{ id: string; ledger_through: string; changes_through: string | null; parts: number }>(
    `SELECT s.id, s.ledger_through, s.changes_through, (SELECT count(*)::int FROM team_snapshot_parts p WHERE p.snapshot_id = s.id) AS parts
    FROM team_snapshots s WHERE s.complete ORDER BY s.id DESC LIMIT 1`,
  );
  const snapshot = rows[0];
  if (!snapshot) return null;
  const known = new Map(
    [...LEDGER_TABLES, ...RISK_TABLES, ...SHARED_TABLES].map((table) => [
      table,
      new Set((sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)),
    ]),
  );
  const fetchPart = async (part: number): Promise<FetchedPart | null> => {
    if (part >= snapshot.parts) return null;
    const { rows: found } = await pool.query<{ table_name: string; rows: Record<string, unknown>[] | null; data: Buffer | null }>(
      'SELECT table_name, rows, data FROM team_snapshot_parts WHERE snapshot_id = $1 AND part = $2',
      [snapshot.id, part],
    );
    const { table_name: table, rows: objects, data } = found[0]!;
    return { table, rows: data ? await unpackPart(data) : (objectParts(objects ?? [], Infinity)[0] ?? { columns: [], values: [] }) };
  };
  // Awaited in turn; a part that fails while an earlier one is written is not an unhandled rejection meanwhile.
  const fetchAhead = (part: number): Promise<FetchedPart | null> => {
    const fetched = fetchPart(part);
    fetched.catch(() => undefined);
    return fetched;
  };
  const ahead = Array.from({ length: PARTS_AHEAD }, (_, part) => fetchAhead(part));
  const loaded: LoadedSnapshot = { riskAsOf: null };
  let riskModelId: number | null = null;
  const replay: number[] = [];
  // An empty book filled in one transaction: each new page is written once, into the file (big-write.ts).
  const restoreJournal = rollbackJournal(sqlite);
  const restoreCache = enlargeCache(sqlite);
  sqlite.prepare('BEGIN IMMEDIATE').run();
  try {
    // … and its indexes are built once at the end, by sorting.
    const rebuild = dropIndexes(sqlite, LEDGER_TABLES);
    for (let part = 0; part < snapshot.parts; part++) {
      const found = (await ahead.shift())!;
      // The next parts travel (and unpack) while this one is written.
      ahead.push(fetchAhead(part + PARTS_AHEAD));
      progress?.(`Loading the team's book: ${found.table.replaceAll('_', ' ')}`, part, snapshot.parts);
      if (found.table === 'team_changes') {
        const seq = found.rows.columns.indexOf('seq');
        for (let at = seq; seq >= 0 && at < found.rows.values.length; at += found.rows.columns.length) replay.push(Number(found.rows.values[at]));
      } else if (found.table === 'risk_models') {
        // The model gets this desk's next id; its scores follow it.
        insertPart(sqlite, 'risk_models', known.get('risk_models')!, found.rows);
        riskModelId = Number((sqlite.prepare('SELECT last_insert_rowid() AS id').get() as { id: number }).id);
        loaded.riskAsOf = String(found.rows.values[found.rows.columns.indexOf('as_of')]);
      } else if (found.table === 'customer_risk') {
        if (riskModelId !== null) insertPart(sqlite, 'customer_risk', known.get('customer_risk')!, found.rows, { model_id: riskModelId });
      } else {
        const columns = known.get(found.table);
        if (columns) insertPart(sqlite, found.table, columns, found.rows);
      }
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
    throw error;
  } finally {
    restoreCache();
    restoreJournal();
  }
  progress?.("Loaded the team's book", snapshot.parts, snapshot.parts);
  return loaded;
}
