import type pg from 'pg';
import type { SqliteDb } from '../../db/sqlite';
import type { TableRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import { applyChange } from './apply-change';
import type { PulledChange } from './published-change';
import { notePulled } from './team-state';
import type { JoinProgress } from '../../../shared/team';

const BATCH = 500;
const SELECT = `SELECT c.seq, c.desk_id, c.local_id, c.entity, c.action, c.customer_key, c.record_key, c.payload, c.occurred_at, d.collector
  FROM team_changes c JOIN team_desks d ON d.desk_id = c.desk_id`;

interface ChangeRow {
  seq: string;
  desk_id: string;
  local_id: string;
  entity: string;
  action: PulledChange['action'];
  customer_key: string | null;
  record_key: string;
  payload: PulledChange['payload'];
  occurred_at: Date;
  collector: string;
}

export interface PullResult {
  pulled: number;
  applied: number;
  waiting: number;
  /** Customers whose data changed here: the queue re-scores them. */
  touched: Set<number>;
  /** Team settings, ladder policies or templates changed here: every customer's due step may have moved. */
  teamWide: boolean;
}

/**
 * Pulls what the other desks published after this desk's cursor, in server order, a batch per local
 * transaction that also moves the cursor: a pull killed part-way resumes where the last commit left
 * it, and a change applied twice is recognised (apply-change.ts). This desk's own changes come back
 * too and are passed over. Then changes that waited for a customer are tried again.
 */
export async function pullChanges(
  pool: pg.Pool,
  sqlite: SqliteDb,
  deskId: string,
  pulledThrough: number,
  pushedThrough: number,
  now: string,
  progress?: JoinProgress,
): Promise<PullResult> {
  const result: PullResult = { pulled: 0, applied: 0, waiting: 0, touched: new Set(), teamWide: false };
  let after = pulledThrough;
  const total = progress ? await countAfter(pool, 'team_changes', after) : 0;
  let done = 0;
  for (;;) {
    const { rows } = await pool.query<ChangeRow>(`${SELECT} WHERE c.seq > $1 ORDER BY c.seq LIMIT ${BATCH}`, [after]);
    if (rows.length === 0) break;
    sqlite.transaction(() => {
      for (const row of rows) {
        if (row.desk_id === deskId) continue;
        result.pulled++;
        const change = toChange(row);
        const applied = applyChange(sqlite, change, pushedThrough, now);
        if (applied.outcome === 'applied') {
          result.applied++;
          if (applied.customerId === null) result.teamWide = true;
          else result.touched.add(applied.customerId);
        } else if (applied.outcome === 'waiting') {
          prepareCached(sqlite, 'INSERT OR IGNORE INTO team_waiting (seq, change) VALUES (?, ?)').run(change.seq, JSON.stringify(change));
        }
      }
      notePulled(sqlite, Number(rows[rows.length - 1]!.seq));
    })();
    after = Number(rows[rows.length - 1]!.seq);
    done += rows.length;
    progress?.("Applying the team's activities", done, total);
  }
  retryWaiting(sqlite, pushedThrough, now, result);
  return result;
}

/** Published changes by seq, in server order (a snapshot names those its loader applies). */
export async function fetchChanges(pool: pg.Pool, seqs: readonly number[]): Promise<PulledChange[]> {
  const { rows } = await pool.query<ChangeRow>(`${SELECT} WHERE c.seq = ANY($1::bigint[]) ORDER BY c.seq`, [seqs]);
  return rows.map(toChange);
}

function toChange(row: ChangeRow): PulledChange {
  return {
    seq: Number(row.seq),
    deskId: row.desk_id,
    localId: Number(row.local_id),
    entity: row.entity,
    action: row.action,
    customerKey: row.customer_key,
    recordKey: row.record_key,
    payload: row.payload,
    occurredAt: row.occurred_at.toISOString(),
    collector: row.collector,
  };
}

/** Changes about customers that were missing, in server order, now that an import may have brought them. */
function retryWaiting(sqlite: SqliteDb, pushedThrough: number, now: string, result: PullResult): void {
  const waiting = prepareCached(sqlite, 'SELECT seq, change FROM team_waiting ORDER BY seq').all() as TableRow<'team_waiting'>[];
  sqlite.transaction(() => {
    for (const row of waiting) {
      const applied = applyChange(sqlite, JSON.parse(row.change) as PulledChange, pushedThrough, now);
      if (applied.outcome === 'waiting') continue;
      prepareCached(sqlite, 'DELETE FROM team_waiting WHERE seq = ?').run(row.seq);
      if (applied.outcome === 'applied' && applied.customerId !== null) {
        result.applied++;
        result.touched.add(applied.customerId);
      }
    }
  })();
  result.waiting = (prepareCached(sqlite, 'SELECT count(*) AS n FROM team_waiting').get() as { n: number }).n;
}

/** How many rows of a published table come after a cursor: the total a joining desk's progress counts towards. */
export async function countAfter(pool: pg.Pool, table: 'team_changes' | 'team_ledger_batches', after: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE seq > $1`, [after]);
  return rows[0]?.n ?? 0;
}
