import { AppError } from '../../shared/errors';
import { describeHold, describeRecent, HOLD_LABELS } from '../../shared/outreach/guard-words';
import type { LadderRun } from '../../shared/outreach/ladder';
import type { EmailPreview } from '../../shared/api';
import { localToday } from '../../shared/dates';
import type { Core } from '../core';
import { invoiceIds } from './cli-collection';
import { drainOutbox, outboxSummary } from './cli-outbox';

export interface OutreachOptions {
  json: boolean;
  'as-of'?: string | undefined;
  /** The moment texts' sending hours are judged at (default now). */
  at?: string | undefined;
  'dry-run': boolean;
  customer?: string | undefined;
  template?: string | undefined;
  /** Who the message is from, as a ladder step's sender role: collector (default) or manager. */
  sender?: string | undefined;
  invoices?: string | undefined;
  include?: string | undefined;
  'override-rhythm'?: boolean | undefined;
  reason?: string | undefined;
}

/** The documented JSON of a ladder run: per message its template and each invoice's step; per held invoice its reason. */
function ladderJson(run: LadderRun) {
  return {
    asOf: run.asOf,
    messages: run.messages.map((m) => ({
      customerExternalId: m.customerExternalId,
      template: m.step.templateId,
      step: m.step.id,
      channel: m.step.channel,
      invoices: m.invoices.map((i) => ({ number: i.number, step: i.stepId })),
    })),
    excluded: run.excluded.map((e) => ({ customerExternalId: e.customerExternalId, number: e.number, step: e.stepId, reason: e.reason })),
  };
}

/**
 * `ladder run`: the dry run prints what the ladder would send and why invoices are held; without it,
 * the email steps are queued and the command returns once the outbox is drained (what an interrupted
 * run left queued included), so a run killed part-way is finished by the next one.
 */
export async function ladderCommand(core: Core, action: string | undefined, options: OutreachOptions, say: (line: string) => void): Promise<string> {
  if (action !== 'run') throw new AppError('INVALID_INPUT', 'Usage: ladder run --db PATH [--as-of YYYY-MM-DD] [--at ISO-TIME] [--dry-run] [--json]');
  const run = await core.call('ladder.run', {
    ...(options['as-of'] ? { asOf: options['as-of'] } : {}),
    ...(options.at ? { at: options.at } : {}),
    dryRun: options['dry-run'],
  });
  const outbox = options['dry-run'] ? null : await drainOutbox(core, say);
  if (options.json) return JSON.stringify(outbox ? { ...ladderJson(run), queued: run.queued, queuedTexts: run.queuedTexts, outbox } : ladderJson(run));
  const lines = [`Ladder as of ${run.asOf}: ${run.messages.length} messages, ${run.excluded.length} invoices held back`];
  for (const m of run.messages)
    lines.push(`  ${m.customerExternalId}: ${m.step.label} (${m.step.channel}) — ${m.invoices.map((i) => `${i.number} at ${i.stepId}`).join(', ')}`);
  for (const e of run.excluded) lines.push(`  held: ${e.customerExternalId} ${e.number} (${e.stepId}) — ${e.reason}`);
  if (outbox) lines.push(outboxSummary(outbox));
  return lines.join('\n');
}

const OUTREACH_USAGE =
  'Usage: outreach preview|send --db PATH --customer ID --template ID [--sender collector|manager] [--invoices N1,N2] [--include N1,N2] [--override-rhythm] [--reason TEXT] [--dry-run] [--json]';

/**
 * `outreach preview|send --customer ID --template ID`: one message, shown or sent, through the send
 * guard like every other. `--invoices` names what it lists (default: what its words fit); `--include`
 * keeps a held invoice and `--override-rhythm` sends despite another message today, each only with
 * `--reason` (written to the audit log). A message the guard holds is refused (exit 1).
 */
