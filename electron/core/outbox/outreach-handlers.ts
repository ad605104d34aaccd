import { AppError } from '../../../shared/errors';
import type { OutboxCounts, OutboxMessage } from '../../../shared/outreach/outbox';
import { OUTBOX_STATUSES } from '../../../shared/outreach/outbox';
import { SMTP_SERVER_FIELDS, type SmtpSettings } from '../../../shared/outreach/outreach-settings';
import { prepareCached } from '../../db/statement-cache';
import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { sameServer } from '../server-secret';
import { getSetting, setSetting } from '../settings';
import { inlineImages, paymentQrLinkOf } from '../mail/inline-images';
import { checkVideoLink } from '../mail/links';
import { queueMessages, requireSmtp } from './outbox';
import { createMailer } from '../mail/smtp-lane';
import { holesIn, holesReason } from '../mail/message-holes';
import { mergeValues } from '../mail/merge-values';
import { previewPage } from '../mail/preview-page';
import { PURPOSE_RULES } from '../../../shared/outreach/guard';
import { describeHold } from '../../../shared/outreach/guard-words';
import { guardDrafts } from '../ladder/guard-drafts';
import { guardDay } from '../ladder/guard-facts';
import { planSend } from '../ladder/send-plan';
import { recheckQueued } from '../ladder/send-time-check';
import { staleMessage, syncFreshness } from '../sync/sync-freshness';
import { checkTemplate, unguardedFields } from '../mail/template-check';
import { renderTemplate } from '../mail/template-render';
import { builtInTemplate, getTemplate, listTemplates, saveTemplate } from '../mail/template-store';

const withoutPassword = ({ password, ...view }: SmtpSettings) => ({ ...view, hasPassword: password !== '' });

export const outreachHandlers: Handlers<
  | 'templates.list'
  | 'templates.check'
  | 'templates.save'
  | 'templates.reset'
  | 'outreach.preview'
  | 'outreach.queue'
  | 'outreach.plan'
  | 'outreach.freshness'
  | 'outbox.list'
  | 'outbox.counts'
  | 'outbox.cancel'
  | 'outbox.resolve'
  | 'outbox.pause'
  | 'settings.smtp.get'
  | 'settings.smtp.save'
  | 'settings.smtp.test'
  | 'settings.outreach.get'
  | 'settings.outreach.save'
