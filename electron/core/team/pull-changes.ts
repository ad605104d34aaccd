import type pg from 'pg';
import type { SqliteDb } from '../../db/sqlite';
import type { TableRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import { applyChange } from './apply-change';
import type { PulledChange } from './published-change';
import { notePulled } from './team-state';

const BATCH = 500;

interface ChangeRow {
  seq: string;
  desk_id: string;
  local_id: string;
  entity: string;
  action: PulledChange['action'];
  customer_key: string;
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
): Promise<PullResult> {
  const result: PullResult = { pulled: 0, applied: 0, waiting: 0, touched: new Set() };
  let after = pulledThrough;
  for (;;) {
    const { rows } = await pool.query<ChangeRow>(
      `SELECT c.seq, c.desk_id, c.local_id, c.entity, c.action, c.customer_key, c.record_key, c.payload, c.occurred_at, d.collector
      FROM team_changes c JOIN team_desks d ON d.desk_id = c.desk_id WHERE c.seq > $1 ORDER BY c.seq LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) break;
    sqlite.transaction(() => {
      for (const row of rows) {
        if (row.desk_id === deskId) continue;
        result.pulled++;
        const change = toChange(row);
        const applied = applyChange(sqlite, change, pushedThrough, now);
        if (applied.outcome === 'applied') {
          result.applied++;
          result.touched.add(applied.customerId);
        } else if (applied.outcome === 'waiting') {
          prepareCached(sqlite, 'INSERT OR IGNORE INTO team_waiting (seq, change) VALUES (?, ?)').run(change.seq, JSON.stringify(change));
        }
      }
      notePulled(sqlite, Number(rows[rows.length - 1]!.seq));
    })();
    after = Number(rows[rows.length - 1]!.seq);
  }
  retryWaiting(sqlite, pushedThrough, now, result);
  return result;
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
      if (applied.outcome === 'applied') {
        result.applied++;
        result.touched.add(applied.customerId);
      }
    }
  })();
  result.waiting = (prepareCached(sqlite, 'SELECT count(*) AS n FROM team_waiting').get() as { n: number }).n;
}
