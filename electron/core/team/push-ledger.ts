import type pg from 'pg';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { columns, type ColumnsRow } from '../../db/typed-row';
import { PUBLISH_LOCK } from './push-changes';
import { serverTransaction } from './team-connection';
import { noteLedgerPushed } from './team-state';

/** Batches can be large (a first import is the whole book): one to a server transaction. */
const JOURNAL = ['id', 'source', 'today', 'batch'] as const;
type JournalRow = ColumnsRow<'team_ledger_outbox', (typeof JOURNAL)[number]>;
const NEXT_BATCH = `SELECT ${columns('team_ledger_outbox', 'j', JOURNAL)} FROM team_ledger_outbox j ORDER BY j.id LIMIT 1`;

/**
 * Publishes this desk's journalled ledger batches in order, each in a transaction under the publish
 * lock (so its seq commits in order, as team_changes' do). A push cut short is repeated: (desk, local
 * id) is unique on the server. A batch is dropped here once the server has it: it is the server's now.
 */
export async function pushLedger(pool: pg.Pool, sqlite: SqliteDb, deskId: string): Promise<number> {
  let pushed = 0;
  for (;;) {
    const row = prepareCached(sqlite, NEXT_BATCH).get() as JournalRow | undefined;
    if (!row) return pushed;
    await serverTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [PUBLISH_LOCK]);
      await client.query(
        `INSERT INTO team_ledger_batches (desk_id, local_id, source, today, batch) VALUES ($1, $2, $3, $4, $5::jsonb)
        ON CONFLICT (desk_id, local_id) DO NOTHING`,
        [deskId, row.id, row.source, row.today, row.batch],
      );
    });
    sqlite.transaction(() => {
      prepareCached(sqlite, 'DELETE FROM team_ledger_outbox WHERE id = ?').run(row.id);
      noteLedgerPushed(sqlite, row.id);
    })();
    pushed++;
  }
}
