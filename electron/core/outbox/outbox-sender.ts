import { randomUUID } from 'node:crypto';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import type { SmtpSettings } from '../../../shared/outreach/outreach-settings';
import type { IsoDate } from '../../../shared/dates';
import { nowOf, todayOf, type CoreContext, type OutboxService } from '../context';
import { recordActivity } from '../activity/record-activity';
import { ProcessLock } from '../../db/process-lock';
import { log, safeError } from '../../log/log';
import { getSetting } from '../settings';
import { inlineImages, VIDEO_CARD_CID } from '../mail/inline-images';
import { holdAtSend } from '../ladder/send-time-check';
import { senderLockPath, settleOrphanedSends } from '../mail/orphaned-sends';
import { SmtpLane } from '../mail/smtp-lane';
import { CLOSE_GRACE_MS, MAX_IDLE_MS, msUntilNextDue, SenderRest, settlesWithin } from './sender-rest';

/** A PDF to attach. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * Makes the customer's statement of account as of a day. Given by the core's assembly (documents/
 * sits above outbox/ in the folder order), so the sender can attach it without importing it.
 */
export type StatementMaker = (customerId: number, asOf: IsoDate) => Promise<MailAttachment>;

interface DueMessage {
  id: number;
  batchId: string | null;
  customerId: number;
  templateId: string;
  ladderStepId: string | null;
  to: string;
  from: string;
  /** The person who signs it; null for messages queued before senders were recorded. */
  fromName: string | null;
  replyTo: string | null;
  bcc: string | null;
  subject: string;
  html: string;
  text: string;
  paymentQrLink: string | null;
  /** 1: the template asked for the statement, made now from the book as it stands. */
  attachStatement: number;
  attempts: number;
  messageId: string;
}

/** SMTP failures as nodemailer reports them. */
interface SendError extends Error {
  responseCode?: number;
  response?: string;
  code?: string;
  /** Set when the server refused one recipient of several. */
  recipient?: string;
}

/**
 * Headers fold only at spaces, so a subject with a word too long for a header line (a customer named
 * with one 10,000-letter word) would exceed SMTP's 998-octet line limit. Such a subject goes as MIME
 * encoded words, which split anywhere and decode to the same text; null: it folds as it is.
 */
function encodedSubject(subject: string): { prepared: true; foldLines: true; value: string } | null {
  return /\S{70,}/.test(subject) ? { prepared: true, foldLines: true, value: encodeWord(subject, 'Q', 52) } : null;
}

const MAX_ATTEMPTS = 6;
const QUIT_UNCERTAIN =
  'Inflow quit while this message was being sent, before the server confirmed it. Check your Sent folder, then mark it sent or send it again.';
const QUIT_NOT_SENT = 'Inflow quit before this message went out; it goes at the next start.';
const CHANGE_EVENT_MS = 200;
const ORPHAN_CHECK_MS = 5000;

/** 30 s, 1 min, 2 min … capped at 30 min. */
const backoffMs = (attempts: number): number => Math.min(30_000 * 2 ** (attempts - 1), 30 * 60_000);

/**
 * Drains the outbox one message at a time: throttled to the configured rate, retried with backoff on
 * 4xx replies and connection errors, failed for good on 5xx with the server's words. Each message is
 * marked `sending` (committed, with this sender's id) before it goes out, so after a crash a message
 * whose fate is unknown is found in that state and marked `uncertain` for a human, never silently
 * sent again. While it drains, the sender holds a lock the OS frees when its process dies: that is how
 * another process tells a dead sender's `sending` rows from a live one's (orphaned-sends.ts).
 */
export class OutboxSender implements OutboxService {
  /** This sender's id in the rows it claims, and the name of its lock. */
  readonly id = randomUUID();
  private lock: ProcessLock | null = null;
  private orphansCheckedAt = Date.now();
  private closed = false;
  /** Closing ran out of patience and hung up: a send that fails now failed because of that. */
  private hungUp = false;
  private paused = false;
  private readonly rest = new SenderRest();
  private loop: Promise<void> | null = null;
  private readonly lanes: SmtpLane[] = [];
  private lastSendAt = 0;
  private changeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly changed = new Set<string | null>();
  /** Settings read at most once a second: a change in Settings reaches the next second's sends. */
  private settings: { at: number; smtp: SmtpSettings | null; perMinute: number } | null = null;
  private readonly stmt;
  /** Delivered messages not yet recorded: recorded in the same commit that claims the next one. */
  private delivered: DueMessage[] = [];

