import type { TeamWideEntity } from '../../../shared/team-overwrites';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import type { PulledChange } from './published-change';
import { bindRecord, sharedRecord, type SharedRecord } from './team-keys';

/** A pulled change being applied, inside the pull's transaction. */
export interface Applying {
  sqlite: SqliteDb;
  change: PulledChange;
  /** This desk's sync outbox rows after this one are not on the server yet: they will be later than any change pulled now. */
  pushedThrough: number;
  now: string;
}

/** This desk's own edits of one record: a condition on its sync outbox and its parameters. */
export interface OwnEdits {
  where: string;
  params: string[];
}

export const ownEdits = {
  contact: (contactId: number | string): OwnEdits => ({ where: "entity = 'contact' AND entity_id = ?", params: [String(contactId)] }),
  assignment: (customerId: number | string): OwnEdits => ({
    where: "entity = 'customer' AND entity_id = ? AND json_extract(payload, '$.kind') = 'assignment'",
    params: [String(customerId)],
  }),
  teamWide: (entity: TeamWideEntity, id: string): OwnEdits => ({ where: 'entity = ? AND entity_id = ?', params: [entity, id] }),
};

/** Whether the pulled value wins: it is later in server order than the one held here, and nothing changed here since that is still unpushed. */
export const pulledWins = (change: PulledChange, record: SharedRecord | null, pendingHere: boolean): boolean =>
  !pendingHere && (record === null || change.seq > record.seq);

export function pendingHere(apply: Applying, own: OwnEdits): boolean {
  return apply.sqlite.prepare(`SELECT 1 FROM sync_outbox WHERE id > ? AND ${own.where} LIMIT 1`).get(apply.pushedThrough, ...own.params) !== undefined;
}

/**
 * When this desk made the edit the value it holds comes from, or null when that value is another
 * desk's (its seq is one this desk pulled) or was never edited here.
 */
function yourEditAt(apply: Applying, record: SharedRecord | null, own: OwnEdits): string | null {
  if (!record || record.seq === 0 || prepareCached(apply.sqlite, 'SELECT 1 FROM team_applied WHERE seq = ?').get(record.seq)) return null;
  const row = apply.sqlite.prepare(`SELECT max(created_at) AS at FROM sync_outbox WHERE id <= ? AND ${own.where}`).get(apply.pushedThrough, ...own.params) as
    { at: string | null } | undefined;
  return row?.at ?? null;
}

export function audit(
  apply: Applying,
  action: 'team.overwrite' | 'team.superseded',
  entity: string,
  entityId: number | string,
  detail: Record<string, unknown>,
): void {
  prepareCached(apply.sqlite, "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'team', ?, ?, ?, ?)").run(
    apply.now,
    action,
    entity,
    String(entityId),
    JSON.stringify({ ...detail, by: apply.change.collector, seq: apply.change.seq }),
  );
}

/** One mutable record another desk changed: where it is here and what it holds. */
export interface Contest {
  /** The audit log's name for it (`contact`, `customer`, `setting` …) and its id there. */
  entity: string;
  entityId: number | string;
  /** Its row in team_records: the entity named by its key's first part and its local id (0 for a team-wide record). */
  bind: { entity: string; localId: number };
  own: OwnEdits;
  current: unknown;
  incoming: unknown;
  /** Kept in both audit rows (e.g. which field of the customer). */
  detail?: Record<string, unknown>;
}

/**
 * Last writer wins in server order: the pulled value is written when it is later than the one held
 * here and this desk has no unpushed edit of the record (that edit will be later still, on every
 * desk). Either way the audit log keeps the loser: `team.overwrite` with this desk's value before
 * (and when this desk made it, for the note on screen), or `team.superseded` with theirs.
 */
export function lastWriterWins(apply: Applying, contest: Contest, write: () => void): boolean {
  const { sqlite, change } = apply;
  const record = sharedRecord(sqlite, change.recordKey);
  if (pulledWins(change, record, pendingHere(apply, contest.own))) {
    const mine = yourEditAt(apply, record, contest.own);
    write();
    bindRecord(sqlite, change.recordKey, contest.bind.entity, contest.bind.localId, change.seq);
    audit(apply, 'team.overwrite', contest.entity, contest.entityId, {
      ...contest.detail,
      before: contest.current,
      after: contest.incoming,
      changedAt: change.occurredAt,
      yourEditAt: mine,
    });
    return true;
  }
  bindRecord(sqlite, change.recordKey, contest.bind.entity, contest.bind.localId, record?.seq ?? 0);
  audit(apply, 'team.superseded', contest.entity, contest.entityId, { ...contest.detail, kept: contest.current, theirs: contest.incoming });
  return false;
}
