import type pg from 'pg';
import { serverTransaction } from './team-connection';
import type { SqliteDb } from '../../db/sqlite';
import { readOutboxAfter } from './outbox-row';
import { publishedChange, type PublishedChange } from './published-change';
import { bindRecord, sharedRecord } from './team-keys';
import { notePushed } from './team-state';

const BATCH = 500;
/**
 * Every push takes this lock for its transaction, so changes commit in the order of their seq: a
 * desk that has read up to seq N can never see a smaller seq appear later (a sequence alone hands
 * out numbers in one order and lets transactions commit in another).
 */
export const PUBLISH_LOCK = 'inflow.team.publish';

/**
 * Pushes this desk's sync outbox to the server in order, a batch per transaction, and returns how
 * many rows went. A push cut short is repeated whole: (desk, local id) is unique on the server, so
 * rows already there are skipped and their seq read back. Only then does the local cursor move.
 */
export async function pushChanges(pool: pg.Pool, sqlite: SqliteDb, deskId: string, pushedThrough: number): Promise<number> {
  let after = pushedThrough;
  let pushed = 0;
  for (;;) {
    const rows = readOutboxAfter(sqlite, after, BATCH);
    if (rows.length === 0) return pushed;
    const changes = sqlite.transaction(() => rows.flatMap((row) => publishedChange(sqlite, deskId, row) ?? []))();
    const seqs = changes.length > 0 ? await publish(pool, deskId, changes) : new Map<number, number>();
    const last = rows[rows.length - 1]!.id;
    sqlite.transaction(() => {
      // The value this desk holds of each record is now the server's at that seq (last writer wins from there).
      for (const change of changes) {
        const record = sharedRecord(sqlite, change.recordKey);
        const seq = seqs.get(change.localId);
        if (record && seq !== undefined) bindRecord(sqlite, change.recordKey, entityOfKey(change.recordKey), record.localId, seq);
      }
      notePushed(sqlite, last);
    })();
    pushed += changes.length;
    after = last;
  }
}

const entityOfKey = (key: string): string => (JSON.parse(key) as string[])[0]!;

async function publish(pool: pg.Pool, deskId: string, changes: readonly PublishedChange[]): Promise<Map<number, number>> {
  return serverTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [PUBLISH_LOCK]);
    const rows = changes.map((c) => ({
      local_id: c.localId,
      entity: c.entity,
      action: c.action,
      customer_key: c.customerKey,
      record_key: c.recordKey,
      payload: c.payload,
      occurred_at: c.occurredAt,
    }));
    await client.query(
      `INSERT INTO team_changes (desk_id, local_id, entity, action, customer_key, record_key, payload, occurred_at)
      SELECT $1, local_id, entity, action, customer_key, record_key, payload, occurred_at
      FROM jsonb_to_recordset($2::jsonb) AS x(local_id bigint, entity text, action text, customer_key text, record_key text, payload jsonb, occurred_at timestamptz)
      ORDER BY local_id
      ON CONFLICT (desk_id, local_id) DO NOTHING`,
      [deskId, JSON.stringify(rows)],
    );
    const published = await client.query<{ seq: string; local_id: string }>(
      'SELECT seq, local_id FROM team_changes WHERE desk_id = $1 AND local_id = ANY($2::bigint[])',
      [deskId, changes.map((c) => c.localId)],
    );
    await client.query('UPDATE team_desks SET last_seen_at = now() WHERE desk_id = $1', [deskId]);
    return new Map(published.rows.map((row) => [Number(row.local_id), Number(row.seq)]));
  });
}
