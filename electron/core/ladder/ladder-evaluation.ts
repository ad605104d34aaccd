import { daysBetween, type IsoDate } from '../../../shared/dates';
import { fitsWording, type PurposeRule, type Wording } from '../../../shared/outreach/guard';
import { LADDER_CHANNELS, type LadderChannel } from '../../../shared/outreach/ladder';
import type {
  ExclusionReason,
  LadderCustomer,
  LadderExclusion,
  LadderInvoice,
  LadderMessage,
  LadderPolicy,
  LadderRun,
  LadderStep,
} from '../../../shared/outreach/ladder';
import { customerHold, invoiceHold, type GuardDay } from './send-guard';

/** Code-unit order, not localeCompare: the same run must list the same way on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest due first, then by number: the order a message lists its invoices in. */
export const byDueThenNumber = (a: LadderInvoice, b: LadderInvoice): number =>
  compareText(a.dueDate, b.dueDate) || compareText(a.number, b.number) || a.invoiceId - b.invoiceId;

/** The policy naming the customer's segment, else the default (no segments); none when neither exists. */
export function policyFor(customer: Pick<LadderCustomer, 'segment'>, policies: readonly LadderPolicy[]): LadderPolicy | undefined {
  const { segment } = customer;
  return (segment === null ? undefined : policies.find((p) => p.segments.includes(segment))) ?? policies.find((p) => p.segments.length === 0);
}

interface DueStep {
  step: LadderStep;
  /** Undone steps between the last one taken and `step` whose day has also come: taken by it, never sent. */
  skipped: LadderStep[];
}

/** Whether a step's words are true of the invoice on the day: only a message (an email) has words to get wrong. */
type Fits = (step: LadderStep, invoice: LadderInvoice) => boolean;

/**
 * The step an invoice is at today. State-based rather than "is today exactly day N", so a day the run
 * missed still catches up. Only steps beyond the furthest one taken count: a step never repeats and
 * the ladder never goes back to an earlier step it passed over. Taken ids the policy no longer has
 * (it was edited, or the customer changed segment) are ignored. Two rules keep a late start humane:
 * the next step keeps its spacing from the day the previous one was actually taken (a reminder sent
 * late does not bring the next one forward), and an invoice new to the ladder never opens with a
 * final step (final notice, agency referral) however late it is. A step whose words no longer fit
 * (a pre-due nudge for an invoice now past due) is passed over: the invoice waits for the next step.
 */
function dueStep(invoice: LadderInvoice, steps: readonly LadderStep[], asOf: IsoDate, fits: Fits): DueStep | null {
  const days = daysBetween(invoice.dueDate, asOf);
  // Run for every open invoice on every day of a backtest: plain loops, nothing built until a step is found.
  let furthestDone = -1;
  for (let index = steps.length - 1; index >= 0 && furthestDone < 0; index--) if (invoice.doneStepIds.includes(steps[index]!.id)) furthestDone = index;
  const previous = steps[furthestDone];
  const sinceTaken = invoice.lastStepTakenOn === null ? Number.POSITIVE_INFINITY : daysBetween(invoice.lastStepTakenOn, asOf);
  const reached: LadderStep[] = [];
  for (let index = furthestDone + 1; index < steps.length; index++) {
    const step = steps[index]!;
    if (step.offsetDays <= days && (previous ? sinceTaken >= step.offsetDays - previous.offsetDays : step.tone !== 'final')) reached.push(step);
  }
  for (let index = reached.length - 1; index >= 0; index--)
    if (fits(reached[index]!, invoice)) return { step: reached[index]!, skipped: reached.slice(0, index) };
  return null;
}

export interface LadderOptions extends Omit<GuardDay, 'day'> {
  /** The wording of each template a step uses (from its purpose). */
  wordingOf(templateId: string, channel: 'email' | 'sms'): Wording;
}

/**
 * What the escalation ladder does as of a date: one consolidated message per customer and channel
 * listing every invoice at a step not yet taken (each with its own step), and every invoice held back
 * with one reason, by the send guard's rules. Pure: the caller reads the facts and records what was sent.
 */
