import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { describeHold } from '../../../shared/outreach/guard-words';
import type { MessageDraft, QueueResult } from '../../../shared/outreach/outbox';
import type { TemplateLanguage } from '../../../shared/customer-locale';
import type { SmtpSettings } from '../../../shared/outreach/outreach-settings';
import type { EmailTemplate } from '../../../shared/outreach/template-fields';
import type { SqliteDb, SqliteStatement } from '../../db/sqlite';
import { nowOf, todayOf, type CoreContext } from '../context';
import { getSetting } from '../settings';
import { paymentQrLinkOf } from '../mail/inline-images';
import { checkVideoLink } from '../mail/links';
import { mergeValues } from '../mail/merge-values';
import { guardDrafts, type GuardedDraft } from '../ladder/guard-drafts';
import { guardDay } from '../ladder/guard-facts';
import { staleMessage, syncFreshness } from '../sync/sync-freshness';
import { holesIn, holesReason, refuseSettingsHoles, requireSignature } from '../mail/message-holes';
import { unguardedFields } from '../mail/template-check';
import { getTemplate } from '../mail/template-store';
import { renderTemplate } from '../mail/template-render';

/** A draft the ladder produced: the step it takes for each invoice, and earlier steps it makes moot. */
export interface LadderDraft extends MessageDraft {
  ladder: { policyId: string; stepId: string; invoiceSteps: { invoiceId: number; stepId: string }[]; skipped: { invoiceId: number; stepId: string }[] };
}

/**
 * The ladder steps a queued message takes (and the earlier ones it makes moot), for the invoices the
 * guard left in it; `step` is the prepared INSERT OR IGNORE into ladder_invoice_steps.
 */
export function recordLadderSteps(
  step: SqliteStatement,
  draft: MessageDraft | LadderDraft,
  invoiceIds: readonly number[],
  messageId: number,
  now: string,
): void {
  if (!('ladder' in draft)) return;
  const kept = new Set(invoiceIds);
  for (const taken of draft.ladder.invoiceSteps)
    if (kept.has(taken.invoiceId)) step.run(taken.invoiceId, draft.ladder.policyId, taken.stepId, 'taken', messageId, now);
  for (const skipped of draft.ladder.skipped)
    if (kept.has(skipped.invoiceId)) step.run(skipped.invoiceId, draft.ladder.policyId, skipped.stepId, 'skipped', messageId, now);
}

/** The mailbox messages go from; queueing without one would only fail later. */
export function requireSmtp(ctx: CoreContext): SmtpSettings {
  const smtp = getSetting(ctx.database.sqlite, 'smtp');
  if (!smtp) throw new AppError('CONFLICT', 'Set up your mailbox in Settings → Email before sending.');
  return smtp;
}

/** The same reminder is never queued twice: a ladder step once per invoice set, a template once a day. */
export function idempotencyKey(draft: MessageDraft | LadderDraft, invoiceIds: number[], today: string): string {
  const invoices = [...new Set(invoiceIds)].sort((a, b) => a - b).join(',');
  return 'ladder' in draft
    ? `ladder|${draft.customerId}|${draft.ladder.policyId}|${draft.ladder.stepId}|${invoices}`
    : `template|${draft.customerId}|${draft.templateId}|${invoices}|${today}`;
}

/**
 * Renders and queues messages in one transaction: each gets its row, the invoices it covers and, for
 * ladder steps, the per-invoice step state, so a crash leaves either all of a batch or none of it.
 * Every draft goes through the send guard first, whoever made it: held messages are not queued and
 * held invoices are left out, each with why. Sending happens later, in the outbox sender, which asks
 * the guard again. Held while the ERP data is stale.
 */