  constructor(
    private readonly ctx: CoreContext,
    private readonly statementFor: StatementMaker | null = null,
  ) {
    const { sqlite } = ctx.database;
    this.stmt = {
      nextDue: sqlite.prepare(`SELECT m.id, m.batch_id AS batchId, m.customer_id AS customerId, m.template_id AS templateId, m.ladder_step_id AS ladderStepId,
          m.to_address AS "to", m.from_address AS "from", m.from_name AS fromName, m.reply_to AS replyTo, m.bcc, m.subject, b.html, b.text, m.payment_qr_link AS paymentQrLink,
          m.attach_statement AS attachStatement, m.attempts, m.message_id AS messageId
        FROM outbox_messages m JOIN outbox_message_bodies b ON b.message_id = m.id
        WHERE m.status = 'queued' AND m.channel = 'email' AND m.next_attempt_at <= ? ORDER BY m.next_attempt_at, m.id LIMIT 1`),
      claim: sqlite.prepare(
        "UPDATE outbox_messages SET status = 'sending', sender = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'",
      ),
      sent: sqlite.prepare("UPDATE outbox_messages SET status = 'sent', sent_at = ?, updated_at = ?, last_error = NULL WHERE id = ?"),
    };
  }

  private current(): { smtp: SmtpSettings | null; perMinute: number } {
    if (!this.settings || Date.now() - this.settings.at > 1000) {
      const { sqlite } = this.ctx.database;
      this.settings = { at: Date.now(), smtp: getSetting(sqlite, 'smtp'), perMinute: getSetting(sqlite, 'outreach').messagesPerMinute };
    }
    return this.settings;
  }

  /** Messages a dead process left `sending` become uncertain; a live one's are left to it. */
  settleOrphans(): number {
    return settleOrphanedSends(this.ctx.database.sqlite, this.ctx.database.path, nowOf(this.ctx));
  }

  /** Another process sending beside this one (the CLI beside the app) may have died since: looked at while idle, every few seconds at most. */
  private settleOrphansNowAndThen(): void {
    if (Date.now() - this.orphansCheckedAt < ORPHAN_CHECK_MS) return;
    this.orphansCheckedAt = Date.now();
    try {
      this.settleOrphans();
    } catch (error) {
      // The next idle moment tries again; sending goes on meanwhile.
      log.warn('outbox.orphans.check-failed', safeError(error));
    }
  }

  start(): void {
    // Locked before the first claim: no row names a sender whose lock was never held.
    this.lock = ProcessLock.acquire(senderLockPath(this.ctx.database.path, this.id));
    this.loop = this.run();
  }

  /** New messages, or changed settings: look again now, with the settings read afresh. */
  wake(): void {
    this.settings = null;
    this.rest.wake();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.wake();
  }

