import { AppError } from '../../shared/errors';
import { OUTBOX_STATUSES, type OutboxCounts, type OutboxStatus } from '../../shared/outreach/outbox';
import type { Core } from '../core';

export interface OutboxOptions {
  json: boolean;
  status?: string | undefined;
  id?: string | undefined;
  as?: string | undefined;
}

const USAGE = `Usage: outbox list --db PATH [--status ${OUTBOX_STATUSES.join('|')}] [--json]
       outbox send --db PATH [--json]                                 send everything queued, then return
       outbox resolve --db PATH --id N --as sent|resend|drop [--json] decide an uncertain or failed message`;

/** The CLI's words for outbox.resolve's decisions. */
const DECISIONS = { sent: 'mark_sent', resend: 'send_again', drop: 'cancel' } as const;

const POLL_MS = 100;
/** How often a wait for retries looks again at which messages it waits for, to say so. */
const RETRY_NOTE_MS = 5000;

/**
 * Returns once the outbox has nothing queued and nothing on the wire: every message sent, failed,
 * uncertain or cancelled. That covers what this command queued, what an interrupted run left queued,
 * and retries after a 4xx (waited out: the sender gives up after six attempts, some 15 minutes).
 * Must run in a core that sends (openCore with sendMail). Waits are said through `say` (the CLI's stderr).
 */
export async function drainOutbox(core: Core, say: (line: string) => void): Promise<OutboxCounts> {
  let notedAt = 0;
  let noted = '';
  for (;;) {
    const { paused: _paused, ...counts } = await core.call('outbox.counts', {});
    if (counts.queued === 0 && counts.sending === 0) return counts;
    if (Date.now() - notedAt > RETRY_NOTE_MS) {
      notedAt = Date.now();
      const note = await retryNote(core);
      if (note && note !== noted) say(note);
      noted = note ?? noted;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** "Waiting until 16:52:10 to retry 2 messages (…)", when every queued message waits for a retry. */
async function retryNote(core: Core): Promise<string | null> {
  const queued = await core.call('outbox.list', { status: 'queued', limit: 10_000 });
  const now = Date.now();
  if (queued.length === 0 || queued.some((message) => Date.parse(message.nextAttemptAt) <= now)) return null;
  const first = queued.reduce((a, b) => (a.nextAttemptAt <= b.nextAttemptAt ? a : b));
  const at = new Date(first.nextAttemptAt).toLocaleTimeString('en-GB');
  return `Waiting until ${at} to retry ${queued.length === 1 ? '1 message' : `${queued.length} messages`} the mail server put off (${first.lastError ?? 'no reason given'}).`;
}

/** One line on what is left for a person: uncertain and failed messages. */
export function outboxSummary(counts: OutboxCounts): string {
  const decide = counts.uncertain + counts.failed;
  return (
    `Outbox: ${counts.sent} sent, ${counts.uncertain} uncertain, ${counts.failed} failed, nothing queued.` +
    (decide ? ` ${decide} need a decision: outbox list --status uncertain (or failed), then outbox resolve --id N --as sent|resend|drop.` : '')
  );
}

/** `outbox list|send|resolve`. */
export async function outboxCommand(core: Core, action: string | undefined, options: OutboxOptions, say: (line: string) => void): Promise<string> {
  if (action === 'list') {
    if (options.status && !(OUTBOX_STATUSES as readonly string[]).includes(options.status))
      throw new AppError('INVALID_INPUT', `--status must be one of ${OUTBOX_STATUSES.join(', ')}.`);
    const rows = await core.call('outbox.list', { ...(options.status ? { status: options.status as OutboxStatus } : {}), limit: 10_000 });
    if (options.json) return JSON.stringify({ messages: rows });
    return (
      rows
        .map((r) => `${String(r.id).padStart(6)}  ${r.status.padEnd(10)} ${r.customerName} <${r.to}> "${r.subject}"${r.lastError ? ` — ${r.lastError}` : ''}`)
        .join('\n') || 'The outbox is empty.'
    );
  }
  if (action === 'send') {
    const before = await core.call('outbox.counts', {});
    const counts = await drainOutbox(core, say);
    const sent = counts.sent - before.sent;
    return options.json ? JSON.stringify({ sent, outbox: counts }) : `Sent ${sent} now. ${outboxSummary(counts)}`;
  }
  if (action === 'resolve') {
    const id = Number(options.id);
    const decision = DECISIONS[options.as as keyof typeof DECISIONS] as (typeof DECISIONS)[keyof typeof DECISIONS] | undefined;
    if (!Number.isSafeInteger(id) || id <= 0 || !decision) throw new AppError('INVALID_INPUT', `--id N and --as sent|resend|drop are required.\n${USAGE}`);
    const { status } = await core.call('outbox.resolve', { messageId: id, action: decision });
    if (options.json) return JSON.stringify({ id, status });
    return status === 'queued' ? `Message ${id} is queued again: "outbox send" (or the app) sends it.` : `Message ${id} is now ${status}.`;
  }
  throw new AppError('INVALID_INPUT', USAGE);
}