export function queueMessages(ctx: CoreContext, drafts: readonly (MessageDraft | LadderDraft)[], batchId = randomUUID()): QueueResult {
  const { sqlite } = ctx.database;
  const today = todayOf(ctx);
  const now = nowOf(ctx);
  const settings = getSetting(sqlite, 'outreach');
  const freshness = syncFreshness(sqlite, today, settings.syncFreshnessDays);
  if (!freshness.fresh) throw new AppError('CONFLICT', staleMessage(freshness), { freshness });
  const smtp = requireSmtp(ctx);
  requireSignature(settings);
  const domain = smtp.fromAddress.split('@')[1]!;
  const result: QueueResult = { batchId, queued: 0, duplicates: [], skipped: [], dropped: [] };
  const templates = new Map<string, { template: EmailTemplate; needed: string[] }>();
  const insert =
    sqlite.prepare(`INSERT INTO outbox_messages (idempotency_key, batch_id, customer_id, contact_id, template_id, ladder_step_id, to_address, from_address,
      reply_to, bcc, subject, payment_qr_link, status, next_attempt_at, message_id, created_at, updated_at, from_name, attach_statement)
    VALUES (@key, @batchId, @customerId, @contactId, @templateId, @stepId, @to, @from, @replyTo, @bcc, @subject, @paymentQrLink, 'queued', @now, @messageId, @now, @now, @fromName, @attachStatement)
    ON CONFLICT (idempotency_key) DO NOTHING`);
  const body = sqlite.prepare('INSERT INTO outbox_message_bodies (message_id, html, text) VALUES (?, ?, ?)');
  const cover = sqlite.prepare('INSERT INTO outbox_message_invoices (message_id, invoice_id) VALUES (?, ?)');
  const step = sqlite.prepare(
    `INSERT OR IGNORE INTO ladder_invoice_steps (invoice_id, policy_id, step_id, state, message_id, taken_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const rules = guardDay(sqlite, today);

  sqlite.transaction(() => {
    for (const guarded of guardDrafts(sqlite, drafts, rules)) {
      // The guard judged by the template's purpose, which every language version shares; the words are the customer's language.
      const { draft, customerName, verdict } = guarded;
      if (verdict.held) {
        result.skipped.push({
          customerId: draft.customerId,
          customerName,
          reason: describeHold(verdict.held, verdict, today, rules.rhythmDays),
          hold: verdict.held,
        });
        continue;
      }
      const videoMemoUrl = draft.videoMemoUrl ? checkVideoLink(draft.videoMemoUrl, settings.videoHosts) : undefined;
      const { values, recipient, invoiceIds, language, sender } = mergeValues(
        sqlite,
        { ...draft, ...(videoMemoUrl ? { videoMemoUrl } : {}) },
        today,
        settings,
        smtp.fromAddress,
      );
      const { template, needed } = templateFor(templates, sqlite, draft.templateId, language);
      if (!recipient) {
        result.skipped.push({ customerId: draft.customerId, customerName, reason: 'no contact with a valid email address', hold: 'no_contact' });
        continue;
      }
      const holes = holesIn(needed, values);
      // A hole from the settings would be in every message: the whole send is refused (and rolled back).
      refuseSettingsHoles(holes);
      if (holes.length > 0) {
        result.skipped.push({ customerId: draft.customerId, customerName, reason: holesReason(holes) });
        continue;
      }
      const email = renderTemplate(template, values);
      const inserted = insert.run({
        key: idempotencyKey(draft, invoiceIds, today),
        batchId,
        customerId: draft.customerId,
        contactId: recipient.contactId,
        templateId: draft.templateId,
        stepId: 'ladder' in draft ? draft.ladder.stepId : null,
        to: recipient.address,
        from: smtp.fromAddress,
        fromName: sender.name,
        replyTo: smtp.replyTo || null,
        bcc: smtp.bcc || null,
        subject: email.subject,
        paymentQrLink: paymentQrLinkOf(email.html, values.fields.paymentLink),
        now,
        messageId: `<${randomUUID()}@${domain}>`,
        attachStatement: template.attachStatement ? 1 : 0,
      });
      if (inserted.changes === 0) {
        result.duplicates.push({ customerId: draft.customerId, customerName });
        continue;
      }
      const messageId = Number(inserted.lastInsertRowid);
      body.run(messageId, email.html, email.text);
      for (const invoiceId of invoiceIds) cover.run(messageId, invoiceId);
      recordLadderSteps(step, draft, invoiceIds, messageId, now);
      recordOverride(ctx, messageId, guarded);
      result.dropped.push(...verdict.dropped.map((dropped) => ({ customerId: draft.customerId, ...dropped })));
      result.queued += 1;
    }
  })();
  ctx.outbox.wake();
  return result;
}

/** A template in the customer's language (English when it has none) and the fields it cannot do without, read once per batch. */
function templateFor(cache: Map<string, { template: EmailTemplate; needed: string[] }>, sqlite: SqliteDb, id: string, language: TemplateLanguage) {
  const key = `${id}|${language}`;
  let entry = cache.get(key);
  if (!entry) {
    const template = getTemplate(sqlite, id, language);
    entry = { template, needed: unguardedFields(template.subject, template.body) };
    cache.set(key, entry);
  }
  return entry;
}

/**
 * A hold the collector lifted is never silent: the audit log says who sent what despite which hold
 * and why, and the message keeps the decision so the sender's last check respects it.
 */
export function recordOverride(ctx: CoreContext, messageId: number, { draft, verdict }: GuardedDraft<MessageDraft>): void {
  const rhythm = draft.override?.rhythm ?? false;
  if (!draft.override || (verdict.lifted.length === 0 && !rhythm)) return;
  const { sqlite } = ctx.database;
  const keep = sqlite.prepare('INSERT INTO outbox_guard_overrides (message_id, invoice_id, hold) VALUES (?, ?, ?)');
  for (const lifted of verdict.lifted) keep.run(messageId, lifted.invoiceId, lifted.reason);
  if (rhythm) keep.run(messageId, null, 'rhythm');
  sqlite.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'collector', 'guard.override', 'email', ?, ?)").run(
    nowOf(ctx),
    String(messageId),
    JSON.stringify({
      customerId: draft.customerId,
      invoices: verdict.lifted.map(({ number, reason }) => ({ number, hold: reason })),
      rhythm,
      reason: draft.override.reason,
    }),
  );
}
