import { createHash } from 'node:crypto';
import type { ImapSettings, InboxKind } from '../../../shared/inbox';
import { prepareCached } from '../../db/statement-cache';
import { nowOf, todayOf, type CoreContext } from '../context';
import { classifyMessage } from './classify/classify-message';
import { actOn, type Outcome } from './inbox-actions';
import { readingOf, summaryOf } from './inbox-reading';
import { matchMessage, type CustomerMatch } from './match-message';
import { readMessage } from './mime/inbound-message';
import { MAX_MESSAGE_BYTES } from './read-limits';

/** Where a message was read: its folder, the folder's UIDVALIDITY and its UID. */
export interface MailboxPlace {
  folder: string;
  uidvalidity: number;
  uid: number;
}

export interface Ingested {
  /** False when the message was already in (the same Message-ID read before, in this folder or another). */
  added: boolean;
  kind: InboxKind;
  matched: boolean;
  wakeOutbox: boolean;
}

/**
 * Reads, classifies, matches and stores one message, acts on it, and moves the folder's cursor past
 * it, all in one transaction: killed at any point, the message is either fully in (cursor past it)
 * or not at all (read again next time). A message already in, by Message-ID, only moves the cursor.
 * A message too large to read is stored with its headers only and the reason.
 */
export function ingestMessage(ctx: CoreContext, place: MailboxPlace, raw: Buffer, size: number, settings: ImapSettings): Ingested {
  const { sqlite } = ctx.database;
  const refused = size > MAX_MESSAGE_BYTES ? `larger than ${MAX_MESSAGE_BYTES / 1024 / 1024} MB; open it in your mail program` : null;
  const message = readMessage(raw);
  const reading = classifyMessage(message, todayOf(ctx));
  const dedupeKey = message.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const stored = readingOf(reading);
  const summary = refused ? `not read: ${refused}` : summaryOf(reading.kind, stored);
  const kind: InboxKind = refused ? 'other' : reading.kind;
  const receivedAt = message.date ?? nowOf(ctx);
  return sqlite.transaction((): Ingested => {
    moveCursor(ctx, place);
    if (prepareCached(sqlite, 'SELECT 1 FROM inbox_messages WHERE dedupe_key = ?').get(dedupeKey)) return { added: false, kind, matched: false, wakeOutbox: false };
    const match: CustomerMatch | null = refused ? null : matchMessage(sqlite, message, reading);
    const id = Number(prepareCached(sqlite, `INSERT INTO inbox_messages (folder, uidvalidity, uid, message_id, dedupe_key, received_at, from_address, from_name, subject, kind, reading,
        customer_id, contact_id, matched_by, outbox_id, size, refused, raw, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      place.folder, place.uidvalidity, place.uid, message.messageId, dedupeKey, receivedAt, message.from?.address || null, message.from?.name || null,
      message.subject.slice(0, 998), kind, match?.customerId ?? null, match?.contactId ?? null, match?.matchedBy ?? null, match?.outboxId ?? null,
      size, refused, raw, nowOf(ctx)).lastInsertRowid);
    const outcome: Outcome = refused
      ? { done: null, resumeOn: null, wakeOutbox: false }
      : actOn(ctx, { id, kind, receivedOn: receivedAt.slice(0, 10), subject: message.subject, from: message.from?.address ?? null, summary, reading: stored }, match, settings);
    prepareCached(sqlite, `UPDATE inbox_messages SET reading = ?, resume_on = ?, state = ?, handled_at = ?, handled_action = ? WHERE id = ?`).run(
      JSON.stringify(stored), outcome.resumeOn, outcome.done ? 'done' : 'open', outcome.done ? nowOf(ctx) : null, outcome.done, id);
    return { added: true, kind, matched: match !== null, wakeOutbox: outcome.wakeOutbox };
  })();
}

function moveCursor(ctx: CoreContext, place: MailboxPlace): void {
  prepareCached(ctx.database.sqlite, `INSERT INTO inbox_cursors (folder, uidvalidity, last_uid, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (folder) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, updated_at = excluded.updated_at`)
    .run(place.folder, place.uidvalidity, place.uid, nowOf(ctx));
}
