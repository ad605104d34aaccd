import { AppError } from '../../../shared/errors';
import type { LadderMessage } from '../../../shared/outreach/ladder';
import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { readPolicies } from '../ladder/ladder-facts';
import { deletePolicy, savePolicy } from '../ladder/ladder-policy-store';
import { queueMessages, type LadderDraft } from './outbox';
import { completeLadderTask } from '../ladder/ladder-tasks';
import { guardedLadderRun } from '../ladder/send-plan';
import { queueTexts, type LadderTextDraft } from './sms-queue';

export const ladderHandlers: Handlers<'ladder.policies' | 'ladder.savePolicy' | 'ladder.deletePolicy' | 'ladder.run' | 'ladder.completeTask'> = {
  'ladder.policies': (_input, ctx) => [...readPolicies(ctx.database.sqlite)],

  'ladder.savePolicy': (policy, ctx) => {
    savePolicy(ctx.database.sqlite, policy, nowOf(ctx));
    // Every customer's due step may have moved.
    ctx.worklist.rebuild(todayOf(ctx));
    return { id: policy.id };
  },

  'ladder.deletePolicy': ({ id }, ctx) => {
    deletePolicy(ctx.database.sqlite, id, nowOf(ctx));
    ctx.worklist.rebuild(todayOf(ctx));
    return { id };
  },

  /**
   * What the ladder would send today (or on any date) and why each invoice is held back; without
   * dryRun, the email steps are queued (call, letter and agency steps stay on the list for a person).
   */
  'ladder.run': ({ asOf, at, dryRun, customerIds, videoMemoUrl }, ctx) => {
    const { sqlite } = ctx.database;
    const date = asOf ?? todayOf(ctx);
    // A past day is history: what the ladder would have done then is shown, never sent now.
    if (!dryRun && date < todayOf(ctx))
      throw new AppError('INVALID_INPUT', `${date} is past: the ladder can only show what it would have sent then (a dry run).`);
    const { recent: _recent, ...run } = guardedLadderRun(sqlite, todayOf(ctx), date, customerIds, at ? new Date(at) : ctx.clock());
    if (dryRun) return { ...run, queued: null, queuedTexts: null };
    const draftOf = (message: LadderMessage): LadderTextDraft => ({
      customerId: message.customerId,
      templateId: message.step.templateId,
      invoiceIds: message.invoices.map((invoice) => invoice.invoiceId),
      senderRole: message.step.senderRole,
      ladder: {
        policyId: message.policyId,
        stepId: message.step.id,
        invoiceSteps: message.invoices.map((invoice) => ({ invoiceId: invoice.invoiceId, stepId: invoice.stepId })),
        skipped: message.skipped,
      },
    });
    const drafts = run.messages
      .filter((message) => message.step.channel === 'email')
      .map((message): LadderDraft => ({ ...draftOf(message), ...(videoMemoUrl ? { videoMemoUrl } : {}) }));
    const texts = run.messages.filter((message) => message.step.channel === 'sms').map(draftOf);
    const queued = drafts.length > 0 ? queueMessages(ctx, drafts) : null;
    const queuedTexts = texts.length > 0 ? queueTexts(ctx, texts) : null;
    // Their steps are taken: the queue stops showing them as due.
    for (const draft of [...drafts, ...texts]) ctx.worklist.markStale(draft.customerId);
    return { ...run, queued, queuedTexts };
  },

  /** A letter posted or a referral made: the step due on that channel is taken and goes on the timeline. */
  'ladder.completeTask': (input, ctx) => completeLadderTask(ctx, input),
};
