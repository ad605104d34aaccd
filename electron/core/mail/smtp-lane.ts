import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpSettings } from '../../../shared/outreach/outreach-settings';

/**
 * Whether the current message has been written out in full (nodemailer logs "<n bytes encoded mime
 * message>" at that point, with or without debug output). After that, a dropped connection leaves the
 * message's fate unknown, and nodemailer reports the drop as a plain connection error, so its error
 * alone cannot tell "never sent" from "sent but unconfirmed".
 */
export class DataStage {
  written = false;
  readonly logger = {
    level: () => undefined,
    trace: () => undefined,
    debug: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    fatal: () => undefined,
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
 * One SMTP connection of the outbox with the one message it carries at a time, so "was the body
 * written?" is always about that message. Several lanes overlap one message's database work with
 * another's wait for the server.
 */
export class SmtpLane {
  readonly stage = new DataStage();
  /** The send in progress, if any. */
  busy: Promise<void> | null = null;
  private mailer: { key: string; transport: Transporter } | null = null;

  /** The connection for these settings; a change in Settings opens a new one. */
  transportFor(smtp: SmtpSettings): Transporter {
    const key = JSON.stringify(smtp);
    if (this.mailer?.key !== key) {
      this.mailer?.transport.close();
      this.mailer = { key, transport: createMailer(smtp, this.stage) };
    }
    return this.mailer.transport;
  }

  close(): void {
    this.mailer?.transport.close();
    this.mailer = null;
  }

  /** Quitting: drops the connection even with a message on it (a plain close leaves a busy one open). */
  abort(): void {
    // nodemailer's pool takes `force`; its Transporter type does not say so.
    (this.mailer?.transport.transporter as { close(options: { force: boolean }): void } | undefined)?.close({ force: true });
    this.mailer = null;
  }
}
