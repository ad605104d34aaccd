import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import type { RenamedRow } from '../../db/typed-row';

/** The lines a statement or letter is addressed to (empty lines dropped), with the old ones kept in the audit log. */
export function setPostalAddress(sqlite: SqliteDb, customerId: number, lines: readonly string[], now: string): void {
  const kept = lines.map((line) => line.trim()).filter(Boolean);
  sqlite.transaction(() => {
    const row = sqlite.prepare('SELECT postal_address AS before FROM customers WHERE id = ?').get(customerId) as
      RenamedRow<'customers', { before: 'postal_address' }> | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No customer with id ${customerId}.`);
    sqlite.prepare('UPDATE customers SET postal_address = ? WHERE id = ?').run(kept.length > 0 ? JSON.stringify(kept) : null, customerId);
    sqlite
      .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'collector', 'customer.postal_address', 'customer', ?, ?)")
      .run(now, String(customerId), JSON.stringify({ before: row.before ? (JSON.parse(row.before) as string[]) : [], after: kept }));
  })();
}
