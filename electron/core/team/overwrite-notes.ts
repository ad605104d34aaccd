import type { OverwriteNote, OverwritesInput, TeamWideEntity } from '../../../shared/team-overwrites';
import type { SqliteDb } from '../../db/sqlite';
import { ownEdits, type OwnEdits } from './last-writer-wins';

interface OverwriteRow {
  id: number;
  at: string;
  entity: string;
  entityId: string;
  detail: string;
}

interface OverwriteDetail {
  before: unknown;
  after: unknown;
  field?: string;
  by: string;
  changedAt?: string;
  yourEditAt?: string | null;
}

const SELECT = "SELECT id, at, entity, entity_id AS entityId, detail FROM audit_log WHERE actor = 'team' AND action = 'team.overwrite'";

/**
 * Other desks' edits that replaced one of this desk's own ("Maya changed this contact's email 2
 * minutes after you"), from the audit rows last-writer-wins.ts keeps: for a customer's contacts and
 * collector, or for every team setting, ladder policy or template. Only the latest change of each
 * record counts, and only while it stands: once the record is edited here again the note is gone.
 */
export function overwriteNotes(sqlite: SqliteDb, input: OverwritesInput): OverwriteNote[] {
  const rows = (
    'customerId' in input
      ? sqlite
          .prepare(
            `${SELECT} AND ((entity = 'contact' AND entity_id IN (SELECT CAST(id AS TEXT) FROM contacts WHERE customer_id = ?))
            OR (entity = 'customer' AND entity_id = ?)) ORDER BY id DESC`,
          )
          .all(input.customerId, String(input.customerId))
      : sqlite.prepare(`${SELECT} AND entity = ? ORDER BY id DESC`).all(input.entity)
  ) as OverwriteRow[];
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    const record = `${row.entity}|${row.entityId}`;
    if (seen.has(record)) return [];
    seen.add(record);
    const detail = JSON.parse(row.detail) as OverwriteDetail;
    if (!detail.yourEditAt || !detail.changedAt || editedSince(sqlite, ownEditsOf(row.entity, row.entityId), row.at)) return [];
    const fields = changedFields(detail);
    return [
      {
        entity: row.entity,
        entityId: row.entityId,
        fields,
        yours: detail.field
          ? { [detail.field]: detail.before }
          : Object.fromEntries(fields.map((field) => [field, (detail.before as Record<string, unknown>)[field]])),
        by: detail.by,
        changedAt: detail.changedAt,
        yourEditAt: detail.yourEditAt,
      },
    ];
  });
}

const ownEditsOf = (entity: string, id: string): OwnEdits =>
  entity === 'contact' ? ownEdits.contact(id) : entity === 'customer' ? ownEdits.assignment(id) : ownEdits.teamWide(entity as TeamWideEntity, id);

function editedSince(sqlite: SqliteDb, own: OwnEdits, at: string): boolean {
  return sqlite.prepare(`SELECT 1 FROM sync_outbox WHERE created_at > ? AND ${own.where} LIMIT 1`).get(at, ...own.params) !== undefined;
}

/** The fields whose value differs: a customer's named field, or each top-level field of a record. */
function changedFields({ before, after, field }: OverwriteDetail): string[] {
  if (field) return [field];
  if (!isRecord(before) || !isRecord(after)) return [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((key) => canonical(before[key]) !== canonical(after[key]));
}

/**
 * A value as comparable text: keys sorted (PostgreSQL's jsonb reorders them), an absent or empty
 * value as null, a flag as 0 or 1 (SQLite keeps it so).
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === undefined || v === '') return null;
    if (typeof v === 'boolean') return Number(v);
    return isRecord(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((key) => [key, v[key]]),
        )
      : v;
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
