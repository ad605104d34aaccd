import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { SmsPollResult } from '../../../shared/sms/sms-api';
import type { SmsSettings } from '../../../shared/sms/sms-settings';
import { ProcessLock } from '../../db/process-lock';
import { log, safeError } from '../../log/log';
import { recordActivity } from '../activity/record-activity';
import { nowOf, type CoreContext, type TextService } from '../context';
import { senderLockPath } from '../mail/orphaned-sends';
import { CLOSE_GRACE_MS, MAX_IDLE_MS, msUntilNextDue, SenderRest, settlesWithin } from './sender-rest';
import { holdAtSend } from '../ladder/send-time-check';
import { getSetting } from '../settings';
import { pollProvider } from '../sms/sms-poll';
import type { SendOutcome, SmsProvider } from '../sms/sms-provider';
import { TwilioProvider } from '../sms/twilio-provider';

interface DueText {
  id: number;
  batchId: string | null;
  customerId: number;
  contactId: number | null;
  templateId: string;
  ladderStepId: string | null;
  to: string;
  text: string;
  attempts: number;
}

const MAX_ATTEMPTS = 6;
/** 30 s, 1 min, 2 min … capped at 30 min, unless the provider says when (Retry-After). */
const backoffMs = (attempts: number): number => Math.min(30_000 * 2 ** (attempts - 1), 30 * 60_000);
const QUIT_UNCERTAIN =
  'Inflow quit while this text was with the provider, before it answered. Check the provider’s message log, then mark it sent or send it again.';

export type ProviderFactory = (settings: SmsSettings, signal: AbortSignal) => SmsProvider;
const twilio: ProviderFactory = (settings, signal) => new TwilioProvider(settings, signal);

/**
 * Drains the outbox's texts, one at a time at the pace of Settings → SMS, and polls the provider for
 * delivery statuses and replies. Like the email sender: the send guard again just before each text
 * (a text that reached the customer's evening waits for the morning), `sending` committed with this
 * sender's id before the request, under a lock the OS frees when the process dies, so a text whose
 * fate is unknown (a timeout, a 5xx, a crash) is `uncertain` for a person, never sent twice. A
 * refusal fails it with the provider's words (an opt-out refusal also marks the contact); a 429 or
 * 503 waits (Retry-After) and tries again.
 */
export class SmsSender implements TextService {
  readonly id = randomUUID();
  private lock: ProcessLock | null = null;
  private closed = false;
  private hungUp = false;
  private readonly rest = new SenderRest();
  private loop: Promise<void> | null = null;
  private lastSendAt = 0;
  private lastPollAt = 0;
  private readonly quitting = new AbortController();

  constructor(
    private readonly ctx: CoreContext,
    private readonly providerFor: ProviderFactory = twilio,
  ) {}

  start(): void {
    this.lock = ProcessLock.acquire(senderLockPath(this.ctx.database.path, this.id));
    this.loop = this.run();
  }

  wake(): void {
    this.rest.wake();
  }

  async pollNow(): Promise<SmsPollResult> {
    const provider = this.provider();
    if (!provider) throw new AppError('CONFLICT', 'Set up a text-message provider in Settings → SMS first.');
    return pollProvider(this.ctx, provider);
  }

  /** The provider's current connection, or null when none is set up. */
  private provider(): SmsProvider | null {
    const settings = getSetting(this.ctx.database.sqlite, 'sms');
    return settings ? this.providerFor(settings, this.quitting.signal) : null;
  }

