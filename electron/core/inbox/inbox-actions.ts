import { addDays, type IsoDate } from '../../../shared/dates';
import type { ImapSettings, InboxKind, InboxReading } from '../../../shared/inbox';
import { prepareCached } from '../../db/statement-cache';
import { recordActivity } from '../activity/record-activity';
import { nowOf, type CoreContext } from '../context';
import type { CustomerMatch } from './match-message';

/** How long after a temporary bounce the message is sent once more. */
const RETRY_AFTER_MS = 4 * 3_600_000;

export interface StoredMessage {
  id: number;
  kind: InboxKind;
  receivedOn: IsoDate;
  subject: string;
  from: string | null;
  summary: string;
  reading: InboxReading;
}

/** What reading a message changes besides the Inbox itself; the caller writes it in the same transaction. */
export interface Outcome {
  /** Nothing left for the collector (a receipt, a newsletter, a delay notice, a bounce already retried). */
  done: string | null;
  resumeOn: IsoDate | null;
  /** The outbox was given a message to send again: the sender should look now. */
  wakeOutbox: boolean;
}

/**
 * Acts on a matched message (inside the transaction that stores it): every one goes on the
 * customer's timeline; a permanent bounce marks the contact bounced (the open message is the
 * "find a new contact" task); a temporary one sends the message again once, later; an
 * out-of-office answer holds the ladder until the day after the return date (or the setting's
 * default) and is not a response; a reply stays open, which pauses the ladder, until handled.
 */
export function actOn(ctx: CoreContext, message: StoredMessage, match: CustomerMatch | null, settings: Pick<ImapSettings, 'outOfOfficeDays'>): Outcome {
  const { reading } = message;
  const outcome: Outcome = { done: null, resumeOn: null, wakeOutbox: false };
  if (message.kind === 'other') outcome.done = 'not an answer';
  if (!match) return outcome;
  const { sqlite } = ctx.database;
  const bounce = reading.bounce;
  if (message.kind === 'bounce' && bounce) {
    if (bounce.delayed) outcome.done = 'the server is still trying';
    else if (bounce.permanent && bounce.recipient) {
      const marked = prepareCached(sqlite, "UPDATE contacts SET status = 'bounced' WHERE customer_id = ? AND lower(email) = ? AND status = 'valid'").run(
        match.customerId,
        bounce.recipient,
      ).changes;
      if (marked > 0) reading.actions.push(`marked ${bounce.recipient} bounced`);
    } else if (!bounce.permanent && match.outboxId !== null && sendAgain(ctx, match.outboxId, bounce.status)) {
      reading.actions.push('sends the message again once, in 4 hours');
      outcome.done = 'sent again';
      outcome.wakeOutbox = true;
    }
  }
  if (message.kind === 'auto_reply') {
    const absence = reading.autoReply?.absence ?? false;
    if (absence) {
      const back = reading.autoReply?.returnDate;
      outcome.resumeOn = back ? addDays(back, 1) : addDays(message.receivedOn, settings.outOfOfficeDays);
      reading.actions.push(`holds the ladder until ${outcome.resumeOn}`);
    }
    // An absence stays in the Inbox: its stand-in may be the new contact to write to.
    outcome.done = absence ? null : 'automatic answer';
  }
  if (message.kind === 'reply') reading.actions.push('pauses the ladder until handled');
  if (message.kind !== 'other') {
    recordActivity(ctx, {
      customerId: match.customerId,
      kind: 'email_received',
      deferRescore: true,
      body: { inboxId: message.id, messageKind: message.kind, subject: message.subject, from: message.from, summary: message.summary },
    });
  }
  return outcome;
}

/**
 * A temporary bounce of a message Inflow sent: queue it once more, later. Once: a second temporary
 * bounce of the same message stays in the Inbox for the collector.
 */
function sendAgain(ctx: CoreContext, outboxId: number, status: string | null): boolean {
  const { sqlite } = ctx.database;
  const earlier = prepareCached(sqlite, "SELECT 1 FROM inbox_messages WHERE outbox_id = ? AND handled_action = 'sent again'").get(outboxId);
  if (earlier) return false;
  const retryAt = new Date(ctx.clock().getTime() + RETRY_AFTER_MS).toISOString();
  return (
    prepareCached(
      sqlite,
      "UPDATE outbox_messages SET status = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ? AND status = 'sent'",
    ).run(retryAt, `Bounced for now${status ? ` (${status})` : ''}; sent once more.`, nowOf(ctx), outboxId).changes > 0
  );
}
