import { z } from 'zod';
import { log } from '../../log/log';

/*
 * What each kind of activity keeps in activities.body (JSON), as the core and the sample write it.
 * Fields a later version added, or a writer leaves out, are optional so older rows still read;
 * fields this file does not name pass through untouched.
 */
const words = z.string().nullish();
const ids = z.array(z.number()).optional();

export const activityBodySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('call'),
    body: z.looseObject({ outcome: words, notes: words, ladderStep: words, durationSeconds: z.number().int().nonnegative().nullish() }),
  }),
  z.object({ kind: z.literal('note'), body: z.looseObject({ text: words }) }),
  z.object({
    kind: z.literal('promise'),
    body: z.looseObject({ amountMinor: z.number().optional(), currency: words, promisedDate: z.string(), invoiceIds: ids, note: words }),
  }),
  z.object({ kind: z.literal('promise_cancelled'), body: z.looseObject({ promiseId: z.number().optional(), reason: words }) }),
  z.object({ kind: z.literal('dispute_opened'), body: z.looseObject({ invoiceIds: ids, reasonCode: words, note: words }) }),
  z.object({ kind: z.literal('dispute_resolved'), body: z.looseObject({ disputeId: z.number().optional(), resolutionNote: words }) }),
  z.object({
    kind: z.literal('plan_created'),
    body: z.looseObject({ label: words, invoiceIds: ids, installments: z.array(z.unknown()).optional(), note: words }),
  }),
  z.object({ kind: z.literal('plan_cancelled'), body: z.looseObject({ planId: z.number().optional(), reason: words }) }),
  z.object({ kind: z.literal('discount_offered'), body: z.looseObject({ invoiceIds: ids, percentBp: z.number(), payBy: z.string(), note: words }) }),
  z.object({ kind: z.literal('payment_in_transit'), body: z.looseObject({ invoiceIds: ids, note: words }) }),
  z.object({ kind: z.literal('snooze'), body: z.looseObject({ untilDate: z.string(), reason: words }) }),
  z.object({ kind: z.literal('assignment'), body: z.looseObject({ from: words, to: words, note: words }) }),
  z.object({ kind: z.literal('contact_saved'), body: z.looseObject({ after: z.looseObject({ name: words }).nullish() }) }),
  z.object({
    kind: z.literal('ladder_task'),
    body: z.looseObject({ channel: words, label: words, invoiceNumbers: z.array(z.string()).optional(), note: words }),
  }),
  z.object({ kind: z.literal('email'), body: z.looseObject({ subject: words, to: words, templateId: words, videoMemo: z.boolean().optional() }) }),
  z.object({
    kind: z.literal('sms'),
    body: z.looseObject({ direction: z.enum(['inbound', 'outbound']).optional(), from: words, to: words, text: words, delivery: words }),
  }),
  z.object({ kind: z.literal('email_received'), body: z.looseObject({ summary: words, subject: words, from: words }) }),
  z.object({
    kind: z.literal('write_off'),
    body: z.looseObject({ invoiceIds: ids, number: words, amountMinor: z.number(), currency: z.string(), reason: words }),
  }),
]);
export type ActivityBody = z.output<typeof activityBodySchema>;

/**
 * The activity's body read by its kind, or null (with an error in the log naming the activity) when
 * the stored JSON does not fit: a reader shows less for that one entry instead of failing the page.
 */
export function readActivityBody(activityId: number, kind: string, json: string): ActivityBody | null {
  const parsed = activityBodySchema.safeParse({ kind, body: JSON.parse(json) as unknown });
  if (parsed.success) return parsed.data;
  const [first] = parsed.error.issues;
  log.error('activity.body.unreadable', { activityId, kind, path: first?.path.join('.'), code: first?.code });
  return null;
}