> = {
  'templates.list': ({ language }, ctx) => listTemplates(ctx.database.sqlite, language),
  'templates.check': ({ subject, body }) => checkTemplate(subject, body),
  'templates.save': (template, ctx) => {
    saveTemplate(ctx.database.sqlite, template, nowOf(ctx));
    return { id: template.id };
  },
  'templates.reset': ({ id, language }, ctx) => {
    const original = builtInTemplate(id, language);
    if (!original) throw new AppError('NOT_FOUND', `"${id}" (${language}) is not one of the templates Inflow ships.`);
    saveTemplate(ctx.database.sqlite, original, nowOf(ctx));
    return getTemplate(ctx.database.sqlite, id, language);
  },

  /**
   * The message exactly as it would go out, from the saved template (in the customer's language) or a
   * draft being edited, after the send guard: only the invoices it keeps, with those dropped and why.
   * With nothing left to remind about nothing is rendered; held for the customer (snoozed, emailed
   * today …) it is shown with why it would not go; refused, naming the fields, when a field it needs is empty.
   */
  'outreach.preview': async ({ draft, template }, ctx) => {
    const { sqlite } = ctx.database;
    const today = todayOf(ctx);
    const settings = getSetting(sqlite, 'outreach');
    const rules = guardDay(sqlite, today);
    const [guarded] = guardDrafts(sqlite, [draft], rules);
    const { verdict } = guarded!;
    const heldMessage = verdict.held ? describeHold(verdict.held, verdict, today, rules.rhythmDays) : null;
    const videoMemoUrl = draft.videoMemoUrl ? checkVideoLink(draft.videoMemoUrl, settings.videoHosts) : undefined;
    const fromAddress = getSetting(sqlite, 'smtp')?.fromAddress ?? '';
    const { values, recipient, language, sender } = mergeValues(
      sqlite,
      { ...guarded!.draft, ...(videoMemoUrl ? { videoMemoUrl } : {}) },
      today,
      settings,
      fromAddress,
    );
    const source = template ?? getTemplate(sqlite, draft.templateId, language);
    const problems = checkTemplate(source.subject, source.body);
    // A message that asks for payment with no invoice to list is never rendered (it would read "Invoice  is now past due"), whatever else holds it.
    const renders = problems.length === 0 && !(PURPOSE_RULES[guarded!.template.purpose].chases && verdict.invoices.length === 0);
    // A message held for the customer (no contact, snoozed …) is shown with why; its gaps matter only if it would go.
    const holes = renders && verdict.held === null ? holesIn(unguardedFields(source.subject, source.body), values) : [];
    if (holes.length > 0) throw new AppError('CONFLICT', holesReason(holes), { missing: holes });
    const email = renders ? renderTemplate(source, values) : { subject: '', html: '', text: '' };
    const images = await inlineImages(email.html, paymentQrLinkOf(email.html, values.fields.paymentLink));
    const previewHtml = email.html ? previewPage(email.html, images) : '';
    return {
      from: { name: sender.name, address: fromAddress },
      to: recipient ? { name: recipient.name, address: recipient.address } : null,
      language,
      ...email,
      previewHtml,
      problems,
      guard: verdict,
      heldMessage,
    };
  },
  'outreach.queue': ({ messages }, ctx) => queueMessages(ctx, messages),
  'outreach.plan': (request, ctx) => planSend(ctx.database.sqlite, todayOf(ctx), request),
  'outreach.freshness': (_input, ctx) => {
    const freshness = syncFreshness(ctx.database.sqlite, todayOf(ctx), getSetting(ctx.database.sqlite, 'outreach').syncFreshnessDays);
    return { ...freshness, message: freshness.fresh ? null : staleMessage(freshness) };
  },

  'outbox.list': ({ status, batchId, limit }, ctx) =>
    ctx.database.sqlite
      .prepare(
        `SELECT m.id, m.batch_id AS batchId, m.customer_id AS customerId, c.name AS customerName, m.template_id AS templateId,
        m.ladder_step_id AS ladderStepId, m.to_address AS "to", m.subject, m.status, m.attempts, m.last_error AS lastError, m.message_id AS messageId,
        m.next_attempt_at AS nextAttemptAt, m.created_at AS createdAt, m.sent_at AS sentAt
      FROM outbox_messages m JOIN customers c ON c.id = m.customer_id
      WHERE (@status IS NULL OR m.status = @status) AND (@batchId IS NULL OR m.batch_id = @batchId)
      ORDER BY m.id DESC LIMIT @limit`,
      )
      .all({ status: status ?? null, batchId: batchId ?? null, limit }) as OutboxMessage[],
  'outbox.counts': ({ batchId }, ctx) => {
    // Two statements, so each reads its own index (the window asks this on every change of a send).
    const rows = (
      batchId === undefined
        ? prepareCached(ctx.database.sqlite, 'SELECT status, count(*) AS n FROM outbox_messages GROUP BY status').all()
        : prepareCached(ctx.database.sqlite, 'SELECT status, count(*) AS n FROM outbox_messages WHERE batch_id = ? GROUP BY status').all(batchId)
    ) as { status: keyof OutboxCounts; n: number }[];
    const counts = Object.fromEntries(OUTBOX_STATUSES.map((status) => [status, 0])) as OutboxCounts;
    for (const row of rows) counts[row.status] = row.n;
    return { ...counts, paused: ctx.outbox.isPaused };
  },
  'outbox.cancel': ({ batchId }, ctx) => {
    const result = ctx.database.sqlite
      .prepare("UPDATE outbox_messages SET status = 'cancelled', updated_at = ? WHERE batch_id = ? AND status = 'queued'")
      .run(nowOf(ctx), batchId);
    ctx.emit({ type: 'outbox.changed', batchId });
    return { cancelled: result.changes };
  },
  /**
   * A human settles a message the outbox could not: it was sent after all, should go again, or should
   * not go. Sending again asks the send guard first: a message held since it failed does not go.
   */
  'outbox.resolve': ({ messageId, action }, ctx) => {
    const { sqlite } = ctx.database;
    const row = sqlite.prepare('SELECT status, batch_id AS batchId FROM outbox_messages WHERE id = ?').get(messageId) as
      { status: string; batchId: string | null } | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No message ${messageId} in the outbox.`);
    if (!['failed', 'uncertain'].includes(row.status))
      throw new AppError('CONFLICT', `The message is ${row.status}; only failed or uncertain messages need a decision.`);
    const hold = action === 'send_again' ? recheckQueued(sqlite, messageId, todayOf(ctx)) : null;
    if (hold) throw new AppError('CONFLICT', `Not sent again: ${hold.message}`, { hold: hold.reason });
    const status = action === 'mark_sent' ? 'sent' : action === 'send_again' ? 'queued' : 'cancelled';
    sqlite.transaction(() => {
      sqlite
        .prepare(
          "UPDATE outbox_messages SET status = ?, next_attempt_at = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, updated_at = ? WHERE id = ?",
        )
        .run(status, nowOf(ctx), status, nowOf(ctx), nowOf(ctx), messageId);
      sqlite
        .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'collector', ?, 'email', ?, ?)")
        .run(nowOf(ctx), `outbox.${action}`, String(messageId), JSON.stringify({ from: row.status, to: status }));
    })();
    ctx.outbox.wake();
    ctx.emit({ type: 'outbox.changed', batchId: row.batchId });
    return { status };
  },
  'outbox.pause': ({ paused }, ctx) => {
    ctx.outbox.setPaused(paused);
    return { paused };
  },

  'settings.smtp.get': (_input, ctx) => {
    const smtp = getSetting(ctx.database.sqlite, 'smtp');
    return smtp ? withoutPassword(smtp) : null;
  },
  /** Without a password field the stored one is kept (the window never holds it), unless it was for another server or user. */
  'settings.smtp.save': (input, ctx) => {
    const stored = getSetting(ctx.database.sqlite, 'smtp');
    const kept = sameServer(stored, input, SMTP_SERVER_FIELDS) ? stored.password : '';
    const smtp = { ...input, password: input.password ?? kept };
    setSetting(ctx.database.sqlite, 'smtp', smtp, nowOf(ctx));
    ctx.outbox.wake();
    return withoutPassword(smtp);
  },
  'settings.smtp.test': async ({ to }, ctx) => {
    const smtp = requireSmtp(ctx);
    const mailer = createMailer(smtp);
    // Signed as the collector the reminders come from, like them.
    const name = getSetting(ctx.database.sqlite, 'outreach').senderName || smtp.fromName;
    try {
      const info = (await mailer.sendMail({
        from: name ? { name, address: smtp.fromAddress } : smtp.fromAddress,
        to,
        subject: 'Inflow test message',
        text: 'Your mailbox is set up: Inflow can send reminders from it.\n',
      })) as { messageId: string };
      return { messageId: info.messageId };
    } catch (error) {
      const failure = error as Error & { response?: string };
      throw new AppError('SEND_FAILED', `The test message was not sent: ${failure.response ?? failure.message}`);
    } finally {
      mailer.close();
    }
  },
  'settings.outreach.get': (_input, ctx) => getSetting(ctx.database.sqlite, 'outreach'),
  'settings.outreach.save': (settings, ctx) => {
    setSetting(ctx.database.sqlite, 'outreach', settings, nowOf(ctx));
    ctx.outbox.wake();
    return settings;
  },
};
