import type { MessageDraftInput, QueueResult } from '../../../../shared/outreach/outbox';
import { call } from '../../lib/api';
import { REASONS } from './ladder-labels';

/** What a bulk send sends: one template to everyone, or each customer's next step on the ladder. */
export type BulkChoice = { kind: 'template'; templateId: string } | { kind: 'ladder' };

export interface BulkPlan {
  /** The message each customer would get. */
  drafts: ReadonlyMap<number, MessageDraftInput>;
  /** Customers who get nothing, and why (the ladder has no email step due for them). */
  held: ReadonlyMap<number, string>;
}

/**
 * Works out every message before anything is queued, so the preview shows exactly what will go. The
 * ladder's plan is its dry run for these customers: the template, invoices and sender of each one's
 * due email step, and the reason the others are held.
 */
export async function planBulk(choice: BulkChoice, customerIds: readonly number[], videoMemoUrl: string): Promise<BulkPlan> {
  const video = videoMemoUrl ? { videoMemoUrl } : {};
  if (choice.kind === 'template') {
    return { drafts: new Map(customerIds.map((customerId) => [customerId, { customerId, templateId: choice.templateId, ...video }])), held: new Map() };
  }
  const run = await call('ladder.run', { dryRun: true, customerIds: [...customerIds] });
  const drafts = new Map<number, MessageDraftInput>();
  for (const message of run.messages) {
    if (message.step.channel !== 'email') continue;
    drafts.set(message.customerId, {
      customerId: message.customerId, templateId: message.step.templateId, senderRole: message.step.senderRole,
      invoiceIds: message.invoices.map((invoice) => invoice.invoiceId), ...video,
    });
  }
  const held = new Map<number, string>();
  for (const customerId of customerIds) {
    if (drafts.has(customerId)) continue;
    const reasons = [...new Set(run.excluded.filter((e) => e.customerId === customerId).map((e) => REASONS[e.reason]))];
    held.set(customerId, reasons.length ? `held by the ladder: ${reasons.join(', ').toLowerCase()}` : 'no email step of the ladder is due');
  }
  return { drafts, held };
}

/** Queues the chosen messages: a template as they were previewed, the ladder's steps through the ladder (so each step is recorded). */
export async function sendBulk(choice: BulkChoice, plan: BulkPlan, included: readonly number[], videoMemoUrl: string): Promise<QueueResult | null> {
  const chosen = included.filter((customerId) => plan.drafts.has(customerId));
  if (chosen.length === 0) return null;
  if (choice.kind === 'template') return call('outreach.queue', { messages: chosen.map((customerId) => plan.drafts.get(customerId)!) });
  return (await call('ladder.run', { dryRun: false, customerIds: chosen, ...(videoMemoUrl ? { videoMemoUrl } : {}) })).queued;
}
