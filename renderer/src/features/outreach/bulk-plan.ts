import { LIFTABLE_HOLDS, type DroppedInvoice, type PlannedMessage, type SendPlan } from '../../../../shared/outreach/guard';
import type { MessageDraftInput, QueueResult } from '../../../../shared/outreach/outbox';
import { call } from '../../lib/api';

/** What a send sends: one template to the ticked customers, each one's next ladder step, or the whole ladder's email steps due today. */
export type BulkSource = { kind: 'template'; templateId: string; customerIds: number[] } | { kind: 'ladder'; customerIds?: number[] };

/** A collector's explicit decision for one message: invoices kept despite their hold, the contact rhythm ignored, and why. */
export interface Override {
  invoiceIds: number[];
  rhythm: boolean;
  reason: string;
}

export const NO_OVERRIDE: Override = { invoiceIds: [], rhythm: false, reason: '' };

/**
 * Works out every message before anything is queued, in the core and through the send guard, so the
 * preview shows exactly what will go, what each message leaves out and why, and who gets nothing.
 */
export function planBulk(source: BulkSource, videoMemoUrl: string): Promise<SendPlan> {
  const video = videoMemoUrl ? { videoMemoUrl } : {};
  return call(
    'outreach.plan',
    source.kind === 'template'
      ? { kind: 'template', templateId: source.templateId, customerIds: source.customerIds, ...video }
      : { kind: 'ladder', ...(source.customerIds ? { customerIds: source.customerIds } : {}), ...video },
  );
}

/** Invoices the collector may keep in a message despite their hold (a template send only: the ladder keeps its own rules). */
export const liftable = (dropped: DroppedInvoice): boolean => LIFTABLE_HOLDS.some((hold) => hold === dropped.reason);

const overriding = (override: Override | undefined): boolean => override !== undefined && (override.invoiceIds.length > 0 || override.rhythm);

/** Whether a planned message goes: it has a draft, and nothing holds it but a contact rhythm the collector chose to ignore. */
export function goes(message: PlannedMessage, override: Override | undefined): boolean {
  if (!message.draft) return false;
  return message.verdict.held === null || (message.verdict.held === 'rhythm' && override?.rhythm === true);
}

/** An override needs its reason before the send: a lifted hold is never silent. */
export function missingReason(override: Override | undefined): boolean {
  return overriding(override) && override!.reason.trim() === '';
}

/** The draft as it will be queued and previewed: the kept invoices plus those included anyway, with the decision. */
export function draftWith(message: PlannedMessage, override: Override | undefined): MessageDraftInput {
  const draft = message.draft!;
  if (!overriding(override)) return draft;
  const { invoiceIds, rhythm, reason } = override!;
  return { ...draft, invoiceIds: [...draft.invoiceIds, ...invoiceIds], override: { invoiceIds, rhythm, reason: reason.trim() || 'no reason given' } };
}

/** Queues the chosen messages: a template's as they were previewed, the ladder's through the ladder (so each step is recorded). */
export async function sendBulk(
  source: BulkSource,
  messages: readonly PlannedMessage[],
  overrides: ReadonlyMap<number, Override>,
  videoMemoUrl: string,
): Promise<QueueResult | null> {
  if (messages.length === 0) return null;
  if (source.kind === 'template') return call('outreach.queue', { messages: messages.map((m) => draftWith(m, overrides.get(m.customerId))) });
  const customerIds = messages.map((m) => m.customerId);
  return (await call('ladder.run', { dryRun: false, customerIds, ...(videoMemoUrl ? { videoMemoUrl } : {}) })).queued;
}
