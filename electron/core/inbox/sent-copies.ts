import MailComposer from 'nodemailer/lib/mail-composer';
import type { ImapFlow } from 'imapflow';
import type { ImapSettings } from '../../../shared/inbox';
import { prepareCached } from '../../db/statement-cache';
import { log, safeError } from '../../log/log';
import { columns, type ColumnsRow } from '../../db/typed-row';
import { nowOf, type CoreContext } from '../context';
import { getSetting } from '../settings';
import { inlineImages } from '../mail/inline-images';
import { openMailbox } from './mailbox-login';

/** Copies tried this many times before they are left as failed (the message itself was sent). */
const MAX_ATTEMPTS = 5;

/** A sent message as its copy is rebuilt: the outbox row's headers and the body it kept. */
const SENT = ['id', 'to_address', 'from_address', 'reply_to', 'subject', 'message_id', 'sent_at', 'payment_qr_link'] as const;
const BODY = ['html', 'text'] as const;
type SentRow = ColumnsRow<'outbox_messages', (typeof SENT)[number]> & ColumnsRow<'outbox_message_bodies', (typeof BODY)[number]>;

/** After a successful send: remember to put a copy in the Sent folder (when the setting is on). */
export function noteSent(ctx: CoreContext, outboxId: number): boolean {
  const settings = getSetting(ctx.database.sqlite, 'imap');
  if (!settings?.appendSent) return false;
  prepareCached(ctx.database.sqlite, "INSERT OR IGNORE INTO inbox_sent_copies (outbox_id, state, updated_at) VALUES (?, 'pending', ?)").run(
    outboxId,
    nowOf(ctx),
  );
  return true;
}

/**
 * Appends the pending copies to the account's Sent folder (the one named in the settings, else the
 * one the server marks \\Sent), so the collector's own mail program shows what Inflow sent and a
 * customer's reply threads under it. A copy already there (same Message-ID: a crash after APPEND and
 * before it was recorded) is not appended again.
 */
export async function appendSentCopies(ctx: CoreContext, settings: ImapSettings): Promise<number> {
  const { sqlite } = ctx.database;
  const pending = sqlite
    .prepare(
      `SELECT ${columns('outbox_messages', 'm', SENT)}, ${columns('outbox_message_bodies', 'b', BODY)}
    FROM inbox_sent_copies s JOIN outbox_messages m ON m.id = s.outbox_id JOIN outbox_message_bodies b ON b.message_id = m.id
    WHERE s.state = 'pending' ORDER BY s.outbox_id LIMIT 200`,
    )
    .all() as SentRow[];
  if (pending.length === 0) return 0;
  const client = await openMailbox(ctx, settings);
  let appended = 0;
  try {
    const folder = settings.sentFolder || (await sentFolderOf(client));
    for (const row of pending) {
      try {
        if (!(await alreadyThere(client, folder, row.messageId))) await client.append(folder, await compose(row), ['\\Seen'], sentDateOf(row));
        prepareCached(
          sqlite,
          "UPDATE inbox_sent_copies SET state = 'appended', attempts = attempts + 1, last_error = NULL, updated_at = ? WHERE outbox_id = ?",
        ).run(nowOf(ctx), row.id);
        appended += 1;
      } catch (error) {
        log.warn('inbox.sent-copy.failed', { outboxId: row.id, ...safeError(error) });
        prepareCached(
          sqlite,
          `UPDATE inbox_sent_copies SET attempts = attempts + 1, last_error = ?, updated_at = ?,
            state = CASE WHEN attempts + 1 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END WHERE outbox_id = ?`,
        ).run((error as Error).message.slice(0, 500), nowOf(ctx), row.id);
      }
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return appended;
}

async function sentFolderOf(client: ImapFlow): Promise<string> {
  const folders = await client.list();
  return (
    folders.find((f) => f.specialUse === '\\Sent')?.path ??
    folders.find((f) => /^(?:sent|sent items|sent messages|gesendet|envoyés)$/i.test(f.name))?.path ??
    'Sent'
  );
}

async function alreadyThere(client: ImapFlow, folder: string, messageId: string): Promise<boolean> {
  const lock = await client.getMailboxLock(folder);
  try {
    const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    return Array.isArray(found) && found.length > 0;
  } finally {
    lock.release();
  }
}

/** A copy is noted only once sent, so sent_at is set; the column allows null (queued messages), and then the copy is dated now. */
function sentDateOf(row: SentRow): Date | undefined {
  return row.sentAt ? new Date(row.sentAt) : undefined;
}

/** The message as it was sent: same headers, parts and inline images, from what the outbox kept. */
async function compose(row: SentRow): Promise<Buffer> {
  const composer = new MailComposer({
    from: row.fromAddress,
    to: row.toAddress,
    ...(row.replyTo ? { replyTo: row.replyTo } : {}),
    subject: row.subject,
    text: row.text,
    html: row.html,
    messageId: row.messageId,
    date: sentDateOf(row),
    attachments: await inlineImages(row.html, row.paymentQrLink),
  });
  return composer.compile().build();
}
