import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpSettings } from '../../../shared/outreach/outreach-settings';
import { nowOf, type CoreContext } from '../context';
import { recordActivity } from '../activity/record-activity';
import { getSetting } from '../settings';
import { inlineImages } from './inline-images';

interface DueMessage {
  id: number;
  batchId: string | null;
  customerId: number;
  templateId: string;
  ladderStepId: string | null;
  to: string;
  from: string;
  replyTo: string | null;
  bcc: string | null;
  subject: string;
  html: string;
  text: string;
  paymentQrLink: string | null;
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

const MAX_ATTEMPTS = 6;
const MAX_IDLE_MS = 60_000;
const CHANGE_EVENT_MS = 200;

/** 30 s, 1 min, 2 min … capped at 30 min. */
const backoffMs = (attempts: number): number => Math.min(30_000 * 2 ** (attempts - 1), 30 * 60_000);

/**
 * Whether the current message has been written out in full (nodemailer logs "<n bytes encoded mime
 * message>" at that point, with or without debug output). After that, a dropped connection leaves the
 * message's fate unknown, and nodemailer reports the drop as a plain connection error, so its error
 * alone cannot tell "never sent" from "sent but unconfirmed".
 */
export class DataStage {
  written = false;
  readonly logger = {
    level: () => undefined, trace: () => undefined, debug: () => undefined, warn: () => undefined, error: () => undefined, fatal: () => undefined,
    info: (entry: { tnx?: string; outByteCount?: number } | undefined) => {
      if (entry?.tnx === 'message' && entry.outByteCount !== undefined) this.written = true;
    },
  };
}

export function createMailer(smtp: SmtpSettings, stage?: DataStage): Transporter {
  return nodemailer.createTransport({
    ...(stage ? { logger: stage.logger as never } : {}),
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
    pool: true,
    maxConnections: 1,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

/**
 * Drains the outbox one message at a time: throttled to the configured rate, retried with backoff on
 * 4xx replies and connection errors, failed for good on 5xx with the server's words. Each message is
 * marked `sending` (committed) before it goes out, so after a crash a message whose fate is unknown is
 * found in that state and marked `uncertain` for a human, never silently sent again.
 */
export class OutboxSender {
  private closed = false;
  private paused = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private mailer: { key: string; transport: Transporter } | null = null;
  private readonly stage = new DataStage();
  private lastSendAt = 0;
  private changeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly changed = new Set<string | null>();
  /** Settings read at most once a second: a change in Settings reaches the next second's sends. */
  private settings: { at: number; smtp: SmtpSettings | null; perMinute: number } | null = null;
  private readonly stmt;

  constructor(private readonly ctx: CoreContext) {
    const { sqlite } = ctx.database;
    this.stmt = {
      nextDue: sqlite.prepare(`SELECT id, batch_id AS batchId, customer_id AS customerId, template_id AS templateId, ladder_step_id AS ladderStepId,
          to_address AS "to", from_address AS "from", reply_to AS replyTo, bcc, subject, html, text, payment_qr_link AS paymentQrLink, attempts, message_id AS messageId
        FROM outbox_messages WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1`),
      claim: sqlite.prepare("UPDATE outbox_messages SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'"),
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

  start(): void {
    const now = nowOf(this.ctx);
    this.ctx.database.sqlite.prepare(`UPDATE outbox_messages SET status = 'uncertain', updated_at = ?,
        last_error = 'Inflow stopped while this message was being sent. Check your Sent folder, then mark it sent or send it again.'
      WHERE status = 'sending'`).run(now);
    this.loop = this.run();
  }

  /** New messages, or changed settings: look again now, with the settings read afresh. */
  wake(): void {
    this.settings = null;
    this.wakeUp?.();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.wake();
  }

  /** A message is out on the wire now, or due messages wait for an unpaused sender: a restart would interrupt a send. */
  get isSending(): boolean {
    const { sqlite } = this.ctx.database;
    if (sqlite.prepare("SELECT 1 FROM outbox_messages WHERE status = 'sending' LIMIT 1").get()) return true;
    return !this.paused && this.nextDue() !== undefined;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    await this.loop;
    this.mailer?.transport.close();
    if (this.changeTimer) clearTimeout(this.changeTimer);
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      const next = this.paused ? undefined : this.nextDue();
      if (!next) {
        await this.sleep(this.paused ? MAX_IDLE_MS : this.msUntilNextDue());
        continue;
      }
      await this.throttle();
      if (this.closed || this.paused) continue;
      await this.send(next);
    }
  }

  private nextDue(): DueMessage | undefined {
    return this.stmt.nextDue.get(nowOf(this.ctx)) as DueMessage | undefined;
  }

  private msUntilNextDue(): number {
    const row = this.ctx.database.sqlite.prepare("SELECT MIN(next_attempt_at) AS at FROM outbox_messages WHERE status = 'queued'").get() as { at: string | null };
    if (!row.at) return MAX_IDLE_MS;
    return Math.max(10, Math.min(MAX_IDLE_MS, Date.parse(row.at) - this.ctx.clock().getTime()));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private async throttle(): Promise<void> {
    const wait = this.lastSendAt + 60_000 / this.current().perMinute - Date.now();
    if (wait > 0) await this.sleep(wait);
  }

  private transport(): { transport: Transporter; fromName: string } | null {
    const { smtp } = this.current();
    if (!smtp) return null;
    const key = JSON.stringify(smtp);
    if (this.mailer?.key !== key) {
      this.mailer?.transport.close();
      this.mailer = { key, transport: createMailer(smtp, this.stage) };
    }
    return { transport: this.mailer.transport, fromName: smtp.fromName };
  }

  private async send(message: DueMessage): Promise<void> {
    const mailer = this.transport();
    if (!mailer) return this.finish(message, 'failed', 'No mailbox is set up (Settings → Email).');
    // Committed before the first byte goes out: this row is what a restart finds if we die mid-send.
    const claimed = this.stmt.claim.run(nowOf(this.ctx), message.id);
    if (claimed.changes === 0) return;
    this.lastSendAt = Date.now();
    this.stage.written = false;
    try {
      const images = await inlineImages(message.html, message.paymentQrLink);
      const info = (await mailer.transport.sendMail({
        from: mailer.fromName ? { name: mailer.fromName, address: message.from } : message.from,
        to: message.to,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        ...(message.bcc ? { bcc: message.bcc } : {}),
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        headers: { 'X-Inflow-Outbox-Id': String(message.id) },
        attachments: images,
      })) as { rejectedErrors?: SendError[] };
      // With a BCC copy the server may take the message for one recipient and refuse the customer.
      const refused = info.rejectedErrors?.find((error) => error.recipient === message.to);
      if (refused) return this.handleFailure(message, refused, 'The copy to the BCC address may have been delivered. ');
      this.markSent(message);
    } catch (caught) {
      this.handleFailure(message, caught as SendError);
    }
  }

  private markSent(message: DueMessage): void {
    recordActivity(this.ctx, {
      customerId: message.customerId,
      kind: 'email',
      deferRescore: true,
      body: { subject: message.subject, to: message.to, templateId: message.templateId, ladderStepId: message.ladderStepId, messageId: message.messageId, outboxId: message.id },
      also: () => {
        this.stmt.sent.run(nowOf(this.ctx), nowOf(this.ctx), message.id);
        return { entity: 'email', id: message.id };
      },
    });
    this.noteChange(message.batchId);
  }

  private handleFailure(message: DueMessage, error: SendError, note = ''): void {
    const words = note + (error.response ?? error.message);
    const attempts = message.attempts + 1;
    if (error.responseCode !== undefined && error.responseCode >= 500) return this.finish(message, 'failed', words);
    // The body went out and the server never answered: it may have been delivered; resending could duplicate.
    if (error.responseCode === undefined && this.stage.written) {
      return this.finish(message, 'uncertain', `The connection dropped after the message was sent and before the server confirmed it (${words}). Check your Sent folder.`);
    }
    if (attempts >= MAX_ATTEMPTS) return this.finish(message, 'failed', `Gave up after ${attempts} attempts: ${words}`);
    const retryAt = new Date(this.ctx.clock().getTime() + backoffMs(attempts)).toISOString();
    this.ctx.database.sqlite.prepare("UPDATE outbox_messages SET status = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?")
      .run(retryAt, words, nowOf(this.ctx), message.id);
    this.noteChange(message.batchId);
  }

  private finish(message: DueMessage, status: 'failed' | 'uncertain', reason: string): void {
    this.ctx.database.sqlite.prepare('UPDATE outbox_messages SET status = ?, last_error = ?, updated_at = ? WHERE id = ?').run(status, reason, nowOf(this.ctx), message.id);
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
