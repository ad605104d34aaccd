import { daysBetween, type IsoDate } from '../../../shared/dates';
import { LADDER_CHANNELS } from '../../../shared/outreach/ladder';
import type {
  ExclusionReason, LadderCustomer, LadderExclusion, LadderInvoice, LadderMessage, LadderPolicy, LadderRun, LadderStep,
} from '../../../shared/outreach/ladder';

/** Code-unit order, not localeCompare: the same run must list the same way on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byDueThenNumber = (a: LadderInvoice, b: LadderInvoice): number =>
  compareText(a.dueDate, b.dueDate) || compareText(a.number, b.number) || a.invoiceId - b.invoiceId;

/** The policy naming the customer's segment, else the default (no segments); none when neither exists. */
function policyFor(customer: LadderCustomer, policies: readonly LadderPolicy[]): LadderPolicy | undefined {
  const { segment } = customer;
  return (segment === null ? undefined : policies.find((p) => p.segments.includes(segment))) ?? policies.find((p) => p.segments.length === 0);
}

interface DueStep {
  step: LadderStep;
  /** Undone steps between the last one taken and `step` whose day has also come: taken by it, never sent. */
  skipped: LadderStep[];
}

/**
 * The step an invoice is at today. State-based rather than "is today exactly day N", so a day the run
 * missed still catches up. Only steps beyond the furthest one taken count: a step never repeats and
 * the ladder never goes back to an earlier step it passed over. Taken ids the policy no longer has
 * (it was edited, or the customer changed segment) are ignored. Two rules keep a late start humane:
 * the next step keeps its spacing from the day the previous one was actually taken (a reminder sent
 * late does not bring the next one forward), and an invoice new to the ladder never opens with a
 * final step (final notice, agency referral) however late it is.
 */
function dueStep(invoice: LadderInvoice, steps: readonly LadderStep[], asOf: IsoDate): DueStep | null {
  const days = daysBetween(invoice.dueDate, asOf);
  const done = new Set(invoice.doneStepIds);
  let furthestDone = -1;
  steps.forEach((step, index) => {
    if (done.has(step.id)) furthestDone = index;
  });
  const previous = steps[furthestDone];
  const sinceTaken = invoice.lastStepTakenOn === null ? Number.POSITIVE_INFINITY : daysBetween(invoice.lastStepTakenOn, asOf);
  const reached = steps.slice(furthestDone + 1).filter((step) =>
    step.offsetDays <= days && (previous ? sinceTaken >= step.offsetDays - previous.offsetDays : step.tone !== 'final'));
  const step = reached.at(-1);
  return step ? { step, skipped: reached.slice(0, -1) } : null;
}

/**
 * Why an invoice with a due step is held back, or null when it may be chased. Facts about the invoice
 * come first (a paid invoice is "paid" even if also disputed), then the customer, then the data and
 * the channel: the reason shown is the one a collector would act on first.
 */
function stopReason(invoice: LadderInvoice, customer: LadderCustomer, step: LadderStep, syncFresh: boolean): ExclusionReason | null {
  if (invoice.status !== 'open' || invoice.openMinor <= 0) return 'paid';
  if (invoice.inTransit) return 'in_transit';
  if (invoice.disputed) return 'disputed';
  if (invoice.promised) return 'promise';
  if (invoice.inPlan) return 'plan';
  if (customer.snoozed) return 'snoozed';
  // Chasing on stale ERP data risks dunning money that has already been paid.
  if (!syncFresh) return 'stale_sync';
  // Only email needs an address: a call task, letter or agency referral goes out without one.
  if (step.channel === 'email' && !customer.hasEmailContact) return 'no_contact';
  return null;
}

/**
 * What the escalation ladder does as of a date: one consolidated message per customer and channel
 * listing every invoice at a step not yet taken (each with its own step), and every invoice held back
 * with one reason. Pure: the caller reads the facts and records what was sent.
 */
export function evaluateLadder(
  customers: readonly LadderCustomer[], policies: readonly LadderPolicy[], asOf: IsoDate, options: { syncFresh: boolean },
): LadderRun {
  const messages: LadderMessage[] = [];
  const excluded: LadderExclusion[] = [];
  const ordered = [...customers].sort((a, b) => compareText(a.externalId, b.externalId) || a.customerId - b.customerId);
  for (const customer of ordered) {
    const policy = policyFor(customer, policies);
    if (!policy) continue;
    // Offsets order the ladder, whatever order the steps were saved in (sort is stable for equal offsets).
    const steps = [...policy.steps].sort((a, b) => a.offsetDays - b.offsetDays);
    const listed: (DueStep & { invoice: LadderInvoice })[] = [];
    for (const invoice of [...customer.invoices].sort(byDueThenNumber)) {
      const due = dueStep(invoice, steps, asOf);
      if (!due) continue;
      const reason = stopReason(invoice, customer, due.step, options.syncFresh);
      if (reason === null) {
        listed.push({ invoice, ...due });
      } else {
        excluded.push({
          customerId: customer.customerId, customerExternalId: customer.externalId, customerName: customer.name,
          invoiceId: invoice.invoiceId, number: invoice.number, policyId: policy.id, stepId: due.step.id, reason,
        });
      }
    }
    // One message per channel: the most advanced step speaks for it (the firmest email due, once,
    // rather than several of mixed tone), and each invoice still records its own step. A call task or
    // an agency referral is work for a person, never folded into an email. First wins on a tie.
    for (const channel of LADDER_CHANNELS) {
      const group = listed.filter((entry) => entry.step.channel === channel);
      if (group.length === 0) continue;
      const lead = group.reduce((most, entry) => (entry.step.offsetDays > most.step.offsetDays ? entry : most));
      messages.push({
        customerId: customer.customerId,
        customerExternalId: customer.externalId,
        customerName: customer.name,
        policyId: policy.id,
        step: lead.step,
        invoices: group.map(({ invoice, step }) => ({ invoiceId: invoice.invoiceId, number: invoice.number, stepId: step.id })),
        skipped: group.flatMap(({ invoice, skipped }) => skipped.map((step) => ({ invoiceId: invoice.invoiceId, stepId: step.id }))),
      });
    }
  }
  return { asOf, messages, excluded };
}