  /** A message is out on the wire now, or due messages wait for an unpaused sender: a restart would interrupt a send. */
  get isSending(): boolean {
    const { sqlite } = this.ctx.database;
    if (sqlite.prepare("SELECT 1 FROM outbox_messages WHERE status = 'sending' AND sender = ? LIMIT 1").get(this.id)) return true;
    return this.lock !== null && !this.paused && this.nextDue() !== undefined;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /**
   * Stops sending: no new message starts, and one on the wire gets `graceMs` to be confirmed. Past
   * that the connection is dropped, and the message is marked uncertain if its body went out (the
   * server may have it) or queued again if it did not; either way its row is settled before the
   * database closes, never left `sending`.
   */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    this.closed = true;
    this.wake();
    const loop = this.loop ?? Promise.resolve();
    if (!(await settlesWithin(loop, graceMs))) {
      this.hungUp = true;
      for (const lane of this.lanes) lane.abort();
      await loop;
    }
    this.recordDelivered();
    for (const lane of this.lanes) lane.close();
    if (this.changeTimer) clearTimeout(this.changeTimer);
    // Nothing of this sender's is `sending` any more: the lock can go.
    this.lock?.release();
    this.lock = null;
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      const busy = this.lanes.flatMap((lane) => (lane.busy ? [lane.busy] : []));
      const lane = this.freeLane();
      const next = lane && !this.paused ? this.nextDue() : undefined;
      if (!lane || !next) {
        // Nothing more to start now: let a send finish (it may retry or free a lane), else rest.
        if (busy.length > 0) await Promise.race(busy);
        else {
          this.recordDelivered();
          this.settleOrphansNowAndThen();
          await this.rest.sleep(this.paused ? MAX_IDLE_MS : msUntilNextDue(this.ctx.database.sqlite, 'email', this.ctx.clock()));
        }
        continue;
      }
      await this.throttle();
      if (this.closed || this.paused) continue;
      lane.busy = this.send(lane, next).finally(() => {
        lane.busy = null;
      });
    }
    await Promise.all(this.lanes.flatMap((lane) => (lane.busy ? [lane.busy] : [])));
  }

  /** An idle connection, with as many lanes as the mailbox allows (settings may change it). */
  private freeLane(): SmtpLane | undefined {
    const wanted = this.current().smtp?.connections ?? 1;
    while (this.lanes.length < wanted) this.lanes.push(new SmtpLane());
    return this.lanes.slice(0, wanted).find((lane) => !lane.busy);
  }

  private recordDelivered(): void {
    const delivered = this.delivered;
    this.delivered = [];
    for (const message of delivered) this.markSent(message);
  }

  private nextDue(): DueMessage | undefined {
    return this.stmt.nextDue.get(nowOf(this.ctx)) as DueMessage | undefined;
  }

  private async throttle(): Promise<void> {
    const wait = this.lastSendAt + 60_000 / this.current().perMinute - Date.now();
    if (wait <= 0) return;
    this.recordDelivered();
    await this.rest.sleep(wait);
  }

  private async send(lane: SmtpLane, message: DueMessage): Promise<void> {
    // The send guard again, on the day it goes: held since it was queued, it never leaves.
    if (holdAtSend(this.ctx, message.id)) return this.noteChange(message.batchId);
    const { smtp } = this.current();
    if (!smtp) return this.finish(message, 'failed', 'No mailbox is set up (Settings → Email).');
    // The statement is the book on the day the email goes (a payment since queueing shows), made before the claim: a failure here sends nothing.
    let statement: MailAttachment | null = null;
    if (message.attachStatement === 1) {
      try {
        if (!this.statementFor) throw new Error('this Inflow cannot make statements');
        statement = await this.statementFor(message.customerId, todayOf(this.ctx));
      } catch (error) {
        log.warn('outbox.statement.failed', { outboxId: message.id, ...safeError(error) });
        return this.finish(message, 'failed', `The statement to attach could not be made (${(error as Error).message}); nothing was sent.`);
      }
    }
    const transport = lane.transportFor(smtp);
    // Committed before the first byte goes out: this row is what a restart finds if we die mid-send.
    // The previous message's "sent" shares the commit: one write per message instead of two.
    const claimed = this.ctx.database.sqlite.transaction(() => {
      this.recordDelivered();
      return this.stmt.claim.run(this.id, nowOf(this.ctx), message.id);
    })();
    if (claimed.changes === 0) return;
    this.lastSendAt = Date.now();
    // A team desk sends only a reminder it also claimed on the team server: no customer gets it twice.
    if (!(await this.ctx.team.claimSend(message.id))) return this.noteChange(message.batchId);
    lane.stage.written = false;
    try {
      const images = await inlineImages(message.html, message.paymentQrLink);
      const encoded = encodedSubject(message.subject);
      const info = (await transport.sendMail({
        // The signer's name, so From says who the signature says (the mailbox's name only for older rows).
        from: (message.fromName ?? smtp.fromName) ? { name: message.fromName ?? smtp.fromName, address: message.from } : message.from,
        to: message.to,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        ...(message.bcc ? { bcc: message.bcc } : {}),
        ...(encoded ? {} : { subject: message.subject }),
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        headers: { 'X-Inflow-Outbox-Id': String(message.id), ...(encoded ? { Subject: encoded } : {}) },
        attachments: statement ? [...images, statement] : images,
      })) as { rejectedErrors?: SendError[] };
      // With a BCC copy the server may take the message for one recipient and refuse the customer.
      const refused = info.rejectedErrors?.find((error) => error.recipient === message.to);
      if (refused) return this.handleFailure(message, refused, lane.stage.written, 'The copy to the BCC address may have been delivered. ');
      this.delivered.push(message);
    } catch (caught) {
      this.handleFailure(message, caught as SendError, lane.stage.written);
    }
  }

  private markSent(message: DueMessage): void {
    recordActivity(this.ctx, {
      customerId: message.customerId,
      kind: 'email',
      deferRescore: true,
      body: {
        subject: message.subject,
        to: message.to,
        templateId: message.templateId,
        ladderStepId: message.ladderStepId,
        messageId: message.messageId,
        outboxId: message.id,
        // Attribution credits a video memo apart from a plain email of the same template.
        ...(message.html.includes(`cid:${VIDEO_CARD_CID}`) ? { videoMemo: true } : {}),
      },
      also: () => {
        this.stmt.sent.run(nowOf(this.ctx), nowOf(this.ctx), message.id);
        return { entity: 'email', id: message.id };
      },
    });
    log.info('outbox.sent', { outboxId: message.id, attempt: message.attempts + 1 });
    this.noteChange(message.batchId);
    this.ctx.inbox.noteSent(message.id);
  }

  private handleFailure(message: DueMessage, error: SendError, written: boolean, note = ''): void {
    if (this.hungUp) return written ? this.finish(message, 'uncertain', QUIT_UNCERTAIN) : this.requeue(message, nowOf(this.ctx), QUIT_NOT_SENT);
    const words = note + (error.response ?? error.message);
    const attempts = message.attempts + 1;
    // The server's words stay in the outbox row (they may quote the address); the log gets the codes.
    log.warn('outbox.send.failed', { outboxId: message.id, attempt: attempts, responseCode: error.responseCode, errorCode: error.code, written });
    if (error.responseCode !== undefined && error.responseCode >= 500) return this.finish(message, 'failed', words);
    // The body went out and the server never answered: it may have been delivered; resending could duplicate.
    if (error.responseCode === undefined && written) {
      return this.finish(
        message,
        'uncertain',
        `The connection dropped after the message was sent and before the server confirmed it (${words}). Check your Sent folder.`,
      );
    }
    if (attempts >= MAX_ATTEMPTS) return this.finish(message, 'failed', `Gave up after ${attempts} attempts: ${words}`);
    this.requeue(message, new Date(this.ctx.clock().getTime() + backoffMs(attempts)).toISOString(), words);
  }

  private requeue(message: DueMessage, retryAt: string, reason: string): void {
    this.ctx.database.sqlite
      .prepare("UPDATE outbox_messages SET status = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?")
      .run(retryAt, reason, nowOf(this.ctx), message.id);
    this.noteChange(message.batchId);
  }

  private finish(message: DueMessage, status: 'failed' | 'uncertain', reason: string): void {
    log.warn(`outbox.${status}`, { outboxId: message.id });
    this.ctx.database.sqlite
      .prepare('UPDATE outbox_messages SET status = ?, last_error = ?, updated_at = ? WHERE id = ?')
      .run(status, reason, nowOf(this.ctx), message.id);
    this.noteChange(message.batchId);
  }

  /** Progress reaches the window at most every 200 ms, whatever the send rate. */
  private noteChange(batchId: string | null): void {
    this.changed.add(batchId);
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null;
      for (const id of this.changed) this.ctx.emit({ type: 'outbox.changed', batchId: id });
      this.changed.clear();
    }, CHANGE_EVENT_MS);
  }
}
