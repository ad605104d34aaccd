import type { ImapFlow } from 'imapflow';
import { AppError } from '../../../shared/errors';
import type { ImapSettings, InboxFetchResult } from '../../../shared/inbox';
import { prepareCached } from '../../db/statement-cache';
import type { CoreContext } from '../context';
import { slicer } from '../jobs/time-slice';
import { getSetting } from '../settings';
import { mailboxError } from './imap-connection';
import { openMailbox } from './mailbox-login';
import { MAX_MESSAGE_BYTES } from './read-limits';
import { readForInbox, storeMessages, type Ingested, type ReadMessage } from './store-message';

/**
 * What one FETCH asks for: a round trip per message would crawl, and imapflow parses a whole answer
 * in one run of promise callbacks, without giving the event loop a turn: 100 messages of a few KB
 * each kept the core from answering for most of a second on a busy machine.
 */
const BATCH = { messages: 100, bytes: 256 * 1024 };
/**
 * How long the core reads and stores messages before answering other calls: a transaction per
 * message spent most of a read committing, one per batch kept the core busy for a second or more.
 */
const SLICE_MS = 6;

export function imapSettingsOf(ctx: CoreContext): ImapSettings {
  const settings = getSetting(ctx.database.sqlite, 'imap');
  if (!settings) throw new AppError('INVALID_INPUT', 'No mailbox to read: set it up in Settings → Inbox (IMAP server, login, password).');
  return settings;
}

/**
 * Reads what is new in the mailbox's folder since the cursor (UIDVALIDITY + last UID; a new
 * UIDVALIDITY reads the folder again, and Message-IDs keep that from doubling anything). Messages
 * are read a slice of a few milliseconds at a time, and each slice is stored with the cursor in one
 * transaction (store-message.ts), so a fetch killed or cut off mid-way loses and doubles nothing;
 * between slices the core answers other calls. Stops between messages when `signal` aborts.
 */
export async function fetchMailbox(ctx: CoreContext, signal?: AbortSignal): Promise<InboxFetchResult> {
  const settings = imapSettingsOf(ctx);
  const client = await openMailbox(ctx, settings);
  const result: InboxFetchResult = { fetched: 0, matched: 0, unmatched: 0, bounces: 0, autoReplies: 0, replies: 0 };
  let wakeOutbox = false;
  const slice = slicer(SLICE_MS);
  const tally = (ingested: Ingested): void => {
    wakeOutbox ||= ingested.wakeOutbox;
    if (!ingested.added) return;
    result.fetched += 1;
    if (ingested.matched) result.matched += 1;
    else if (ingested.kind !== 'other') result.unmatched += 1;
    if (ingested.kind === 'bounce') result.bounces += 1;
    if (ingested.kind === 'auto_reply') result.autoReplies += 1;
    if (ingested.kind === 'reply') result.replies += 1;
  };
  try {
    const lock = await client.getMailboxLock(settings.folder);
    try {
      const box = client.mailbox;
      if (!box) throw new AppError('MAILBOX_FAILED', `The folder "${settings.folder}" could not be opened.`);
      const uidvalidity = Number(box.uidValidity);
      const cursor = prepareCached(ctx.database.sqlite, 'SELECT uidvalidity, last_uid AS lastUid FROM inbox_cursors WHERE folder = ?').get(settings.folder) as
        { uidvalidity: number; lastUid: number } | undefined;
      const from = cursor && cursor.uidvalidity === uidvalidity ? cursor.lastUid + 1 : 1;
      if (box.exists === 0 || box.uidNext <= from) return result;
      // "N:*" always includes the newest message, even below N: keep only what is past the cursor.
      const listed = (await client.fetchAll(`${from}:*`, { uid: true, size: true }, { uid: true })).filter((m) => m.uid >= from).sort((a, b) => a.uid - b.uid);
      for (const batch of batches(listed.map((m) => ({ uid: m.uid, size: m.size ?? 0 })))) {
        const read: ReadMessage[] = [];
        const store = async (): Promise<void> => {
          (await slice.write(read.length, () => storeMessages(ctx, read.splice(0), settings))).forEach(tally);
        };
        for (const message of await readBatch(client, batch)) {
          if (signal?.aborted) return result;
          read.push(readForInbox(ctx, { folder: settings.folder, uidvalidity, uid: message.uid }, message.source, message.size));
          if (slice.full(read.length)) await store();
        }
        if (read.length > 0) await store();
      }
    } finally {
      lock.release();
    }
  } catch (error) {
    throw mailboxError(error);
  } finally {
    await client.logout().catch(() => client.close());
    if (wakeOutbox) ctx.outbox.wake();
  }
  return result;
}

/** Consecutive messages, each batch within BATCH's count and bytes (a larger message alone; one too large to read counts as its headers). */
function batches(listed: readonly { uid: number; size: number }[]): { uid: number; size: number }[][] {
  const result: { uid: number; size: number }[][] = [];
  let current: { uid: number; size: number }[] = [];
  let bytes = 0;
  for (const message of listed) {
    const size = message.size > MAX_MESSAGE_BYTES ? 0 : message.size;
    if (current.length > 0 && (current.length >= BATCH.messages || bytes + size > BATCH.bytes)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/**
 * One batch's bytes in UID order: whole messages in one FETCH, and only the headers of those too
 * large to read (they are listed with the reason).
 */
async function readBatch(client: ImapFlow, batch: { uid: number; size: number }[]): Promise<{ uid: number; size: number; source: Buffer }[]> {
  const whole = batch.filter((m) => m.size <= MAX_MESSAGE_BYTES).map((m) => m.uid);
  const big = batch.filter((m) => m.size > MAX_MESSAGE_BYTES).map((m) => m.uid);
  const read = new Map<number, Buffer>();
  if (whole.length > 0)
    for (const m of await client.fetchAll(whole.join(','), { uid: true, source: true }, { uid: true })) if (m.source) read.set(m.uid, m.source);
  if (big.length > 0)
    for (const m of await client.fetchAll(big.join(','), { uid: true, headers: true }, { uid: true })) if (m.headers) read.set(m.uid, m.headers);
  return batch.flatMap((m) => {
    const source = read.get(m.uid);
    return source ? [{ uid: m.uid, size: m.size, source }] : [];
  });
}
