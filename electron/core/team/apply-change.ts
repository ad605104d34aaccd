import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import { writePulledRows } from './apply-rows';
import type { PulledChange } from './published-change';
import { holdsInbox } from './published-inbox';
import { applyTeamWide } from './apply-team-wide';
import { audit, lastWriterWins, ownEdits, pendingHere, pulledWins, type Applying } from './last-writer-wins';
import { activityKey, bindRecord, customerIdOf, invoiceIdsOf, sharedRecord } from './team-keys';

/** A change another desk published, as pulled: its server position and who made it. */
export type ApplyOutcome = { outcome: 'applied'; customerId: number | null } | { outcome: 'known' } | { outcome: 'waiting' };

interface Apply extends Applying {
  customerId: number;
}

interface ContactValue {
  name: string;
  email?: string | null;
  phone?: string | null;
  role: string;
  isPrimary: boolean;
  status: string;
}

/**
 * Applies one pulled change inside the caller's transaction, once: (origin desk, its outbox id) is
 * recorded with it, so a pull repeated after a crash skips it. A new timeline entry is appended as
 * the origin wrote it (its collector in created_by); a contact, an assignment or an edited entry is
 * last-writer-wins in server order, and the value that loses is kept in the audit log.
 */
export function applyChange(sqlite: SqliteDb, change: PulledChange, pushedThrough: number, now: string): ApplyOutcome {
  if (prepareCached(sqlite, 'SELECT 1 FROM team_applied WHERE origin_desk = ? AND origin_id = ?').get(change.deskId, change.localId))
    return { outcome: 'known' };
  if (change.customerKey === null) {
    applyTeamWide({ sqlite, change, pushedThrough, now });
    noteApplied(sqlite, change);
    return { outcome: 'applied', customerId: null };
  }
  // The same message fetched by two desks (a shared mailbox) is applied once: whichever came first.
  if (change.action === 'create' && holdsInbox(sqlite, change.payload.rows?.inbox)) {
    noteApplied(sqlite, change);
    return { outcome: 'known' };
  }
  const customerId = customerIdOf(sqlite, change.customerKey);
  if (customerId === null) return { outcome: 'waiting' };
  const apply: Apply = { sqlite, change, customerId, pushedThrough, now };
  if (change.action === 'create') appendActivity(apply);
  else amendActivity(apply);
  noteApplied(sqlite, change);
  return { outcome: 'applied', customerId };
}

const noteApplied = (sqlite: SqliteDb, change: PulledChange): void => {
  prepareCached(sqlite, 'INSERT INTO team_applied (origin_desk, origin_id, seq) VALUES (?, ?, ?)').run(change.deskId, change.localId, change.seq);
};

function appendActivity(apply: Apply): void {
  const { sqlite, change, customerId, now } = apply;
  const { invoiceKeys, ...body } = change.payload.body as { invoiceKeys?: string[] } & Record<string, unknown>;
  if (invoiceKeys) body.invoiceIds = invoiceIdsOf(sqlite, invoiceKeys);
  const activityId = Number(
    prepareCached(sqlite, 'INSERT INTO activities (customer_id, kind, occurred_at, body, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      customerId,
      change.payload.kind,
      change.occurredAt,
      JSON.stringify(body),
      change.collector,
      now,
    ).lastInsertRowid,
  );
  bindRecord(sqlite, activityKey(change.deskId, change.localId), 'activity', activityId, change.seq);
  writePulledRows({ sqlite, change, customerId, activityId, body, now });
  if (change.payload.kind === 'contact_saved') saveContact(apply, body as { before: ContactValue | null; after: ContactValue });
  if (change.payload.kind === 'assignment') assign(apply, String(body.to));
}

const CONTACT = 'SELECT name, email, phone, role, is_primary AS isPrimary, status FROM contacts';

