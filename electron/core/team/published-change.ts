import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import type { OutboxRow } from './outbox-row';
import { publishedRows, type PublishedRows } from './published-rows';
import { teamPart } from '../settings';
import { TEAM_WIDE_ENTITIES, type TeamWideEntity } from '../../../shared/team-overwrites';
import {
  activityKey,
  addedContactKey,
  assignmentKey,
  bindRecord,
  customerKey,
  importedContactKey,
  invoiceKeys,
  recordKeyOfLocal,
  teamWideKey,
} from './team-keys';

/** One row of a desk's sync outbox as the team server holds it: local ids replaced by team keys. */
export interface PublishedChange {
  localId: number;
  entity: string;
  action: 'create' | 'update' | 'delete';
  /** Null for a team-wide record (a team setting, a ladder policy, an email template): about no customer. */
  customerKey: string | null;
  /** The shared record it changes: a contact, an assignment, an edited activity, the new timeline entry, or a team-wide record. */
  recordKey: string;
  occurredAt: string;
  payload: {
    kind: string;
    /** The activity's body, its invoices as `invoiceKeys`; ids of rows only the origin desk has are left out. */
    body: Record<string, unknown>;
    /** The domain rows it wrote, as another desk writes them too (published-rows.ts); absent from changes published before. */
    rows?: PublishedRows;
  };
}

/** Ids of rows only the desk that wrote them has (a promise, an outbox message …): meaningless elsewhere. */
/** A published change as another desk pulls it: with its server order and who published it. */
export interface PulledChange extends PublishedChange {
  seq: number;
  deskId: string;
  collector: string;
}

const LOCAL_IDS = new Set(['customerId', 'kind', 'promiseId', 'disputeId', 'planId', 'offerId', 'outboxId', 'contactId', 'inboxId', 'activityId']);

/**
 * What the team sees of one outbox row, or null for a row about a customer this desk no longer has.
 * Binds the records it names to their keys, so the seq the server gives them can be kept.
 */
export function publishedChange(sqlite: SqliteDb, deskId: string, row: OutboxRow): PublishedChange | null {
  const raw = JSON.parse(row.payload) as Record<string, unknown>;
  if (isTeamWide(row.entity)) return teamWideChange(sqlite, row, row.entity, raw.value);
  const customer = typeof raw.customerId === 'number' ? customerKey(sqlite, raw.customerId) : null;
  if (!customer) return null;
  const action = row.action === 'update' || row.action === 'delete' ? row.action : 'create';
  const kind = typeof raw.kind === 'string' ? raw.kind : row.entity;
  const body = Object.fromEntries(Object.entries(raw).filter(([key]) => !LOCAL_IDS.has(key) && key !== 'invoiceIds'));
  if (Array.isArray(raw.invoiceIds)) body.invoiceKeys = invoiceKeys(sqlite, raw.invoiceIds as number[]);
  const recordKey = action === 'create' ? createdRecordKey(sqlite, deskId, row, customer, raw) : amendedActivityKey(sqlite, deskId, Number(row.entityId));
  if (!recordKey) return null;
  const rows = publishedRows(sqlite, deskId, row, kind, raw);
  return { localId: row.id, entity: row.entity, action, customerKey: customer, recordKey, occurredAt: row.createdAt, payload: { kind, body, rows } };
}

function createdRecordKey(sqlite: SqliteDb, deskId: string, row: OutboxRow, customer: string, raw: Record<string, unknown>): string {
  if (row.entity === 'contact') return contactKey(sqlite, deskId, Number(row.entityId), customer, raw.before as { email?: string | null; name: string } | null);
  if (raw.kind === 'assignment') {
    const key = assignmentKey(customer);
    bindRecord(sqlite, key, 'assignment', Number(raw.customerId), 0);
    return key;
  }
  const key = activityKey(deskId, row.id);
  // A call or note can be edited later: its timeline entry is found again by this key.
  if (row.entity === 'activity') bindRecord(sqlite, key, 'activity', Number(row.entityId), 0);
  return key;
}

/** The contact's key, made on first use: imported contacts by what the ERP gave them, added ones by this desk. */
function contactKey(sqlite: SqliteDb, deskId: string, contactId: number, customer: string, before: { email?: string | null; name: string } | null): string {
  const known = recordKeyOfLocal(sqlite, 'contact', contactId);
  if (known) return known;
  const key = before ? importedContactKey(customer, before) : addedContactKey(deskId, contactId);
  bindRecord(sqlite, key, 'contact', contactId, 0);
  return key;
}

/** The edited or withdrawn entry: one this desk received has its origin's key, one it made is found by its create row. */
function amendedActivityKey(sqlite: SqliteDb, deskId: string, activityId: number): string | null {
  const known = recordKeyOfLocal(sqlite, 'activity', activityId);
  if (known) return known;
  const created = prepareCached(sqlite, "SELECT id FROM sync_outbox WHERE entity = 'activity' AND entity_id = ? AND action = 'create'").get(
    String(activityId),
  ) as ColumnsRow<'sync_outbox', 'id'> | undefined;
  return created ? activityKey(deskId, created.id) : null;
}

const isTeamWide = (entity: string): entity is TeamWideEntity => (TEAM_WIDE_ENTITIES as readonly string[]).includes(entity);

/**
 * A team setting, ladder policy or template as the team sees it: its whole value (null: deleted).
 * A setting is published only as its shared part, taken again here so that nothing but a team
 * setting's shared fields can ever leave the desk (secrets, this desk's own fields, never).
 */
function teamWideChange(sqlite: SqliteDb, row: OutboxRow, entity: TeamWideEntity, value: unknown): PublishedChange | null {
  const shared = entity === 'setting' && value !== null ? teamPart(row.entityId, value) : value;
  if (shared === undefined) return null;
  const recordKey = teamWideKey(entity, row.entityId);
  // Bound now, so the push can record the seq the server gives this desk's value (last writer wins from there).
  bindRecord(sqlite, recordKey, 'team', 0, 0);
  const action = row.action === 'delete' ? 'delete' : 'update';
  return {
    localId: row.id,
    entity,
    action,
    customerKey: null,
    recordKey,
    occurredAt: row.createdAt,
    payload: { kind: entity, body: { value: shared ?? null } },
  };
}
