import { AppError } from '../../shared/errors';
import type { LadderRun } from '../../shared/outreach/ladder';
import type { Core } from '../core';

export interface OutreachOptions {
  json: boolean;
  'as-of'?: string | undefined;
  'dry-run': boolean;
  customer?: string | undefined;
  template?: string | undefined;
  status?: string | undefined;
  /** Who the message is from, as a ladder step's sender role: collector (default) or manager. */
  sender?: string | undefined;
}

/** The documented JSON of a ladder run: per message its template and each invoice's step; per held invoice its reason. */
function ladderJson(run: LadderRun) {
  return {
    asOf: run.asOf,
    messages: run.messages.map((m) => ({
      customerExternalId: m.customerExternalId, template: m.step.templateId, step: m.step.id, channel: m.step.channel,
      invoices: m.invoices.map((i) => ({ number: i.number, step: i.stepId })),
    })),
    excluded: run.excluded.map((e) => ({ customerExternalId: e.customerExternalId, number: e.number, step: e.stepId, reason: e.reason })),
  };
}

/** `ladder run`: the dry run prints what the ladder would send and why invoices are held; without it, the email steps are queued and sent. */
export async function ladderCommand(core: Core, action: string | undefined, options: OutreachOptions): Promise<string> {
  if (action !== 'run') throw new AppError('INVALID_INPUT', 'Usage: ladder run --db PATH [--as-of YYYY-MM-DD] [--dry-run] [--json]');
  const run = await core.call('ladder.run', { ...(options['as-of'] ? { asOf: options['as-of'] } : {}), dryRun: options['dry-run'] });
  if (!options['dry-run'] && run.queued) await settle(core, run.queued.batchId);
  if (options.json) return JSON.stringify(options['dry-run'] ? ladderJson(run) : { ...ladderJson(run), queued: run.queued });
  const lines = [`Ladder as of ${run.asOf}: ${run.messages.length} messages, ${run.excluded.length} invoices held back`];
  for (const m of run.messages) lines.push(`  ${m.customerExternalId}: ${m.step.label} (${m.step.channel}) — ${m.invoices.map((i) => `${i.number} at ${i.stepId}`).join(', ')}`);
  for (const e of run.excluded) lines.push(`  held: ${e.customerExternalId} ${e.number} (${e.stepId}) — ${e.reason}`);
  return lines.join('\n');
}

/** `outreach preview|send --customer ID --template ID`: one message, shown or sent. */
export async function outreachCommand(core: Core, action: string | undefined, options: OutreachOptions): Promise<string> {
  if (action !== 'preview' && action !== 'send') throw new AppError('INVALID_INPUT', 'Usage: outreach preview|send --db PATH --customer ID --template ID [--sender collector|manager] [--dry-run] [--json]');
  if (!options.customer || !options.template) throw new AppError('INVALID_INPUT', '--customer EXTERNAL_ID and --template ID are required.');
  const { customerId } = await core.call('customer.lookup', { externalId: options.customer });
  const draft = { customerId, templateId: options.template, ...(options.sender ? { senderRole: options.sender as 'collector' | 'manager' } : {}) };
  if (action === 'preview' || options['dry-run']) {
    const preview = await core.call('outreach.preview', { draft });
    if (preview.problems.length > 0) throw new AppError('INVALID_INPUT', `The template has problems: ${preview.problems.map((p) => `${p.tag} ${p.message}`).join('; ')}`);
    const from = preview.from.name ? `${preview.from.name} <${preview.from.address || 'no mailbox set up'}>` : preview.from.address;
    return options.json ? JSON.stringify(preview) : `From: ${from}\nTo: ${preview.to ? `${preview.to.name} <${preview.to.address}>` : '(no contact with a valid address)'}\nSubject: ${preview.subject}\nLanguage: ${preview.language}\n\n${preview.text}`;
  }
  const result = await core.call('outreach.queue', { messages: [draft] });
  if (result.queued > 0) await settle(core, result.batchId);
  const [row] = await core.call('outbox.list', { batchId: result.batchId, limit: 1 });
  if (options.json) return JSON.stringify({ ...result, message: row ?? null });
  if (result.skipped[0]) return `Not sent: ${result.skipped[0].reason}.`;
  if (result.duplicates[0]) return 'Not sent: the same message was already queued or sent today.';
  return `${row!.status === 'sent' ? 'Sent' : `Not sent (${row!.status})`}: "${row!.subject}" to ${row!.to}${row!.lastError ? ` — ${row!.lastError}` : ''}`;
}

/** `outbox list [--status S] --json`. */
export async function outboxCommand(core: Core, action: string | undefined, options: OutreachOptions): Promise<string> {
  if (action !== 'list') throw new AppError('INVALID_INPUT', 'Usage: outbox list --db PATH [--status queued|sending|sent|failed|uncertain|cancelled] [--json]');
  const rows = await core.call('outbox.list', { ...(options.status ? { status: options.status as never } : {}), limit: 10_000 });
  if (options.json) return JSON.stringify({ messages: rows });
  return rows.map((r) => `${String(r.id).padStart(6)}  ${r.status.padEnd(10)} ${r.customerName} <${r.to}> "${r.subject}"${r.lastError ? ` — ${r.lastError}` : ''}`).join('\n') || 'The outbox is empty.';
}

/** Waits until nothing in the batch is queued or sending (a retry waiting out its backoff counts as done for now). */
async function settle(core: Core, batchId: string): Promise<void> {
  for (;;) {
    const counts = await core.call('outbox.counts', { batchId });
    const retrying = (await core.call('outbox.list', { batchId, status: 'queued', limit: 10_000 })).some((row) => row.attempts > 0);
    if (counts.sending === 0 && (counts.queued === 0 || retrying)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
