import { daysBetween, type IsoDate } from '../dates';
import type { TemplatePurpose } from './template-fields';

/**
 * The one set of rules every outgoing message passes, at preview and again at send (see
 * electron/core/ladder/send-guard.ts). Invoice holds drop one invoice from a message; customer
 * holds stop the whole message; a message left with nothing to remind about is refused.
 */
export const INVOICE_HOLDS = ['paid', 'written_off', 'in_transit', 'disputed', 'promise', 'plan', 'wording'] as const;
export type InvoiceHold = (typeof INVOICE_HOLDS)[number];
/**
 * A team desk's send waits while the team server cannot be reached (another desk may be sending the
 * same reminder), and is cancelled when another desk claimed it first.
 */
export const TEAM_HOLDS = ['team_offline', 'team_sent'] as const;
/**
 * `replied` is an email reply nobody has handled (every message waits) or a recent text reply (the
 * ladder waits a few days); `out_of_office` an automatic answer until the contact is back.
 * `no_mobile`, `opted_out`, `no_consent` and `quiet_hours` are a text's (see shared/sms/sms-reach.ts).
 * TEAM_HOLDS are a team desk's, judged just before a send (electron/core/team/send-claim.ts).
 */
export const CUSTOMER_HOLDS = [
  'replied',
  'snoozed',
  'out_of_office',
  'stale_sync',
  'no_contact',
  'no_mobile',
  'opted_out',
  'no_consent',
  'quiet_hours',
  'rhythm',
  ...TEAM_HOLDS,
] as const;
export type CustomerHold = (typeof CUSTOMER_HOLDS)[number];
/** In order of precedence: when several apply, the first is the one reported. */
export const HOLD_REASONS = [...INVOICE_HOLDS, ...CUSTOMER_HOLDS] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];
/** Why a whole message does not go: a customer hold, or nothing left to remind about. */
export type MessageHold = CustomerHold | 'nothing_left';

/**
 * Holds a collector may lift for one invoice of one send, saying why (audited). Never "paid" (there
 * is nothing to ask for) nor "wording" (the words would be wrong).
 */
export const LIFTABLE_HOLDS: readonly InvoiceHold[] = ['in_transit', 'disputed', 'promise', 'plan'];

/** Days the ladder waits after a text reply, so a person answers it before anything automatic goes. */
export const REPLY_PAUSE_DAYS = 3;

/**
 * What came back from the customer that holds every message (electron/core/inbox/inbox-holds.ts): a
 * reply nobody has handled yet (since it arrived), or an out-of-office answer (until the day the
 * ladder may write again).
 */
export type InboxHold = { reason: 'replied'; since: string } | { reason: 'out_of_office'; until: IsoDate };

/** Which invoices a template's words fit on the day it is sent. */
export type Wording = 'before_due' | 'past_due' | 'any';

export interface PurposeRule {
  wording: Wording;
  /** The message asks for payment of the invoices it lists: with none left it is refused. */
  chases: boolean;
  /** The commitment the message is about (a dispute acknowledged, a plan confirmed) does not hold it. */
  exempt: InvoiceHold | null;
}

const chasing = (wording: Wording): PurposeRule => ({ wording, chases: true, exempt: null });
const about = (exempt: InvoiceHold): PurposeRule => ({ wording: 'any', chases: false, exempt });

/**
 * Each template purpose's rule: a pre-due nudge or value memo speaks of invoices not yet due, a
 * reminder of invoices past due; confirmations of a promise, dispute or plan list no invoices to chase.
 */
export const PURPOSE_RULES: Record<TemplatePurpose, PurposeRule> = {
  pre_due: chasing('before_due'),
  value_memo: chasing('before_due'),
  reminder: chasing('past_due'),
  escalation: chasing('past_due'),
  final: chasing('past_due'),
  agency: chasing('past_due'),
  broken_promise: chasing('past_due'),
  discount: chasing('any'),
  promise: about('promise'),
  dispute: about('disputed'),
  plan: about('plan'),
};

/** Whether words for `wording` are true of an invoice due on `dueDate` on the day it is sent. */
export function fitsWording(wording: Wording, dueDate: IsoDate, sendDay: IsoDate): boolean {
  if (wording === 'any') return true;
  const pastDue = daysBetween(dueDate, sendDay) > 0;
  return wording === 'past_due' ? pastDue : !pastDue;
}

/** Another message to the customer within the contact rhythm's window. */
export interface RecentContact {
  /** The day it was sent (or queued, while it waits). */
  on: IsoDate;
  by: 'ladder' | 'manual';
  /** The template's name. */
  label: string;
  /** A text message; absent: an email. */
  channel?: 'sms';
}

/** An invoice a message would have listed, and why it does not (an invoice hold, or the ladder's next message waiting on the rhythm). */
export interface DroppedInvoice {
  invoiceId: number;
  number: string;
  reason: HoldReason;
}

/**
 * What the guard made of one message: the invoices it keeps, those it dropped and why, those a
 * collector explicitly kept despite a hold, and whether the whole message is held.
 */
export interface GuardVerdict {
  invoices: { invoiceId: number; number: string }[];
  dropped: DroppedInvoice[];
  lifted: DroppedInvoice[];
  held: MessageHold | null;
  /** The reply or absence that holds the message, for its words. */
  inboxHold?: InboxHold;
  /** Other messages to this customer within the rhythm's window ("also emailed today by the ladder"). */
  recent: RecentContact[];
}

/** An explicit decision to send despite a hold, for one send: the invoices kept anyway and/or the rhythm lifted, with why. */
export interface GuardOverride {
  invoiceIds: number[];
  rhythm: boolean;
  reason: string;
}

/** One message of a send as the preview shows it, before anything is queued. */
export interface PlannedMessage {
  customerId: number;
  customerName: string;
  /** What would be sent (invoices: exactly those kept); null when there is nothing to remind about. */
  draft: { customerId: number; templateId: string; invoiceIds: number[]; senderRole: 'collector' | 'manager'; videoMemoUrl?: string } | null;
  /** The ladder step it takes, for "the ladder's next step". */
  stepLabel: string | null;
  verdict: GuardVerdict;
  /** Why nothing goes, in words; null when it goes. */
  heldMessage: string | null;
}

export interface SendPlan {
  messages: PlannedMessage[];
  /** The settings the preview speaks of: the contact rhythm, and the size above which a send asks for its number typed. */
  rhythmDays: number;
  typedConfirmAbove: number;
}
