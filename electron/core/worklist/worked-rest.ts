import { addDays, type IsoDate } from '../../../shared/dates';
import type { CustomerFacts } from './priority-score';

/** With no next step named, a worked customer comes back after this many days. */
export const REST_DAYS = 7;

/**
 * Activities that work an account: a collector spoke to, wrote about or agreed something with the
 * customer. Emails are not among them (the ladder sends most of them by itself), nor an assignment.
 */
export const WORK_KINDS = [
  'call',
  'note',
  'promise',
  'dispute_opened',
  'dispute_resolved',
  'plan_created',
  'ladder_task',
  'payment_in_transit',
  'discount_offered',
] as const;

type WorkedFact = NonNullable<CustomerFacts['worked']>;

/**
 * The day a worked customer is back in the queue: the first next step dated after the work (a
 * follow-up, a promise or installment falling due, a dispute passing its SLA), or REST_DAYS after it.
 */
export function backOn(worked: WorkedFact, facts: Pick<CustomerFacts, 'promise' | 'installmentMissed' | 'disputePastSla'>, today: IsoDate): IsoDate {
  const steps = [
    worked.followUp,
    facts.promise?.promisedDate ?? null,
    facts.installmentMissed?.dueDate ?? null,
    facts.disputePastSla ? addDays(today, -facts.disputePastSla.daysOver) : null,
  ].filter((date): date is IsoDate => date !== null && date > worked.on);
  return steps.length > 0 ? steps.reduce((a, b) => (a < b ? a : b)) : addDays(worked.on, REST_DAYS);
}

/**
 * A worked customer stays out of the queue until its next step falls due. A due letter or agency
 * referral keeps it in: no call or note does those (they are marked done with `t`), so they would
 * otherwise wait unseen; so does a reply nobody has handled yet. A due call step does not: the collector has just been in touch, and the
 * ladder's call is asked for again when the customer comes back.
 */
export function resting(facts: CustomerFacts, today: IsoDate): boolean {
  if (!facts.worked || facts.repliedAt) return false;
  if (facts.escalation && (facts.escalation.channel === 'letter' || facts.escalation.channel === 'agency_referral')) return false;
  return today < backOn(facts.worked, facts, today);
}
