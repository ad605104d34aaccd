import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { columns, type ColumnsRow } from '../../db/typed-row';

/** The sync outbox's columns a push reads: what a desk publishes, before team keys replace local ids. */
const OUTBOX_ROW = ['id', 'entity', 'entity_id', 'action', 'payload', 'created_at'] as const;
export type OutboxRow = ColumnsRow<'sync_outbox', (typeof OUTBOX_ROW)[number]>;

export function readOutboxAfter(sqlite: SqliteDb, after: number, limit: number): OutboxRow[] {
  return prepareCached(
    sqlite,
    `SELECT ${columns('sync_outbox', 'o', OUTBOX_ROW)} FROM sync_outbox o
    WHERE o.id > ? ORDER BY o.id LIMIT ?`,
  ).all(after, limit) as OutboxRow[];
}
