import type { IsoDate } from '../../../shared/dates';
import {
  CUSTOMER_HOLDS,
  PURPOSE_RULES,
  type CustomerHold,
  type GuardVerdict,
  type HoldReason,
  type InboxHold,
  type MessageHold,
  type PlannedMessage,
  type RecentContact,
  type SendPlan,
} from '../../../shared/outreach/guard';
import { describeHold } from '../../../shared/outreach/guard-words';
import type { LadderCustomer, LadderExclusion, LadderMessage, LadderPolicy, LadderRun } from '../../../shared/outreach/ladder';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import { getSetting } from '../settings';
import { guardDrafts } from './guard-drafts';
import { guardDay, ladderFactsOf, readRecentContacts, recentContactsOf, templateWordings } from './guard-facts';
import { evaluateLadder } from './ladder-evaluation';
import { readLadderFacts, readPolicies } from './ladder-facts';
import { withinRhythm, type GuardDay } from './send-guard';
import { readSmsReach } from '../sms/sms-reach';
import { readRecentReplies } from '../sms/recent-replies';
import { bookOn, wholeBookOn } from '../ledger/book';

/**
 * The ladder on a date, through the send guard: the ERP data's freshness, the contact rhythm (the
 * messages already sent or queued for each customer) and each template's wording on that day, all
 * from the book at the end of that day. A day already past is judged on what its book held then, as
 * if the ERP had been synced that day: today's sync age says nothing about it.
 */
export function guardedLadderRun(
  sqlite: SqliteDb,
  today: IsoDate,
  date: IsoDate,
  customerIds?: readonly number[],
  at?: Date,
): LadderRun & { recent: Map<number, RecentContact[]>; inboxHolds: Map<number, InboxHold> } {
  const book = customerIds ? bookOn(date, today) : wholeBookOn(sqlite, date, today);
  const rules = book.past ? { ...guardDay(sqlite, today, date), syncFresh: true } : guardDay(sqlite, today, date);
  const policies = readPolicies(sqlite);
  const facts: LadderCustomer[] = customerIds ? ladderFactsOf(sqlite, book, customerIds) : readLadderFacts(sqlite, book);
  const recent = customerIds ? recentContactsOf(sqlite, book, rules.rhythmDays, customerIds) : readRecentContacts(sqlite, book, rules.rhythmDays);
  // Texts are judged at a moment (the customers' sending hours): only read when a policy has a text step and the caller says when.
  const texts = at && policies.some((policy) => policy.steps.some((step) => step.channel === 'sms')) ? readSmsReach(sqlite, at, customerIds) : null;
  const replied = readRecentReplies(sqlite, date);
  const customers = facts.map((customer) => ({
    ...customer,
    recent: recent.get(customer.customerId) ?? [],
    ...(texts?.has(customer.customerId) ? { sms: texts.get(customer.customerId)! } : {}),
    ...(replied.has(customer.customerId) ? { repliedOn: replied.get(customer.customerId)! } : {}),
  }));
  const run = evaluateLadder(customers, policies, date, { syncFresh: rules.syncFresh, rhythmDays: rules.rhythmDays, wordingOf: templateWordings(sqlite) });
  const inboxHolds = new Map(facts.flatMap((customer) => (customer.inboxHold ? [[customer.customerId, customer.inboxHold] as const] : [])));
  return { ...run, recent, inboxHolds };
}

export type PlanRequest =
  | { kind: 'template'; templateId: string; customerIds: number[]; videoMemoUrl?: string | undefined }
  | { kind: 'ladder'; customerIds?: number[] | undefined; videoMemoUrl?: string | undefined };

/**
 * Every message a send would make, before anything is queued, for the preview: each customer's
 * message with the invoices it keeps, those the guard dropped and why, other messages within the
 * contact rhythm, or why nothing goes at all.
 */
