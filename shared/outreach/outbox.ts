import { z } from 'zod';
import { oneLineText } from '../text';
import type { DroppedInvoice, MessageHold } from './guard';

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'uncertain', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const id = z.number().int().positive();
const templateId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'a template id like "first-reminder"');

/** One message to queue: a customer, a template, the invoices it lists, and optionally a video memo. */
export const messageDraftSchema = z.object({
  customerId: id,
  templateId,
  /** Empty: every open invoice past due. */
  invoiceIds: z.array(id).max(500).default([]),
  senderRole: z.enum(['collector', 'manager']).default('collector'),
  videoMemoUrl: oneLineText(2000).optional(),
  /** Send despite a hold the collector may lift: these invoices kept, the contact rhythm ignored, and why (audited). */
  override: z
    .object({
      invoiceIds: z.array(id).max(500).default([]),
      rhythm: z.boolean().default(false),
      reason: oneLineText(500).min(1, 'say why the hold is lifted'),
    })
    .optional(),
});
export type MessageDraft = z.output<typeof messageDraftSchema>;
/** A draft as a caller writes it (defaults not yet applied). */
export type MessageDraftInput = z.input<typeof messageDraftSchema>;

export interface OutboxMessage {
  id: number;
  batchId: string | null;
  customerId: number;
  customerName: string;
  templateId: string;
  ladderStepId: string | null;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  messageId: string;
  /** When a queued message goes (or is retried) at the earliest. */
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
}

/** One message with what a mail client would show of it: sender, both parts, and the HTML as a preview page. */
export interface OutboxMessageView extends OutboxMessage {
  from: string;
  replyTo: string | null;
  bcc: string | null;
  text: string;
  /** The HTML part for the window's sandboxed frame: inline images as data: URLs, nothing remote. */
  previewHtml: string;
}

export interface QueueResult {
  batchId: string;
  queued: number;
  /** Already queued or sent before (same customer, template or step, invoices, day): not queued again. */
  duplicates: { customerId: number; customerName: string }[];
  /** Could not be queued, with why (held by the send guard, no contact with a valid address …). */
  skipped: { customerId: number; customerName: string; reason: string; hold?: MessageHold }[];
  /** Invoices the send guard left out of the messages that were queued, with why. */
  dropped: ({ customerId: number } & DroppedInvoice)[];
}

export type OutboxCounts = Record<OutboxStatus, number>;
