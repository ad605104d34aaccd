import type { ImapFlow } from 'imapflow';
import { log, safeError } from '../../log/log';
import type { InboxFetchResult } from '../../../shared/inbox';
import type { CoreContext, InboxService } from '../context';
import { getSetting } from '../settings';
import { fetchMailbox } from './fetch-mailbox';
import { openMailbox } from './mailbox-login';
import { appendSentCopies, noteSent } from './sent-copies';

const FIRST_BACKOFF_MS = 30_000;
const APPEND_DELAY_MS = 2_000;

/**
 * Keeps the Inbox current while the app runs: a fetch at start, then the server's IDLE push (a new
 * message fetches at once), with a poll every `pollMinutes` as the floor; offline, it backs off from
 * 30 s up to the poll interval and catches up when the network is back, like the ERP sync. One fetch
 * at a time: a fetch asked for while one runs waits for it.
 */
export class InboxWatcher implements InboxService {
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;
  private idleClient: ImapFlow | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private appendTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly ctx: CoreContext) {}

  fetchNow(run: () => Promise<InboxFetchResult> = () => fetchMailbox(this.ctx)): Promise<InboxFetchResult> {
    const next = this.running.then(run, run);
    this.running = next.catch(() => undefined);
    return next;
  }

  /** A message went out: its copy goes to the Sent folder soon (one pass for a burst of sends). */
  noteSent(outboxId: number): void {
    if (!noteSent(this.ctx, outboxId) || this.stopped || this.appendTimer) return;
    this.appendTimer = setTimeout(() => {
      this.appendTimer = null;
      // The copies stay pending for the next pass; the log says why this one failed.
      void this.appendCopies().catch((error: unknown) => log.warn('inbox.sent-copies.failed', safeError(error)));
    }, APPEND_DELAY_MS);
    this.appendTimer.unref();
  }

  /** Appends what is pending, one pass at a time like fetches; failures stay pending for the next pass. */
  appendCopies(): Promise<number> {
    const settings = getSetting(this.ctx.database.sqlite, 'imap');
    if (!settings) return Promise.resolve(0);
    const next = this.running.then(() => appendSentCopies(this.ctx, settings));
    this.running = next.catch(() => undefined);
    return next;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** The settings changed: drop the IDLE connection and read again with the new ones. */
  restart(): void {
    if (this.stopped) return;
    void this.dropIdle();
    this.schedule(0);
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.appendTimer) clearTimeout(this.appendTimer);
    await this.dropIdle();
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.cycle(), ms);
    this.timer.unref();
  }

  private async cycle(): Promise<void> {
    const settings = getSetting(this.ctx.database.sqlite, 'imap');
    if (this.stopped || !settings) return;
    const pollMs = settings.pollMinutes * 60_000;
    try {
      await this.fetchNow();
      await this.appendCopies();
      this.failures = 0;
      this.schedule(pollMs);
      void this.idle();
    } catch (error) {
      // Offline or refused: the next try comes later; the Inbox screen shows the last error from a manual fetch.
      this.failures += 1;
      log.warn('inbox.fetch.failed', { failures: this.failures, ...safeError(error) });
      this.schedule(Math.min(FIRST_BACKOFF_MS * 2 ** (this.failures - 1), pollMs));
    }
  }

  /** Waits on the server's push: a new message ends the wait and reads the mailbox at once. */
  private async idle(): Promise<void> {
    const settings = getSetting(this.ctx.database.sqlite, 'imap');
    if (this.stopped || !settings || this.idleClient) return;
    try {
      const client = await openMailbox(this.ctx, settings);
      this.idleClient = client;
      client.on('exists', () => this.schedule(0));
      client.on('close', () => {
        if (this.idleClient === client) this.idleClient = null;
      });
      await client.mailboxOpen(settings.folder, { readOnly: true });
      while (!this.stopped && this.idleClient === client) await client.idle();
    } catch (error) {
      // The poll still reads the mailbox; only the push wait is lost until the next cycle.
      log.info('inbox.idle.failed', safeError(error));
      await this.dropIdle();
    }
  }

  private async dropIdle(): Promise<void> {
    const client = this.idleClient;
    this.idleClient = null;
    if (client) await client.logout().catch(() => client.close());
  }
}
