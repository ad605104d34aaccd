import { AppError } from '../../shared/errors';
import { HOLD_LABELS } from '../../shared/outreach/guard-words';
import type { Core } from '../core';
import { drainOutbox } from './cli-outbox';

export interface SmsOptions {
  json: boolean;
  'dry-run': boolean;
  customer?: string | undefined;
  template?: string | undefined;
}

const USAGE = 'Usage: sms send --db PATH --customer ID --template NAME [--dry-run] [--json]';

/**
 * `sms send --customer ID --template NAME`: one text through the send guard like every message. The
 * dry run prints the text, its parts, the contact and the customer's clock, or why it would not go
 * (each contact passed over with why); the send refuses (exit 1) a text the guard holds, and returns
 * once the text is sent, failed or uncertain.
 */
export async function smsCommand(core: Core, action: string | undefined, options: SmsOptions, say: (line: string) => void): Promise<string> {
  if (action !== 'send') throw new AppError('INVALID_INPUT', USAGE);
  if (!options.customer || !options.template) throw new AppError('INVALID_INPUT', `--customer EXTERNAL_ID and --template NAME are required.\n${USAGE}`);
  const { customerId } = await core.call('customer.lookup', { externalId: options.customer });
  const draft = { customerId, templateId: options.template };
  if (options['dry-run']) {
    const preview = await core.call('sms.preview', { draft });
    const { reach } = preview;
    if (options.json) {
      return JSON.stringify({
        customerExternalId: options.customer,
        template: preview.templateId,
        to: preview.to,
        text: preview.text,
        segments: preview.segments,
        hold: preview.hold,
        heldMessage: preview.heldMessage,
        dropped: preview.guard.dropped.map(({ number, reason }) => ({ number, reason })),
        timeZone: reach?.timeZone ?? null,
        localTime: reach?.localTime ?? null,
        opensAt: reach?.opensAt ?? null,
        skippedContacts: reach?.skipped ?? [],
      });
    }
    const lines = [
      ...preview.guard.dropped.map((d) => `Left out: ${d.number} (${HOLD_LABELS[d.reason].toLowerCase()})`),
      ...(reach?.skipped ?? []).map((c) => `Passed over: ${c.name} — ${c.reason}`),
      ...(preview.heldMessage ? [`Would not be sent: ${preview.heldMessage}${reach?.opensAt ? ` (sending hours open ${reach.opensAt})` : ''}`] : []),
      `To: ${preview.to ? `${preview.to.name} <${preview.to.number}>` : '(nobody to text)'}`,
      ...(reach ? [`Customer's clock: ${reach.localTime} ${reach.timeZone.zone} (${reach.timeZone.source})`] : []),
      `Parts: ${preview.segments.segments} (${preview.segments.encoding}, ${preview.segments.units} characters)`,
      '',
      preview.text,
    ];
    return lines.join('\n');
  }
  const result = await core.call('sms.queue', { messages: [draft] });
  if (result.skipped[0]) throw new AppError('CONFLICT', `Not sent: ${result.skipped[0].reason}`, { skipped: result.skipped, dropped: result.dropped });
  await drainOutbox(core, say);
  const [row] = await core.call('outbox.list', { batchId: result.batchId, limit: 1 });
  if (options.json) return JSON.stringify({ ...result, message: row ?? null });
  if (result.duplicates[0]) return 'Not sent: the same text was already queued or sent today.';
  return `${row!.status === 'sent' ? 'Sent' : `Not sent (${row!.status})`}: "${row!.subject}" to ${row!.to}${row!.lastError ? ` — ${row!.lastError}` : ''}`;
}