export function planSend(sqlite: SqliteDb, today: IsoDate, request: PlanRequest): SendPlan {
  const settings = getSetting(sqlite, 'outreach');
  const rules = guardDay(sqlite, today);
  const video = request.videoMemoUrl ? { videoMemoUrl: request.videoMemoUrl } : {};
  const plan = { rhythmDays: rules.rhythmDays, typedConfirmAbove: settings.typedConfirmAbove };
  if (request.kind === 'ladder') return { ...plan, messages: ladderPlan(sqlite, today, rules, request.customerIds, video) };
  const drafts = request.customerIds.map((customerId) => ({
    customerId,
    templateId: request.templateId,
    invoiceIds: [],
    senderRole: 'collector' as const,
    ...video,
  }));
  const messages = guardDrafts(sqlite, drafts, rules).map(({ draft, customerName, template, verdict }): PlannedMessage => ({
    customerId: draft.customerId,
    customerName,
    stepLabel: null,
    verdict,
    // Held for the customer it is still shown (and the contact rhythm may be lifted); with no invoice to ask for there is nothing to show.
    draft: PURPOSE_RULES[template.purpose].chases && verdict.invoices.length === 0 ? null : draft,
    heldMessage: verdict.held ? describeHold(verdict.held, verdict, today, rules.rhythmDays) : null,
  }));
  return { ...plan, messages };
}

/** The ladder's email messages as a plan: each customer's message with what the ladder held back, or why nothing goes. */
function ladderPlan(sqlite: SqliteDb, today: IsoDate, rules: GuardDay, customerIds: number[] | undefined, video: { videoMemoUrl?: string }): PlannedMessage[] {
  const run = guardedLadderRun(sqlite, today, today, customerIds);
  const policies = readPolicies(sqlite);
  const emails = new Map(run.messages.filter((m) => m.step.channel === 'email').map((m) => [m.customerId, m]));
  const held = new Map<number, LadderExclusion[]>();
  for (const exclusion of run.excluded) {
    if (stepChannel(policies, exclusion) !== 'email') continue;
    held.set(exclusion.customerId, [...(held.get(exclusion.customerId) ?? []), exclusion]);
  }
  const names = new Map([...run.messages, ...run.excluded].map((m) => [m.customerId, m.customerName]));
  const nameOf = (id: number): string =>
    names.get(id) ?? (prepareCached(sqlite, 'SELECT name FROM customers WHERE id = ?').get(id) as ColumnsRow<'customers', 'name'> | undefined)?.name ?? '';
  // The whole ladder in the order the dry run lists it; chosen customers in the order they were chosen.
  const wanted = customerIds ?? [...new Set([...run.messages, ...run.excluded].map((m) => m.customerId))].filter((id) => emails.has(id) || held.has(id));
  return wanted.map((customerId) =>
    planned(
      customerId,
      nameOf(customerId),
      emails.get(customerId),
      held.get(customerId) ?? [],
      run.recent.get(customerId) ?? [],
      run.inboxHolds.get(customerId),
      rules,
      video,
    ),
  );
}

function stepChannel(policies: readonly LadderPolicy[], exclusion: LadderExclusion): string | undefined {
  return policies.find((p) => p.id === exclusion.policyId)?.steps.find((s) => s.id === exclusion.stepId)?.channel;
}

function planned(
  customerId: number,
  customerName: string,
  message: LadderMessage | undefined,
  exclusions: LadderExclusion[],
  recent: RecentContact[],
  inboxHold: InboxHold | undefined,
  rules: GuardDay,
  video: { videoMemoUrl?: string },
): PlannedMessage {
  const dropped = exclusions.map(({ invoiceId, number, reason }) => ({ invoiceId, number, reason }));
  const invoices = message?.invoices.map(({ invoiceId, number }) => ({ invoiceId, number })) ?? [];
  const verdict: GuardVerdict = { invoices, dropped, lifted: [], held: null, recent: withinRhythm(recent, rules), ...(inboxHold ? { inboxHold } : {}) };
  if (message) {
    return {
      customerId,
      customerName,
      stepLabel: message.step.label,
      verdict,
      heldMessage: null,
      draft: {
        customerId,
        templateId: message.step.templateId,
        invoiceIds: message.invoices.map((i) => i.invoiceId),
        senderRole: message.step.senderRole,
        ...video,
      },
    };
  }
  const hold = messageHoldOf(exclusions.map((e) => e.reason));
  const text = exclusions.length === 0 ? 'No email step of the ladder is due for this customer.' : describeHold(hold, verdict, rules.day, rules.rhythmDays);
  return { customerId, customerName, stepLabel: null, draft: null, verdict: { ...verdict, held: hold }, heldMessage: text };
}

/** Why a whole message is held when all its invoices are: one hold on the customer stops every invoice; otherwise each was held for its own reason. */
export function messageHoldOf(reasons: readonly HoldReason[]): MessageHold {
  const distinct = new Set(reasons);
  const [only] = distinct;
  return distinct.size === 1 && CUSTOMER_HOLDS.includes(only as CustomerHold) ? (only as CustomerHold) : 'nothing_left';
}
