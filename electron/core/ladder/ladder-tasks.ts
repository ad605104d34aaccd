import type { IsoDate } from '../../../shared/dates';
import type { LadderChannel } from '../../../shared/outreach/ladder';
import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import { recordActivity } from '../activity/record-activity';
import { nowOf, todayOf, type CoreContext } from '../context';
import { liveBook } from '../ledger/book';
import { dueLadderMessages } from './escalations-due';

const TASK_WORDS = { letter: 'letter', agency_referral: 'agency referral' } as const;

export interface TakenTask {
  stepId: string;
  label: string;
  invoiceNumbers: string[];
}

/**
 * Records the ladder step due today on a person's channel (a call made, a letter posted, a referral
 * to the agency) as taken for each invoice it covers, with the earlier steps it passes over, so the
 * ladder moves on and the queue stops asking. Null when no step on that channel is due. Runs inside
 * the caller's transaction, beside the activity that did the work.
 */
export function takeLadderTask(sqlite: SqliteDb, customerId: number, channel: Exclude<LadderChannel, 'email'>, today: IsoDate, now: string): TakenTask | null {
  // The person did the work: the step is done whether or not the ERP data is fresh.
  const message = dueLadderMessages(sqlite, liveBook(today), customerId).messages.find((m) => m.step.channel === channel);
  if (!message) return null;
  const record = sqlite.prepare(
    'INSERT OR IGNORE INTO ladder_invoice_steps (invoice_id, policy_id, step_id, state, message_id, taken_at) VALUES (?, ?, ?, ?, NULL, ?)',
  );
  for (const invoice of message.invoices) record.run(invoice.invoiceId, message.policyId, invoice.stepId, 'taken', now);
  for (const skipped of message.skipped) record.run(skipped.invoiceId, message.policyId, skipped.stepId, 'skipped', now);
  return { stepId: message.step.id, label: message.step.label, invoiceNumbers: message.invoices.map((i) => i.number) };
}

/**
 * A letter posted or a referral made (by hand, or by printing today's letters): the step due on that
 * channel is taken and goes on the timeline, in one transaction.
 */
export function completeLadderTask(
  ctx: CoreContext,
  input: { customerId: number; channel: 'letter' | 'agency_referral'; note: string },
): { activityId: number; stepId: string; invoiceNumbers: string[] } {
  const { sqlite } = ctx.database;
  return sqlite.transaction(() => {
    const task = takeLadderTask(sqlite, input.customerId, input.channel, todayOf(ctx), nowOf(ctx));
    if (!task) throw new AppError('CONFLICT', `No ${TASK_WORDS[input.channel]} step of the ladder is due for this customer today.`);
    const { activityId } = recordActivity(ctx, {
      customerId: input.customerId,
      kind: 'ladder_task',
      body: { channel: input.channel, ...task, note: input.note },
    });
    return { activityId, stepId: task.stepId, invoiceNumbers: task.invoiceNumbers };
  })();
}
