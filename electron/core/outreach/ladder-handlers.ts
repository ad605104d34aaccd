import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting } from '../settings';
import { evaluateLadder } from './ladder-evaluation';
import { readLadderFacts, readPolicies } from './ladder-facts';
import { deletePolicy, savePolicy } from './ladder-policy-store';
import { queueMessages, type LadderDraft } from './outbox';
import { syncFreshness } from './sync-freshness';

export const ladderHandlers: Handlers<'ladder.policies' | 'ladder.savePolicy' | 'ladder.deletePolicy' | 'ladder.run'> = {
  'ladder.policies': (_input, ctx) => readPolicies(ctx.database.sqlite),

  'ladder.savePolicy': (policy, ctx) => {
    savePolicy(ctx.database.sqlite, policy, nowOf(ctx));
    return { id: policy.id };
  },

  'ladder.deletePolicy': ({ id }, ctx) => {
    deletePolicy(ctx.database.sqlite, id, nowOf(ctx));
    return { id };
  },

  /**
   * What the ladder would send today (or on any date) and why each invoice is held back; without
   * dryRun, the email steps are queued (call, letter and agency steps stay on the list for a person).
   */
  'ladder.run': ({ asOf, dryRun }, ctx) => {
    const { sqlite } = ctx.database;
    const date = asOf ?? todayOf(ctx);
    const { fresh } = syncFreshness(sqlite, todayOf(ctx), getSetting(sqlite, 'outreach').syncFreshnessDays);
    const run = evaluateLadder(readLadderFacts(sqlite, date), readPolicies(sqlite), date, { syncFresh: fresh });
    if (dryRun) return { ...run, queued: null };
    const drafts = run.messages.filter((message) => message.step.channel === 'email').map((message): LadderDraft => ({
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
    }));
    return { ...run, queued: drafts.length > 0 ? queueMessages(ctx, drafts) : null };
  },
};