function saveContact(apply: Apply, { before, after }: { before: ContactValue | null; after: ContactValue }): void {
  const { sqlite, change, customerId } = apply;
  const record = sharedRecord(sqlite, change.recordKey);
  const found = record?.localId ?? (before ? findContact(sqlite, customerId, before) : null);
  const values = [after.name, after.email || null, after.phone || null, after.role, after.isPrimary ? 1 : 0, after.status] as const;
  if (found === null) {
    const contactId = Number(
      prepareCached(sqlite, 'INSERT INTO contacts (customer_id, name, email, phone, role, is_primary, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        customerId,
        ...values,
        apply.now,
      ).lastInsertRowid,
    );
    bindRecord(sqlite, change.recordKey, 'contact', contactId, change.seq);
    return;
  }
  const current = prepareCached(sqlite, `${CONTACT} WHERE id = ?`).get(found);
  const contest = { entity: 'contact', entityId: found, bind: { entity: 'contact', localId: found }, own: ownEdits.contact(found), current, incoming: after };
  lastWriterWins(apply, contest, () => {
    if (after.isPrimary) prepareCached(sqlite, 'UPDATE contacts SET is_primary = 0 WHERE customer_id = ?').run(customerId);
    prepareCached(sqlite, 'UPDATE contacts SET name = ?, email = ?, phone = ?, role = ?, is_primary = ?, status = ? WHERE id = ?').run(...values, found);
  });
}

/** An imported contact another desk edited first: the one of this customer with the same address (or name) it had then. */
function findContact(sqlite: SqliteDb, customerId: number, before: ContactValue): number | null {
  const row = (
    before.email
      ? sqlite.prepare('SELECT id FROM contacts WHERE customer_id = ? AND lower(email) = lower(?) ORDER BY id LIMIT 1').get(customerId, before.email)
      : sqlite.prepare('SELECT id FROM contacts WHERE customer_id = ? AND lower(name) = lower(?) ORDER BY id LIMIT 1').get(customerId, before.name)
  ) as ColumnsRow<'contacts', 'id'> | undefined;
  return row?.id ?? null;
}

function assign(apply: Apply, collector: string): void {
  const { sqlite, customerId } = apply;
  const current = (prepareCached(sqlite, 'SELECT collector FROM customers WHERE id = ?').get(customerId) as ColumnsRow<'customers', 'collector'>).collector;
  const bind = { entity: 'assignment', localId: customerId };
  const contest = {
    entity: 'customer',
    entityId: customerId,
    bind,
    own: ownEdits.assignment(customerId),
    current,
    incoming: collector,
    detail: { field: 'collector' },
  };
  lastWriterWins(apply, contest, () => {
    prepareCached(sqlite, 'UPDATE customers SET collector = ?, updated_at = ? WHERE id = ?').run(collector, apply.now, customerId);
  });
}

/** A call or note edited or withdrawn on another desk; an entry this desk never received is left alone. */
function amendActivity(apply: Apply): void {
  const { sqlite, change } = apply;
  const record = sharedRecord(sqlite, change.recordKey);
  if (!record) return;
  const row = prepareCached(sqlite, 'SELECT body, deleted_at AS deletedAt FROM activities WHERE id = ?').get(record.localId) as
    { body: string; deletedAt: string | null } | undefined;
  if (!row || row.deletedAt) return;
  const pending = pendingHere(apply, { where: "entity = 'activity' AND entity_id = ? AND action IN ('update', 'delete')", params: [String(record.localId)] });
  const before = JSON.parse(row.body) as Record<string, unknown>;
  if (!pulledWins(change, record, pending)) {
    audit(apply, 'team.superseded', 'activity', record.localId, { kept: before, theirs: change.payload.body });
    return;
  }
  if (change.action === 'delete') {
    prepareCached(sqlite, 'UPDATE activities SET deleted_at = ? WHERE id = ?').run(apply.now, record.localId);
  } else {
    const after = (change.payload.body.after ?? {}) as Record<string, unknown>;
    // Only the free text is edited (amend-activity.ts): the rest of the entry stays as this desk has it.
    const text = Object.fromEntries(['notes', 'text'].filter((field) => field in after).map((field) => [field, after[field]]));
    prepareCached(sqlite, 'UPDATE activities SET body = ?, edited_at = ? WHERE id = ?').run(JSON.stringify({ ...before, ...text }), apply.now, record.localId);
  }
  bindRecord(sqlite, change.recordKey, 'activity', record.localId, change.seq);
  audit(apply, 'team.overwrite', 'activity', record.localId, { before, action: change.action });
}
