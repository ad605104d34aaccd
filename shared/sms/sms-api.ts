import { z } from 'zod';
import { returns } from '../procedure';
import type { GuardVerdict, MessageHold } from '../outreach/guard';
import { messageDraftSchema, type QueueResult } from '../outreach/outbox';
import { freeText, oneLineText } from '../text';
import type { SegmentCount } from './segments';
import type { CustomerTimeZone, SmsReach, SmsRecipient } from './sms-reach';
import { smsRulesSchema, smsSaveSchema, type SmsRules, type SmsSettingsView } from './sms-settings';
import { timeZoneSchema } from './sending-hours';

const id = z.number().int().positive();
/** The provider takes at most 1,600 characters (ten or more parts). */
export const MAX_TEXT_LENGTH = 1600;

/** One text to queue: a message draft (no video card: texts carry no blocks), optionally with the words as the collector edited them. */
export const textDraftSchema = messageDraftSchema.omit({ videoMemoUrl: true }).extend({
  text: freeText(MAX_TEXT_LENGTH).min(1, 'a text needs some words').optional(),
});
export type TextDraft = z.output<typeof textDraftSchema>;

export interface SmsTemplateInfo {
  id: string;
  name: string;
  purpose: string;
  body: string;
}

export interface SmsPreview {
  templateId: string;
  to: SmsRecipient | null;
  text: string;
  segments: SegmentCount;
  guard: GuardVerdict;
  /** Why it would not go, in words; null when it would. */
  heldMessage: string | null;
  hold: MessageHold | null;
  reach: SmsReach | null;
}

export interface SmsPollResult {
  statuses: number;
  replies: number;
  unmatched: number;
  optOuts: number;
}

/** The text-message procedures, joined into the one contract (shared/api.ts). */
export const smsApi = {
  'settings.sms.get': returns<{ provider: SmsSettingsView | null; rules: SmsRules }>()(z.object({})),
  'settings.sms.save': returns<{ provider: SmsSettingsView | null; rules: SmsRules }>()(
    z.object({ provider: smsSaveSchema.nullable().optional(), rules: smsRulesSchema.optional() }),
  ),
  'sms.templates': returns<SmsTemplateInfo[]>()(z.object({})),
  /** One text as it would go, through the send guard, with its length in parts; `text` previews edited words. */
  'sms.preview': returns<SmsPreview>()(z.object({ draft: textDraftSchema })),
  'sms.queue': returns<QueueResult>()(z.object({ messages: z.array(textDraftSchema).min(1).max(10_000) })),
  /** Fetches delivery statuses and replies from the provider now (the sender also does it every `pollSeconds`). */
  'sms.poll': returns<SmsPollResult>()(z.object({})),
  /** Consent to texts (given, with how; or withdrawn) and the opt-out a collector records by hand (a reply by phone). */
  'contacts.smsConsent': returns<{ contactId: number; consentAt: string | null; optedOutAt: string | null }>()(
    z.object({
      contactId: id,
      consent: z.boolean(),
      note: oneLineText(200).default(''),
    }),
  ),
  'customer.setTimeZone': returns<CustomerTimeZone>()(z.object({ customerId: id, timeZone: timeZoneSchema.nullable() })),
} as const;
