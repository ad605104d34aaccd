import { AppError } from '../../../shared/errors';
import type { OutboxMessageView } from '../../../shared/outreach/outbox';
import type { Handlers } from '../handler-types';
import { inlineImages } from '../mail/inline-images';
import { previewPage } from '../mail/preview-page';

/** One outbox message as it was sent (or will be): its envelope, both parts, and the HTML as a safe preview page. */
export const outboxMessageHandlers: Handlers<'outbox.message'> = {
  'outbox.message': async ({ messageId }, ctx) => {
    const row = ctx.database.sqlite
      .prepare(
        `SELECT m.id, m.batch_id AS batchId, m.customer_id AS customerId, c.name AS customerName, m.template_id AS templateId,
        m.ladder_step_id AS ladderStepId, m.to_address AS "to", m.from_address AS "from", m.reply_to AS replyTo, m.bcc, m.subject, m.status, m.attempts,
        m.last_error AS lastError, m.message_id AS messageId, m.created_at AS createdAt, m.sent_at AS sentAt, b.html, b.text, m.payment_qr_link AS paymentQrLink
      FROM outbox_messages m JOIN customers c ON c.id = m.customer_id JOIN outbox_message_bodies b ON b.message_id = m.id WHERE m.id = ?`,
      )
      .get(messageId) as (Omit<OutboxMessageView, 'previewHtml'> & { html: string; paymentQrLink: string | null }) | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No outbox message ${messageId}.`);
    const { html, paymentQrLink, ...message } = row;
    return { ...message, previewHtml: previewPage(html, await inlineImages(html, paymentQrLink)) };
  },
};
