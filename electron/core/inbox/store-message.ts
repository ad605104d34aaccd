import { createHash } from 'node:crypto';
import type { ImapSettings, InboxKind, InboxReading } from '../../../shared/inbox';
import { prepareCached } from '../../db/statement-cache';
import { nowOf, todayOf, type CoreContext } from '../context';
import { classifyMessage, type Classification } from './classify/classify-message';
import { actOn, type Outcome } from './inbox-actions';
import { readingOf, summaryOf } from './inbox-reading';
import { matchMessage, type CustomerMatch } from './match-message';
import { readMessage, type InboundMessage } from './mime/inbound-message';
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

/** A message read and classified, not yet stored: the work done outside any transaction. */
export interface ReadMessage {
  place: MailboxPlace;
  raw: Buffer;
  size: number;
  refused: string | null;
  message: InboundMessage;
  reading: Classification;
  dedupeKey: string;
  stored: InboxReading;
  summary: string;
  kind: InboxKind;
  receivedAt: string;
}

/** Parses and classifies one message (no database): a message too large to read keeps its headers only and the reason. */
export function readForInbox(ctx: CoreContext, place: MailboxPlace, raw: Buffer, size: number): ReadMessage {
  const refused = size > MAX_MESSAGE_BYTES ? `larger than ${MAX_MESSAGE_BYTES / 1024 / 1024} MB; open it in your mail program` : null;
  const message = readMessage(raw);
  const reading = classifyMessage(message, todayOf(ctx));
  const stored = readingOf(reading);
  return {
    place,
    raw,
    size,
    refused,
    message,
    reading,
    stored,
    dedupeKey: message.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    summary: refused ? `not read: ${refused}` : summaryOf(reading.kind, stored),
    kind: refused ? 'other' : reading.kind,
    receivedAt: message.date ?? nowOf(ctx),
  };
}

/**
 * Matches, stores and acts on messages read from one folder, in UID order, and moves the folder's
 * cursor past the last, all in one transaction: killed at any point, the messages are either all in
 * (cursor past them) or none (read again next time). A message already in, by Message-ID (read
 * before, in this folder or another, or earlier in this group), is only passed over.
 */
export function storeMessages(ctx: CoreContext, read: readonly ReadMessage[], settings: ImapSettings): Ingested[] {
  const { sqlite } = ctx.database;
  const last = read.at(-1);
  if (!last) return [];
  return sqlite.transaction((): Ingested[] => {
    moveCursor(ctx, last.place);
    return read.map((one) => storeOne(ctx, one, settings));
  })();
}

function storeOne(ctx: CoreContext, read: ReadMessage, settings: ImapSettings): Ingested {
  const { sqlite } = ctx.database;
  const { place, message, refused, kind, stored } = read;
  if (prepareCached(sqlite, 'SELECT 1 FROM inbox_messages WHERE dedupe_key = ?').get(read.dedupeKey))
    return { added: false, kind, matched: false, wakeOutbox: false };
  const match: CustomerMatch | null = refused ? null : matchMessage(sqlite, message, read.reading);
  const id = Number(
    prepareCached(
      sqlite,
      `INSERT INTO inbox_messages (folder, uidvalidity, uid, message_id, dedupe_key, received_at, from_address, from_name, subject, kind, reading,
      customer_id, contact_id, matched_by, outbox_id, size, refused, raw, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      place.folder,
      place.uidvalidity,
      place.uid,
      message.messageId,
      read.dedupeKey,
      read.receivedAt,
      message.from?.address || null,
      message.from?.name || null,
      message.subject.slice(0, 998),
      kind,
      match?.customerId ?? null,
      match?.contactId ?? null,
      match?.matchedBy ?? null,
      match?.outboxId ?? null,
      read.size,
      refused,
      read.raw,
      nowOf(ctx),
    ).lastInsertRowid,
  );
  const outcome: Outcome = refused
    ? { done: null, resumeOn: null, wakeOutbox: false }
    : actOn(
        ctx,
        {
          id,
          kind,
          receivedOn: read.receivedAt.slice(0, 10),
          subject: message.subject,
          from: message.from?.address ?? null,
          summary: read.summary,
          reading: stored,
        },
        match,
        settings,
      );
  prepareCached(sqlite, `UPDATE inbox_messages SET reading = ?, resume_on = ?, state = ?, handled_at = ?, handled_action = ? WHERE id = ?`).run(
    JSON.stringify(stored),
    outcome.resumeOn,
    outcome.done ? 'done' : 'open',
    outcome.done ? nowOf(ctx) : null,
    outcome.done,
    id,
  );
  return { added: true, kind, matched: match !== null, wakeOutbox: outcome.wakeOutbox };
}

function moveCursor(ctx: CoreContext, place: MailboxPlace): void {
  prepareCached(
    ctx.database.sqlite,
    `INSERT INTO inbox_cursors (folder, uidvalidity, last_uid, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (folder) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, updated_at = excluded.updated_at`,
  ).run(place.folder, place.uidvalidity, place.uid, nowOf(ctx));
}
