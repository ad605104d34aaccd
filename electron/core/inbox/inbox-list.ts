import type { InboxFilter, InboxItem, InboxReading } from '../../../shared/inbox';
import type { SqliteDb } from '../../db/sqlite';
import { summaryOf } from './inbox-reading';

interface Row {
  id: number;
  kind: InboxItem['kind'];
  receivedAt: string;
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  customerId: number | null;
  customerName: string | null;
  matchedBy: InboxItem['matchedBy'];
  state: InboxItem['state'];
  reading: string;
  refused: string | null;
}

const COLUMNS = `m.id, m.kind, m.received_at AS receivedAt, m.from_address AS fromAddress, m.from_name AS fromName, m.subject, m.customer_id AS customerId,
  c.name AS customerName, m.matched_by AS matchedBy, m.state, m.reading, m.refused`;

/** The Inbox, newest first: one kind, or what no customer was found for; open only unless `all`. */
export function listInbox(sqlite: SqliteDb, filter: InboxFilter | undefined, all: boolean, limit: number): InboxItem[] {
  const where = [
    all ? '1' : "m.state = 'open'",
    filter === 'unmatched' ? "m.customer_id IS NULL AND m.kind != 'other'" : filter ? 'm.kind = @kind' : '1',
  ].join(' AND ');
  const rows = sqlite.prepare(`SELECT ${COLUMNS} FROM inbox_messages m LEFT JOIN customers c ON c.id = m.customer_id
    WHERE ${where} ORDER BY m.received_at DESC, m.id DESC LIMIT @limit`).all({ kind: filter ?? null, limit }) as Row[];
  return rows.map(itemOf);
}

export function inboxItem(sqlite: SqliteDb, id: number): InboxItem | null {
  const row = sqlite.prepare(`SELECT ${COLUMNS} FROM inbox_messages m LEFT JOIN customers c ON c.id = m.customer_id WHERE m.id = ?`).get(id) as Row | undefined;
  return row ? itemOf(row) : null;
}

function itemOf(row: Row): InboxItem {
  const reading = JSON.parse(row.reading) as InboxReading;
  return { ...row, reading, summary: row.refused ? `not read: ${row.refused}` : summaryOf(row.kind, reading) };
}
