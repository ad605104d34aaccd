import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { columns, type ColumnsRow } from '../../db/typed-row';

/**
 * An Inbox message (a reply, bounce or automatic answer matched to a customer) travels with its
 * `email_received` timeline entry, so every desk's send guard holds for it and its Inbox lists it.
 * Each message is applied once per desk, whoever fetched it: a desk that already holds a message
 * with the same Message-ID (its own fetch of a shared mailbox, or another desk's copy pulled
 * before) passes the change over whole, timeline entry and all. The message's bytes stay on the
 * desk that fetched it: the others show its summary.
 */
const SHARED = [
  'folder',
  'message_id',
  'dedupe_key',
  'received_at',
  'from_address',
  'from_name',
  'subject',
  'kind',
  'reading',
  'matched_by',
  'resume_on',
  'state',
  'handled_at',
  'handled_action',
  'size',
  'refused',
] as const;

export type PublishedInbox = ColumnsRow<'inbox_messages', (typeof SHARED)[number]> & {
  /** The Message-ID of the reminder it answers, which every desk holds (pulled sends keep it). */
  answers: string | null;
};

/** The message as the origin stored it, for the change that carries its timeline entry. */
export function publishedInbox(sqlite: SqliteDb, inboxId: number): PublishedInbox | null {
  const row = prepareCached(
    sqlite,
    `SELECT ${columns('inbox_messages', 'm', SHARED)}, o.message_id AS answers FROM inbox_messages m
    LEFT JOIN outbox_messages o ON o.id = m.outbox_id WHERE m.id = ?`,
  ).get(inboxId) as PublishedInbox | undefined;
  return row ?? null;
}

/** Whether this desk has the message already (by Message-ID, or its bytes' hash): then the change is passed over. */
export function holdsInbox(sqlite: SqliteDb, inbox: PublishedInbox | undefined): boolean {
  return inbox !== undefined && prepareCached(sqlite, 'SELECT 1 FROM inbox_messages WHERE dedupe_key = ?').get(inbox.dedupeKey) !== undefined;
}

interface Reading {
  bounce?: { permanent?: boolean; delayed?: boolean; recipient?: string | null } | null;
}

/**
 * Stores another desk's message here under its customer and links its timeline entry to it; a
 * permanent bounce marks the contact bounced here too (inbox-actions.ts does it where fetched), so
 * this desk's guard stops writing to that address. Another desk's folder and UIDs mean nothing here:
 * the row is filed under `team:<origin desk>`, outside every fetch cursor.
 */
export function writePulledInbox(
  sqlite: SqliteDb,
  at: { originDesk: string; originId: number; customerId: number; activityId: number; now: string },
  inbox: PublishedInbox,
): void {
  const reading = JSON.parse(inbox.reading) as Reading;
  const bounce = inbox.kind === 'bounce' && reading.bounce && !reading.bounce.delayed && reading.bounce.permanent ? reading.bounce.recipient : null;
  const address = (bounce ?? inbox.fromAddress)?.toLowerCase() ?? null;
  const contact = address
    ? (prepareCached(sqlite, 'SELECT id FROM contacts WHERE customer_id = ? AND lower(email) = ? ORDER BY id LIMIT 1').get(at.customerId, address) as
        { id: number } | undefined)
    : undefined;
  const answered = inbox.answers
    ? (prepareCached(sqlite, "SELECT id FROM outbox_messages WHERE message_id = ? AND message_id != '' ORDER BY id LIMIT 1").get(inbox.answers) as
        { id: number } | undefined)
    : undefined;
  const id = Number(
    prepareCached(
      sqlite,
      `INSERT INTO inbox_messages (folder, uidvalidity, uid, message_id, dedupe_key, received_at, from_address, from_name, subject, kind, reading,
      customer_id, contact_id, matched_by, outbox_id, resume_on, state, handled_at, handled_action, size, refused, raw, created_at)
    VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    ).run(
      `team:${at.originDesk}`,
      at.originId,
      inbox.messageId,
      inbox.dedupeKey,
      inbox.receivedAt,
      inbox.fromAddress,
      inbox.fromName,
      inbox.subject,
      inbox.kind,
      inbox.reading,
      at.customerId,
      contact?.id ?? null,
      inbox.matchedBy,
      answered?.id ?? null,
      inbox.resumeOn,
      inbox.state,
      inbox.handledAt,
      inbox.handledAction,
      inbox.size,
      inbox.refused,
      at.now,
    ).lastInsertRowid,
  );
  prepareCached(sqlite, "UPDATE activities SET body = json_set(body, '$.inboxId', ?) WHERE id = ?").run(id, at.activityId);
  if (bounce)
    prepareCached(sqlite, "UPDATE contacts SET status = 'bounced' WHERE customer_id = ? AND lower(email) = ? AND status = 'valid'").run(
      at.customerId,
      bounce.toLowerCase(),
    );
}