export async function outreachCommand(core: Core, action: string | undefined, options: OutreachOptions, say: (line: string) => void): Promise<string> {
  if (action !== 'preview' && action !== 'send') throw new AppError('INVALID_INPUT', OUTREACH_USAGE);
  if (!options.customer || !options.template) throw new AppError('INVALID_INPUT', '--customer EXTERNAL_ID and --template ID are required.');
  const { customerId } = await core.call('customer.lookup', { externalId: options.customer });
  const include = await invoiceIds(core, customerId, options.include);
  const lifting = include.length > 0 || options['override-rhythm'] === true;
  if (lifting && !options.reason)
    throw new AppError('INVALID_INPUT', '--include and --override-rhythm need --reason TEXT: a lifted hold is recorded with why.');
  const draft = {
    customerId,
    templateId: options.template,
    invoiceIds: await invoiceIds(core, customerId, options.invoices),
    ...(options.sender ? { senderRole: options.sender as 'collector' | 'manager' } : {}),
    ...(lifting ? { override: { invoiceIds: include, rhythm: options['override-rhythm'] === true, reason: options.reason! } } : {}),
  };
  if (action === 'preview' || options['dry-run']) {
    const preview = await core.call('outreach.preview', { draft });
    if (preview.problems.length > 0)
      throw new AppError('INVALID_INPUT', `The template has problems: ${preview.problems.map((p) => `${p.tag} ${p.message}`).join('; ')}`);
    if (preview.guard.held === 'nothing_left') throw new AppError('CONFLICT', `Not sent: ${preview.heldMessage}`, { guard: preview.guard });
    // Held for the customer too (the rhythm, a snooze …), and nothing rendered: the core renders no message that asks for
    // payment with no invoice left, so say that rather than print an empty one.
    if (preview.guard.held !== null && preview.guard.invoices.length === 0 && preview.subject === '')
      throw new AppError('CONFLICT', `Not sent: ${describeHold('nothing_left', preview.guard, localToday(), 1)} ${preview.heldMessage ?? ''}`.trim(), {
        guard: preview.guard,
      });
    return options.json ? JSON.stringify(preview) : previewText(preview);
  }
  const result = await core.call('outreach.queue', { messages: [draft] });
  if (result.skipped[0]) throw new AppError('CONFLICT', `Not sent: ${result.skipped[0].reason}`, { skipped: result.skipped, dropped: result.dropped });
  await drainOutbox(core, say);
  const [row] = await core.call('outbox.list', { batchId: result.batchId, limit: 1 });
  if (options.json) return JSON.stringify({ ...result, message: row ?? null });
  if (result.duplicates[0]) return 'Not sent: the same message was already queued or sent today.';
  const dropped = result.dropped.map((d) => `Left out: ${d.number} (${HOLD_LABELS[d.reason].toLowerCase()})\n`).join('');
  return `${dropped}${row!.status === 'sent' ? 'Sent' : `Not sent (${row!.status})`}: "${row!.subject}" to ${row!.to}${row!.lastError ? ` — ${row!.lastError}` : ''}`;
}

/** The message as text, after what the guard left out and why, and any other message to the customer today. */
function previewText(preview: EmailPreview): string {
  const today = localToday();
  const notes = [
    ...preview.guard.dropped.map((d) => `Left out: ${d.number} (${HOLD_LABELS[d.reason].toLowerCase()})`),
    ...preview.guard.lifted.map((d) => `Included despite: ${d.number} (${HOLD_LABELS[d.reason].toLowerCase()})`),
    ...preview.guard.recent.map((contact) => describeRecent(contact, today)),
    ...(preview.heldMessage ? [`Would not be sent: ${preview.heldMessage}`] : []),
  ];
  const from = preview.from.name ? `${preview.from.name} <${preview.from.address || 'no mailbox set up'}>` : preview.from.address;
  const to = preview.to ? `${preview.to.name} <${preview.to.address}>` : '(no contact with a valid address)';
  return `${notes.map((line) => `${line}\n`).join('')}From: ${from}\nTo: ${to}\nSubject: ${preview.subject}\nLanguage: ${preview.language}\n\n${preview.text}`;
}
