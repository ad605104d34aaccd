import { fromDayNumber as toDate } from '../../../shared/dates';
import type { RecentContact, Wording } from '../../../shared/outreach/guard';
import type { LadderCustomer, LadderMessage, LadderPolicy, LadderStep } from '../../../shared/outreach/ladder';
import { evaluateLadder, policyFor } from '../ladder/ladder-evaluation';
import { withinRhythm } from '../ladder/send-guard';
import { pushTo, type BookHistory, type HistoryCustomer, type HistoryInvoice } from './backtest-history';

/** What the ladder did on one day of the sweep, with the facts of that day its figures need. */
export interface SweepDay {
  day: number;
  messages: LadderMessage[];
  /** Of the invoices those messages list: disputed, or under a promise still being kept (running), that day. */
  blockedInvoiceIds: Set<number>;
}

export interface SweepOptions {
  policies: readonly LadderPolicy[];
  rhythmDays: number;
  wordingOf(templateId: string, channel: 'email' | 'sms'): Wording;
  /** Called for every day in order; days before the period's first are the warm-up. */
  onDay(result: SweepDay): void;
  /** Between days, so a long sweep can report progress and be cancelled. */
  yieldEvery?: { days: number; pause(day: number): Promise<void> };
}

interface LadderState {
  /** The policy's steps in ladder order (shared by every invoice on that policy). */
  readonly steps: readonly LadderStep[];
  done: string[];
  furthest: number;
  lastTakenDay: number | null;
}

/**
 * The ladder replayed day by day over the history's days: each day it is evaluated (the one pure
 * evaluation and send guard the app uses) on that day's book, with the steps this replay took on
 * earlier days, never the ones taken in reality. Only invoices whose next step's day has come are
 * looked at (a step is due only once its offset, and its spacing from the last one taken, have
 * passed), so a day costs what changes on it, not the whole book. A task for a person (a call, a
 * letter, a referral) is taken the day it falls due. What the guard holds stays due and is looked at
 * again the next day, as in the app.
 */
