import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { describeHold } from '../../../shared/outreach/guard-words';
import type { QueueResult } from '../../../shared/outreach/outbox';
import { countSegments } from '../../../shared/sms/segments';
import { MAX_TEXT_LENGTH, type TextDraft } from '../../../shared/sms/sms-api';
import type { SmsSettings } from '../../../shared/sms/sms-settings';
import { nowOf, todayOf, type CoreContext } from '../context';
import { getSetting } from '../settings';
import { guardDrafts } from '../ladder/guard-drafts';
import { guardDay } from '../ladder/guard-facts';
import { holesIn, holesReason, refuseSettingsHoles, requireSignature } from '../mail/message-holes';
import { idempotencyKey, recordLadderSteps, recordOverride, type LadderDraft } from './outbox';
import { staleMessage, syncFreshness } from '../sync/sync-freshness';
import { unguardedFields } from '../mail/template-check';
import { textValues } from '../sms/text-values';
import { readSmsReach } from '../sms/sms-reach';
import { getSmsTemplate, renderSms } from '../sms/sms-templates';

/** A ladder's text step: a text draft with the steps it takes. */
export type LadderTextDraft = TextDraft & Pick<LadderDraft, 'ladder'>;

/** The provider texts go through; queueing without one would only fail later. */
export function requireSmsProvider(ctx: CoreContext): SmsSettings {
  const sms = getSetting(ctx.database.sqlite, 'sms');
  if (!sms) throw new AppError('CONFLICT', 'Set up a text-message provider in Settings → SMS before sending texts.');
  return sms;
}

/**
 * Texts into the outbox, like emails (outbox/outbox.ts): every draft through the send guard for
 * the text channel (a mobile number, consent, the customer's sending hours, the contact rhythm with
 * emails counted), rendered, and queued with its invoices and ladder steps in one transaction, never
 * twice for the same key. The text sender (sms-sender.ts) asks the guard again before each goes.
 */
export function queueTexts(ctx: CoreContext, drafts: readonly (TextDraft | LadderTextDraft)[], batchId = randomUUID()): QueueResult {
  const { sqlite } = ctx.database;
  const today = todayOf(ctx);
  const now = nowOf(ctx);
  const at = ctx.clock();
  const settings = getSetting(sqlite, 'outreach');
  const freshness = syncFreshness(sqlite, today, settings.syncFreshnessDays);
  if (!freshness.fresh) throw new AppError('CONFLICT', staleMessage(freshness), { freshness });
  const sms = requireSmsProvider(ctx);
  requireSignature(settings);
  const rules = guardDay(sqlite, today);
  const reach = readSmsReach(
    sqlite,
    at,
    drafts.map((draft) => draft.customerId),
  );
  const result: QueueResult = { batchId, queued: 0, duplicates: [], skipped: [], dropped: [] };
  const insert =
    sqlite.prepare(`INSERT INTO outbox_messages (idempotency_key, batch_id, customer_id, contact_id, template_id, ladder_step_id, to_address, from_address,
      subject, status, next_attempt_at, message_id, created_at, updated_at, channel, segments)
    VALUES (@key, @batchId, @customerId, @contactId, @templateId, @stepId, @to, @from, @subject, 'queued', @now, @messageId, @now, @now, 'sms', @segments)
    ON CONFLICT (idempotency_key) DO NOTHING`);
  const body = sqlite.prepare("INSERT INTO outbox_message_bodies (message_id, html, text) VALUES (?, '', ?)");
  const cover = sqlite.prepare('INSERT INTO outbox_message_invoices (message_id, invoice_id) VALUES (?, ?)');
  const step = sqlite.prepare(
    'INSERT OR IGNORE INTO ladder_invoice_steps (invoice_id, policy_id, step_id, state, message_id, taken_at) VALUES (?, ?, ?, ?, ?, ?)',
  );

  sqlite.transaction(() => {
    for (const guarded of guardDrafts(sqlite, drafts, rules, { at })) {
      const { draft, customerName, verdict, template } = guarded;
      const skip = (reason: string, hold?: QueueResult['skipped'][number]['hold']): void =>
        void result.skipped.push({ customerId: draft.customerId, customerName, reason, ...(hold ? { hold } : {}) });
      if (verdict.held) {
        skip(describeHold(verdict.held, verdict, today, rules.rhythmDays), verdict.held);
        continue;
      }
      const recipient = reach.get(draft.customerId)?.recipient;
      if (!recipient) {
        skip(describeHold('no_mobile', verdict, today, rules.rhythmDays), 'no_mobile');
        continue;
      }
      const { values, invoiceIds } = textValues(sqlite, draft, recipient, today, settings);
      const holes = holesIn(unguardedFields(template.subject, template.body), values);
      refuseSettingsHoles(holes);
      if (holes.length > 0 && !draft.text) {
        skip(holesReason(holes));
        continue;
      }
      const text = draft.text ?? renderSms(getSmsTemplate(draft.templateId), values);
      if (text.length > MAX_TEXT_LENGTH) {
        skip(`The text is ${text.length} characters; a text holds at most ${MAX_TEXT_LENGTH}.`);
        continue;
      }
      const inserted = insert.run({
        key: `sms|${idempotencyKey(draft, invoiceIds, today)}`,
        batchId,
        customerId: draft.customerId,
        contactId: recipient.contactId,
        templateId: draft.templateId,
        stepId: 'ladder' in draft ? draft.ladder.stepId : null,
        to: recipient.number,
        from: sms.sender,
        subject: template.subject,
        now,
        messageId: randomUUID(),
        segments: countSegments(text).segments,
      });
      if (inserted.changes === 0) {
        result.duplicates.push({ customerId: draft.customerId, customerName });
        continue;
      }
      const messageId = Number(inserted.lastInsertRowid);
      body.run(messageId, text);
      for (const invoiceId of invoiceIds) cover.run(messageId, invoiceId);
      recordLadderSteps(step, draft, invoiceIds, messageId, now);
      recordOverride(ctx, messageId, guarded);
      result.dropped.push(...verdict.dropped.map((dropped) => ({ customerId: draft.customerId, ...dropped })));
      result.queued += 1;
    }
  })();
  ctx.sms.wake();
  return result;
}
