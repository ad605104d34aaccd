import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';

/*
 * Local row ids differ from desk to desk; what the team shares is named by keys that are the same on
 * every desk: the ERP's (source, external id) for customers and invoices, and for Inflow's own
 * records the desk and outbox row that made them. Keys are JSON arrays, so no separator can be
 * forged by a value.
 */

export const customerKeyOf = (source: string, externalId: string): string => JSON.stringify([source, externalId]);

export function customerKey(sqlite: SqliteDb, customerId: number): string | null {
  const row = prepareCached(sqlite, 'SELECT source, external_id AS externalId FROM customers WHERE id = ?').get(customerId) as
    { source: string; externalId: string } | undefined;
  return row ? customerKeyOf(row.source, row.externalId) : null;
}

export function customerIdOf(sqlite: SqliteDb, key: string): number | null {
  const [source, externalId] = JSON.parse(key) as [string, string];
  const row = prepareCached(sqlite, 'SELECT id FROM customers WHERE source = ? AND external_id = ?').get(source, externalId) as
    ColumnsRow<'customers', 'id'> | undefined;
  return row?.id ?? null;
}

export function invoiceKeys(sqlite: SqliteDb, invoiceIds: readonly number[]): string[] {
  const select = prepareCached(sqlite, 'SELECT source, external_id AS externalId FROM invoices WHERE id = ?');
  return invoiceIds.flatMap((id) => {
    const row = select.get(id) as ColumnsRow<'invoices', 'source' | 'external_id'> | undefined;
    return row ? [JSON.stringify([row.source, row.externalId])] : [];
  });
}

/** The local invoices of keys; one this desk does not have (yet) is left out. */
export function invoiceIdsOf(sqlite: SqliteDb, keys: readonly string[]): number[] {
  const select = prepareCached(sqlite, 'SELECT id FROM invoices WHERE source = ? AND external_id = ?');
  return keys.flatMap((key) => {
    const [source, externalId] = JSON.parse(key) as [string, string];
    const row = select.get(source, externalId) as ColumnsRow<'invoices', 'id'> | undefined;
    return row ? [row.id] : [];
  });
}

/** The timeline entry a desk's outbox row created. */
export const activityKey = (deskId: string, outboxId: number): string => JSON.stringify(['activity', deskId, outboxId]);
/** A promise, dispute, plan or discount offer, named by the desk and outbox row that created it. */
export const domainKey = (entity: string, deskId: string, outboxId: number): string => JSON.stringify([entity, deskId, outboxId]);
/** Who a customer is assigned to: one value per customer. */
export const assignmentKey = (customerKeyValue: string): string => JSON.stringify(['assignment', customerKeyValue]);

/** A contact as the ERP import made it, named by its customer and first address (or name): the same on every desk that imported it. */
export function importedContactKey(customerKeyValue: string, contact: { email?: string | null; name: string }): string {
  return JSON.stringify(['contact', customerKeyValue, (contact.email || contact.name).trim().toLowerCase()]);
}
/** A team setting (by its key), a ladder policy (by its id) or an email template (`id|language`): one value for the whole team. */
export const teamWideKey = (entity: string, id: string): string => JSON.stringify(['team', entity, id]);
/** A contact a collector added on one desk. */
export const addedContactKey = (deskId: string, contactId: number): string => JSON.stringify(['contact', deskId, contactId]);

export interface SharedRecord {
  localId: number;
  /** The server position of the value this desk holds; 0 when it has not been on the server. */
  seq: number;
}

export function sharedRecord(sqlite: SqliteDb, key: string): SharedRecord | null {
  return (prepareCached(sqlite, 'SELECT local_id AS localId, seq FROM team_records WHERE record_key = ?').get(key) as SharedRecord | undefined) ?? null;
}

export function recordKeyOfLocal(sqlite: SqliteDb, entity: string, localId: number): string | null {
  const row = prepareCached(sqlite, 'SELECT record_key AS key FROM team_records WHERE entity = ? AND local_id = ?').get(entity, localId) as
    { key: string } | undefined;
  return row?.key ?? null;
}

/** Binds a key to its local row; the seq only ever moves forward (a late echo never winds it back). */
export function bindRecord(sqlite: SqliteDb, key: string, entity: string, localId: number, seq: number): void {
  prepareCached(
    sqlite,
    `INSERT INTO team_records (record_key, entity, local_id, seq) VALUES (?, ?, ?, ?)
    ON CONFLICT (record_key) DO UPDATE SET local_id = excluded.local_id, seq = max(team_records.seq, excluded.seq)`,
  ).run(key, entity, localId, seq);
}
