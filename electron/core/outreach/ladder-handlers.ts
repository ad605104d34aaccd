import type { IsoDate } from '../../../shared/dates';
import type { LadderCustomer } from '../../../shared/outreach/ladder';
import type { SqliteDb } from '../../db/sqlite';
import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting } from '../settings';
import { evaluateLadder } from './ladder-evaluation';
import { readLadderFacts, readPolicies } from './ladder-facts';
import { deletePolicy, savePolicy } from './ladder-policy-store';
import { queueMessages, type LadderDraft } from './outbox';
import { completeLadderTask } from './ladder-tasks';
import { syncFreshness } from './sync-freshness';

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
  'ladder.run': ({ asOf, dryRun, customerIds, videoMemoUrl }, ctx) => {
    const { sqlite } = ctx.database;
    const date = asOf ?? todayOf(ctx);
    const { fresh } = syncFreshness(sqlite, todayOf(ctx), getSetting(sqlite, 'outreach').syncFreshnessDays);
    const facts = ladderFactsFor(sqlite, date, customerIds);
    const run = evaluateLadder(facts, readPolicies(sqlite), date, { syncFresh: fresh });
    if (dryRun) return { ...run, queued: null };
    const drafts = run.messages.filter((message) => message.step.channel === 'email').map((message): LadderDraft => ({
      customerId: message.customerId,
      templateId: message.step.templateId,
      invoiceIds: message.invoices.map((invoice) => invoice.invoiceId),
      senderRole: message.step.senderRole,
      ...(videoMemoUrl ? { videoMemoUrl } : {}),
      ladder: {
        policyId: message.policyId,
        stepId: message.step.id,
        invoiceSteps: message.invoices.map((invoice) => ({ invoiceId: invoice.invoiceId, stepId: invoice.stepId })),
        skipped: message.skipped,
      },
    }));
    const queued = drafts.length > 0 ? queueMessages(ctx, drafts) : null;
    // Their steps are taken: the queue stops showing them as due.
    for (const draft of drafts) ctx.worklist.markStale(draft.customerId);
    return { ...run, queued };
  },

  /** A letter posted or a referral made: the step due on that channel is taken and goes on the timeline. */
  'ladder.completeTask': (input, ctx) => completeLadderTask(ctx, input),
};

/** Below this many chosen customers, reading each one by its index beats reading the whole book. */
const PER_CUSTOMER_READS = 200;

function ladderFactsFor(sqlite: SqliteDb, date: IsoDate, customerIds: readonly number[] | undefined): LadderCustomer[] {
  if (!customerIds) return readLadderFacts(sqlite, date);
  const chosen = [...new Set(customerIds)];
  if (chosen.length <= PER_CUSTOMER_READS) return chosen.flatMap((id) => readLadderFacts(sqlite, date, id));
  const wanted = new Set(chosen);
  return readLadderFacts(sqlite, date).filter((customer) => wanted.has(customer.customerId));
}
