import type pg from 'pg';
import type { SqliteDb } from '../../db/sqlite';
import type { LedgerBatch } from '../ledger/records';
import { writeBatch } from '../ledger/write-batch';
import { noteLedgerPulled } from './team-state';
import { countAfter } from './pull-changes';
import type { JoinProgress } from '../../../shared/team';

/** Ledger batches are large: a few at a time. */
const BATCHES = 4;

interface BatchRow {
  seq: string;
  desk_id: string;
  /** As text (to_char): a date column would come back as a Date at this machine's midnight. */
  today: string;
  batch: LedgerBatch;
}

/**
 * Applies the ledger batches other desks published after this desk's cursor, in server order, each
 * through the same ledger writer as an ERP sync, with the cursor in the same transaction: a pull cut
 * short resumes after the last batch it committed, and a batch written twice changes nothing
 * (writeBatch upserts). Not journalled again: it is already the team's. Returns the customers touched.
 */
export async function pullLedger(
  pool: pg.Pool,
  sqlite: SqliteDb,
  deskId: string,
  pulledThrough: number,
  now: string,
  progress?: JoinProgress,
): Promise<{ batches: number; touched: Set<number> }> {
  const touched = new Set<number>();
  let after = pulledThrough;
  let batches = 0;
  const total = progress ? await countAfter(pool, 'team_ledger_batches', after) : 0;
  let done = 0;
  for (;;) {
    const { rows } = await pool.query<BatchRow>(
      `SELECT seq, desk_id, to_char(today, 'YYYY-MM-DD') AS today, batch FROM team_ledger_batches
      WHERE seq > $1 ORDER BY seq LIMIT ${BATCHES}`,
      [after],
    );
    if (rows.length === 0) return { batches, touched };
    for (const row of rows) {
      sqlite.transaction(() => {
        if (row.desk_id !== deskId) writeBatch(sqlite, row.batch, row.today, now, touched, { journal: false });
        noteLedgerPulled(sqlite, Number(row.seq));
      })();
      if (row.desk_id !== deskId) batches++;
      after = Number(row.seq);
      progress?.("Applying the ledger's later batches", ++done, total);
    }
  }
}
