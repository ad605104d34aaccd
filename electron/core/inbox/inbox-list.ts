import { z } from 'zod';
import { INBOX_KINDS, INBOX_MATCHES, INBOX_STATES, type InboxFilter, type InboxItem, type InboxReading } from '../../../shared/inbox';
import type { SqliteDb } from '../../db/sqlite';
import { columns, type ColumnsRow, type TableRow } from '../../db/typed-row';
import { summaryOf } from './inbox-reading';

const MESSAGE = ['id', 'kind', 'received_at', 'from_address', 'from_name', 'subject', 'customer_id', 'matched_by', 'state', 'reading', 'refused'] as const;
/** customerName comes from the LEFT JOIN: null for a message no customer was found for. */
type Row = ColumnsRow<'inbox_messages', (typeof MESSAGE)[number]> & { customerName: TableRow<'customers'>['name'] | null };
const COLUMNS = `${columns('inbox_messages', 'm', MESSAGE)}, c.name AS customerName`;
// kind, matched_by and state are TEXT in the schema: parsed, so a value the window doesn't know fails here.
const storedKinds = z.object({ kind: z.enum(INBOX_KINDS), matchedBy: z.enum(INBOX_MATCHES).nullable(), state: z.enum(INBOX_STATES) });

/** The Inbox, newest first: one kind, or what no customer was found for; open only unless `all`. */
export function listInbox(sqlite: SqliteDb, filter: InboxFilter | undefined, all: boolean, limit: number): InboxItem[] {
  const where = [all ? '1' : "m.state = 'open'", filter === 'unmatched' ? "m.customer_id IS NULL AND m.kind != 'other'" : filter ? 'm.kind = @kind' : '1'].join(
    ' AND ',
  );
  const rows = sqlite
    .prepare(
      `SELECT ${COLUMNS} FROM inbox_messages m LEFT JOIN customers c ON c.id = m.customer_id
    WHERE ${where} ORDER BY m.received_at DESC, m.id DESC LIMIT @limit`,
    )
    .all({ kind: filter ?? null, limit }) as Row[];
  return rows.map(itemOf);
}

export function inboxItem(sqlite: SqliteDb, id: number): InboxItem | null {
  const row = sqlite.prepare(`SELECT ${COLUMNS} FROM inbox_messages m LEFT JOIN customers c ON c.id = m.customer_id WHERE m.id = ?`).get(id) as Row | undefined;
  return row ? itemOf(row) : null;
}

function itemOf(row: Row): InboxItem {
  const reading = JSON.parse(row.reading) as InboxReading;
  const kinds = storedKinds.parse(row);
  return { ...row, ...kinds, reading, summary: row.refused ? `not read: ${row.refused}` : summaryOf(kinds.kind, reading) };
}