export function evaluateLadder(customers: readonly LadderCustomer[], policies: readonly LadderPolicy[], asOf: IsoDate, options: LadderOptions): LadderRun {
  const rules: GuardDay = { day: asOf, syncFresh: options.syncFresh, rhythmDays: options.rhythmDays };
  // Each step's rule is asked for per invoice and per message: made once per run.
  const stepRules = new Map<LadderStep, PurposeRule>();
  const ruleOf = (step: LadderStep): PurposeRule => {
    let rule = stepRules.get(step);
    if (!rule)
      stepRules.set(step, (rule = { wording: isMessage(step.channel) ? options.wordingOf(step.templateId, step.channel) : 'any', chases: true, exempt: null }));
    return rule;
  };
  const fits: Fits = (step, invoice) => fitsWording(ruleOf(step).wording, invoice.dueDate, asOf);
  const messages: LadderMessage[] = [];
  const excluded: LadderExclusion[] = [];
  const ordered = [...customers].sort((a, b) => compareText(a.externalId, b.externalId) || a.customerId - b.customerId);
  for (const customer of ordered) {
    const policy = policyFor(customer, policies);
    if (!policy) continue;
    const exclude = (invoice: LadderInvoice, stepId: string, reason: ExclusionReason): void => {
      excluded.push({
        customerId: customer.customerId,
        customerExternalId: customer.externalId,
        customerName: customer.name,
        invoiceId: invoice.invoiceId,
        number: invoice.number,
        policyId: policy.id,
        stepId,
        reason,
      });
    };
    const steps = orderedSteps(policy);
    const listed: Entry[] = [];
    for (const invoice of [...customer.invoices].sort(byDueThenNumber)) {
      const due = dueStep(invoice, steps, asOf, fits);
      if (!due) continue;
      const reason = invoiceHold(invoice, ruleOf(due.step), asOf) ?? customerHold(customer, due.step.channel, rules);
      if (reason === null) listed.push({ invoice, ...due });
      else exclude(invoice, due.step.id, reason);
    }
    for (const channel of LADDER_CHANNELS) {
      const group = listed.filter((entry) => entry.step.channel === channel);
      // A call task or an agency referral is work for a person, never folded into an email.
      const [first, ...more] = isMessage(channel) ? byWording(group, fits) : group.length > 0 ? [group] : [];
      if (first) messages.push(messageOf(customer, policy.id, first));
      // The contact rhythm allows one message at a time: invoices the first one's words do not fit wait.
      for (const rest of more) {
        if (options.rhythmDays > 0) for (const entry of rest) exclude(entry.invoice, entry.step.id, 'rhythm');
        else messages.push(messageOf(customer, policy.id, rest));
      }
    }
  }
  return { asOf, messages, excluded };
}

type Entry = DueStep & { invoice: LadderInvoice };

const stepOrder = new WeakMap<LadderPolicy, LadderStep[]>();
/** Offsets order the ladder, whatever order the steps were saved in (sort is stable for equal offsets); sorted once per policy object. */
function orderedSteps(policy: LadderPolicy): LadderStep[] {
  let steps = stepOrder.get(policy);
  if (!steps) stepOrder.set(policy, (steps = [...policy.steps].sort((a, b) => a.offsetDays - b.offsetDays)));
  return steps;
}

/** An email or a text: written words, whose template must fit each invoice; the other channels are work for a person. */
const isMessage = (channel: LadderChannel): channel is 'email' | 'sms' => channel === 'email' || channel === 'sms';

/** The most advanced step, first on a tie. */
const leadOf = (entries: readonly Entry[]): Entry => entries.reduce((most, entry) => (entry.step.offsetDays > most.step.offsetDays ? entry : most));

/**
 * An email's words are its lead step's template: the most advanced step speaks for the message (the
 * firmest email due, once, rather than several of mixed tone), and each invoice still records its
 * own step. Invoices those words do not fit (not yet due, under a past-due reminder) make a message
 * of their own, led by their own firmest step.
 */
function byWording(entries: readonly Entry[], fits: Fits): Entry[][] {
  const messages: Entry[][] = [];
  let rest = [...entries];
  while (rest.length > 0) {
    const lead = leadOf(rest);
    const fitting = rest.filter((entry) => entry === lead || fits(lead.step, entry.invoice));
    messages.push(fitting);
    rest = rest.filter((entry) => !fitting.includes(entry));
  }
  return messages;
}

function messageOf(customer: LadderCustomer, policyId: string, entries: readonly Entry[]): LadderMessage {
  return {
    customerId: customer.customerId,
    customerExternalId: customer.externalId,
    customerName: customer.name,
    policyId,
    step: leadOf(entries).step,
    invoices: entries.map(({ invoice, step }) => ({ invoiceId: invoice.invoiceId, number: invoice.number, stepId: step.id })),
    skipped: entries.flatMap(({ invoice, skipped }) => skipped.map((step) => ({ invoiceId: invoice.invoiceId, stepId: step.id }))),
  };
}