  /** Like the email sender's: a text with the provider gets `graceMs` to be answered, then the request is dropped and the text is uncertain. */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    this.closed = true;
    this.wake();
    const loop = this.loop ?? Promise.resolve();
    if (!(await settlesWithin(loop, graceMs))) {
      this.hungUp = true;
      this.quitting.abort();
      await loop;
    }
    this.lock?.release();
    this.lock = null;
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      const provider = this.provider();
      const rules = getSetting(this.ctx.database.sqlite, 'smsRules');
      if (provider && Date.now() - this.lastPollAt >= rules.pollSeconds * 1000) {
        this.lastPollAt = Date.now();
        try {
          await pollProvider(this.ctx, provider);
        } catch (error) {
          log.warn('sms.poll.failed', safeError(error));
        }
        continue;
      }
      const next = provider && !this.ctx.outbox.isPaused ? this.nextDue() : undefined;
      if (!provider || !next) {
        await this.rest.sleep(Math.min(msUntilNextDue(this.ctx.database.sqlite, 'sms', this.ctx.clock()), provider ? rules.pollSeconds * 1000 : MAX_IDLE_MS));
        continue;
      }
      const wait = this.lastSendAt + 60_000 / rules.messagesPerMinute - Date.now();
      if (wait > 0) {
        await this.rest.sleep(wait);
        continue;
      }
      await this.send(provider, next);
    }
  }

  private nextDue(): DueText | undefined {
    return this.ctx.database.sqlite
      .prepare(
        `SELECT m.id, m.batch_id AS batchId, m.customer_id AS customerId, m.contact_id AS contactId, m.template_id AS templateId,
        m.ladder_step_id AS ladderStepId, m.to_address AS "to", b.text, m.attempts
      FROM outbox_messages m JOIN outbox_message_bodies b ON b.message_id = m.id
      WHERE m.status = 'queued' AND m.channel = 'sms' AND m.next_attempt_at <= ? ORDER BY m.next_attempt_at, m.id LIMIT 1`,
      )
      .get(nowOf(this.ctx)) as DueText | undefined;
  }

  private async send(provider: SmsProvider, text: DueText): Promise<void> {
    if (holdAtSend(this.ctx, text.id)) return this.changed(text.batchId);
    const { sqlite } = this.ctx.database;
    const claimed = sqlite
      .prepare("UPDATE outbox_messages SET status = 'sending', sender = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'")
      .run(this.id, nowOf(this.ctx), text.id);
    if (claimed.changes === 0) return;
    this.lastSendAt = Date.now();
    if (!(await this.ctx.team.claimSend(text.id))) return this.changed(text.batchId);
    let outcome: SendOutcome;
    try {
      outcome = await provider.send({ to: text.to, body: text.text });
    } catch (error) {
      outcome = { outcome: 'unknown', message: (error as Error).message };
    }
    this.settle(text, outcome);
    this.changed(text.batchId);
  }

  private settle(text: DueText, outcome: SendOutcome): void {
    const { sqlite } = this.ctx.database;
    const now = nowOf(this.ctx);
    const attempts = text.attempts + 1;
    const finish = (status: 'failed' | 'uncertain', words: string): void => {
      log.warn(`outbox.${status}`, { outboxId: text.id, channel: 'sms' });
      sqlite.prepare('UPDATE outbox_messages SET status = ?, last_error = ?, updated_at = ? WHERE id = ?').run(status, words, now, text.id);
    };
    if (outcome.outcome === 'accepted') {
      recordActivity(this.ctx, {
        customerId: text.customerId,
        kind: 'sms',
        deferRescore: true,
        body: {
          direction: 'outbound',
          to: text.to,
          text: text.text,
          templateId: text.templateId,
          ladderStepId: text.ladderStepId,
          outboxId: text.id,
          providerId: outcome.providerId,
        },
        also: () => {
          sqlite
            .prepare(
              `UPDATE outbox_messages SET status = 'sent', sent_at = ?, updated_at = ?, last_error = NULL, provider_id = ?, delivery = ?, segments = coalesce(?, segments)
            WHERE id = ?`,
            )
            .run(now, now, outcome.providerId, outcome.status, outcome.segments, text.id);
          return { entity: 'sms', id: text.id };
        },
      });
      log.info('outbox.sent', { outboxId: text.id, channel: 'sms', attempt: attempts });
      return;
    }
    log.warn('outbox.send.failed', {
      outboxId: text.id,
      channel: 'sms',
      attempt: attempts,
      outcome: outcome.outcome,
      code: outcome.outcome === 'refused' ? outcome.code : undefined,
    });
    if (outcome.outcome === 'unknown')
      return finish(
        'uncertain',
        this.hungUp ? QUIT_UNCERTAIN : `${outcome.message} The provider may have sent it: check its message log, then mark it sent or send it again.`,
      );
    if (outcome.outcome === 'refused') {
      if (outcome.optOut && text.contactId !== null) {
        sqlite.prepare('UPDATE contacts SET sms_opted_out_at = coalesce(sms_opted_out_at, ?) WHERE id = ?').run(now, text.contactId);
        this.ctx.worklist.markStale(text.customerId);
      }
      const why = outcome.optOut
        ? 'The contact has opted out of texts from this sender'
        : outcome.badNumber
          ? 'The number cannot take texts'
          : 'The provider refused the text';
      return finish('failed', `${why} (${outcome.code}: ${outcome.message}).`);
    }
    if (this.hungUp || attempts >= MAX_ATTEMPTS) return finish('failed', `Gave up after ${attempts} attempts: ${outcome.message}`);
    const retryAt = new Date(this.ctx.clock().getTime() + (outcome.afterMs ?? backoffMs(attempts))).toISOString();
    sqlite
      .prepare("UPDATE outbox_messages SET status = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?")
      .run(retryAt, outcome.message, now, text.id);
  }

  private changed(batchId: string | null): void {
    this.ctx.emit({ type: 'outbox.changed', batchId });
  }
}