export async function sweepLadder(history: BookHistory, options: SweepOptions): Promise<void> {
  // Each day's date, made once: the evaluation asks for dates tens of thousands of times a day.
  const dates = new Map<number, string>();
  const fromDayNumber = (day: number): string => dates.get(day) ?? (dates.set(day, toDate(day)), toDate(day));
  const state = new Map<number, LadderState>();
  const balance = new Map<number, number>();
  const waiting = new Map<number, Set<number>>();
  const ripe = new Set<number>();
  const recent = new Map<number, RecentContact[]>();
  const appliedOn = new Map<number, { invoice: HistoryInvoice; amount: number }[]>();
  for (const invoice of history.invoices.values()) {
    const { applied } = invoice;
    for (let at = 0; at < applied.length; at += 2) if (applied[at]! >= history.firstDay) pushTo(appliedOn, applied[at]!, { invoice, amount: applied[at + 1]! });
  }

  // Each policy's steps in ladder order, once: every invoice's state points at the same list.
  const ordered = new Map<LadderPolicy, LadderStep[]>();
  const stepsOf = (policy: LadderPolicy): LadderStep[] =>
    ordered.get(policy) ??
    (ordered.set(
      policy,
      [...policy.steps].sort((a, b) => a.offsetDays - b.offsetDays),
    ),
    ordered.get(policy)!);
  const stateOf = (invoice: HistoryInvoice): LadderState | null => {
    let known = state.get(invoice.id);
    if (!known) {
      const policy = policyFor(history.customers.get(invoice.customerId)!, options.policies);
      if (!policy) return null;
      known = { steps: stepsOf(policy), done: [], furthest: -1, lastTakenDay: null };
      state.set(invoice.id, known);
    }
    return known;
  };
  // The first day its next step could be due: its offset has passed, and its spacing from the step last taken.
  const schedule = (invoice: HistoryInvoice, today: number): void => {
    const ladder = stateOf(invoice);
    const next = ladder?.steps[ladder.furthest + 1];
    if (!ladder || !next) return;
    const previous = ladder.steps[ladder.furthest];
    const spaced = previous && ladder.lastTakenDay !== null ? ladder.lastTakenDay + next.offsetDays - previous.offsetDays : -Infinity;
    const day = Math.max(invoice.dueDay + next.offsetDays, spaced);
    if (day <= today) ripe.add(invoice.id);
    else waiting.set(day, (waiting.get(day) ?? new Set()).add(invoice.id));
  };

  for (let day = history.firstDay; day <= history.lastDay; day++) {
    if (day === history.firstDay) for (const invoice of history.issuedOn.get(day - 1) ?? []) open(invoice, invoice.startMinor);
    for (const invoice of history.issuedOn.get(day) ?? []) if (invoice.issueDay === day) open(invoice, invoice.startMinor);
    for (const { invoice, amount } of appliedOn.get(day) ?? []) {
      const after = (balance.get(invoice.id) ?? history.balanceOn(invoice, day - 1)) - amount;
      const wasOpen = (balance.get(invoice.id) ?? 0) > 0;
      balance.set(invoice.id, after);
      if (after <= 0) ripe.delete(invoice.id);
      else if (!wasOpen && invoice.issueDay <= day) schedule(invoice, day);
    }
    for (const id of waiting.get(day) ?? []) if ((balance.get(id) ?? 0) > 0) ripe.add(id);
    waiting.delete(day);
    options.onDay(evaluateDay(day));
    if (options.yieldEvery && (day - history.firstDay) % options.yieldEvery.days === 0) await options.yieldEvery.pause(day);
  }

  function open(invoice: HistoryInvoice, minor: number): void {
    balance.set(invoice.id, minor);
    if (minor > 0) schedule(invoice, invoice.issueDay < history.firstDay ? history.firstDay : invoice.issueDay);
  }

  function evaluateDay(day: number): SweepDay {
    const date = fromDayNumber(day);
    const byCustomer = new Map<number, HistoryInvoice[]>();
    for (const id of ripe) {
      const invoice = history.invoices.get(id)!;
      pushTo(byCustomer, invoice.customerId, invoice);
    }
    const facts = [...byCustomer].map(([customerId, invoices]) => customerOn(history.customers.get(customerId)!, invoices, day));
    const run = evaluateLadder(
      facts.map((f) => f.customer),
      options.policies,
      date,
      { syncFresh: true, rhythmDays: options.rhythmDays, wordingOf: options.wordingOf },
    );
    const blockedInvoiceIds = new Set<number>();
    const blocking = new Map(facts.map((f) => [f.customer.customerId, f.blocking]));
    for (const message of run.messages) {
      for (const { invoiceId, stepId } of message.invoices) {
        take(invoiceId, stepId, day);
        if (blocking.get(message.customerId)!.has(invoiceId)) blockedInvoiceIds.add(invoiceId);
      }
      for (const { invoiceId, stepId } of message.skipped) take(invoiceId, stepId, day);
      for (const { invoiceId } of message.invoices) {
        ripe.delete(invoiceId);
        schedule(history.invoices.get(invoiceId)!, day);
      }
      if (message.step.channel === 'email')
        recent.set(message.customerId, [
          ...withinRhythm(recent.get(message.customerId), { day: date, rhythmDays: options.rhythmDays }),
          { on: date, by: 'ladder', label: message.step.label },
        ]);
    }
    return { day, messages: run.messages, blockedInvoiceIds };
  }

  function take(invoiceId: number, stepId: string, day: number): void {
    const ladder = state.get(invoiceId)!;
    ladder.done.push(stepId);
    const index = ladder.steps.findIndex((step) => step.id === stepId);
    if (index > ladder.furthest) {
      ladder.furthest = index;
      ladder.lastTakenDay = day;
    }
  }

  function customerOn(customer: HistoryCustomer, invoices: HistoryInvoice[], day: number): { customer: LadderCustomer; blocking: ReadonlySet<number> } {
    // Most customers have no promise, plan or dispute: they share one empty set instead of making three a day.
    const promised =
      customer.promises.length > 0
        ? new Set(
            history
              .promisesOn(customer, day)
              .filter((p) => p.state === 'open')
              .flatMap((p) => [...p.invoiceIds]),
          )
        : NONE;
    const inPlan = customer.plans.length > 0 ? history.inPlanOn(customer, day) : NONE;
    // Checked apart from the guard, from the day's facts: a touch must never list an invoice in dispute or one the customer has promised to pay.
    let blocking = promised.size > 0 ? new Set(promised) : null;
    const ladderInvoices = invoices.map((invoice) => {
      const ladder = state.get(invoice.id)!;
      const disputed = history.disputedOn(customer, invoice, day);
      if (disputed) (blocking ??= new Set()).add(invoice.id);
      return {
        invoiceId: invoice.id,
        number: invoice.number,
        dueDate: invoice.dueDate,
        currency: invoice.currency,
        openMinor: balance.get(invoice.id)!,
        status: 'open' as const,
        inTransit: history.inTransitOn(invoice, day),
        disputed,
        promised: promised.has(invoice.id),
        inPlan: inPlan.has(invoice.id),
        doneStepIds: ladder.done,
        lastStepTakenOn: ladder.lastTakenDay === null ? null : fromDayNumber(ladder.lastTakenDay),
      };
    });
    return {
      customer: {
        customerId: customer.id,
        externalId: customer.externalId,
        name: customer.name,
        segment: customer.segment,
        snoozed: history.snoozedOn(customer, day),
        inboxHold: null,
        hasEmailContact: customer.hasEmail,
        recent: recent.get(customer.id) ?? [],
        invoices: ladderInvoices,
      },
      blocking: blocking ?? NONE,
    };
  }
}

const NONE: ReadonlySet<number> = new Set();
