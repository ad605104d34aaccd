import type { IsoDate } from '../dates';
import type { HoldReason, InboxHold, RecentContact } from './guard';
import type { SmsReach } from '../sms/sms-reach';

/**
 * The escalation ladder (dunning policy): ordered steps relative to each invoice's due date, chosen
 * per customer segment. Evaluation is a pure function of these facts and "today" (see
 * electron/core/ladder/ladder-evaluation.ts).
 */
export const LADDER_CHANNELS = ['email', 'sms', 'call_task', 'letter', 'agency_referral'] as const;
export type LadderChannel = (typeof LADDER_CHANNELS)[number];
export const SENDER_ROLES = ['collector', 'manager'] as const;
export type SenderRole = (typeof SENDER_ROLES)[number];

export interface LadderStep {
  /** Stable id, unique within its policy, e.g. "first-reminder". Recorded per invoice once done. */
  id: string;
  label: string;
  /** Days relative to the due date: negative before it, 0 on it, positive after. Steps are ordered by it. */
  offsetDays: number;
  channel: LadderChannel;
  templateId: string;
  senderRole: SenderRole;
  tone: 'friendly' | 'firm' | 'final';
}

export interface LadderPolicy {
  id: string;
  name: string;
  /** Segments this policy applies to; the policy with none is the default for everyone else. */
  segments: string[];
  steps: LadderStep[];
}

/** The order policies are listed in: those for segments by name, then the one for everyone else. */
export function policyOrder(a: LadderPolicy, b: LadderPolicy): number {
  const defaults = Number(a.segments.length === 0) - Number(b.segments.length === 0);
  return defaults || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export interface LadderInvoice {
  invoiceId: number;
  number: string;
  dueDate: IsoDate;
  currency: string;
  /** What is left to collect: the ledger's open balance net of what Inflow wrote off (activity.writeOff) and the ERP's credit note has not taken off yet. */
  openMinor: number;
  /** Written off in Inflow in full (the ERP's credit note may not have landed yet): nothing to chase. */
  writtenOff?: boolean;
  /** Open in the ledger; paid or closed invoices are listed only when they were on the ladder. */
  status: 'open' | 'paid' | 'closed';
  /** A payment recorded as on its way (e.g. a remittance advice) but not yet applied. */
  inTransit: boolean;
  /** Under an open dispute in Inflow or flagged disputed by the ERP. */
  disputed: boolean;
  /** Covered by a promise to pay that is still running. */
  promised: boolean;
  /** Part of a payment plan with installments left. */
  inPlan: boolean;
  /** Steps already taken for this invoice (sent, or skipped when a later step caught up). */
  doneStepIds: string[];
  /** When the furthest of those was taken: the next step keeps its spacing from that day. */
  lastStepTakenOn: IsoDate | null;
}

export interface LadderCustomer {
  customerId: number;
  externalId: string;
  name: string;
  segment: string | null;
  snoozed: boolean;
  /** A reply not yet handled or an absence not yet over: nothing goes to the customer meanwhile. */
  inboxHold: InboxHold | null;
  /** Has a contact with a valid email address (for the email channel). */
  hasEmailContact: boolean;
  /** The day of the customer's latest reply by text, when recent enough to pause the ladder (read by the ladder only). */
  repliedOn?: IsoDate;
  /** Whom a text would go to and whether one may go now (read for runs and sends that may text; absent: no text goes). */
  sms?: SmsReach;
  /** Messages to the customer within the contact rhythm's window (read for a run that sends, not for the queue). */
  recent?: RecentContact[];
  invoices: LadderInvoice[];
}

/** Why an invoice with a due step is held back: the send guard's reasons. */
export type ExclusionReason = HoldReason;

export interface LadderMessage {
  customerId: number;
  customerExternalId: string;
  customerName: string;
  policyId: string;
  /** The most advanced step among the invoices listed (all on one channel): its template and sender are used. */
  step: LadderStep;
  /** Every invoice of the customer at a step on this channel not yet taken and not held back, with its step. */
  invoices: { invoiceId: number; number: string; stepId: string }[];
  /** Earlier steps of these invoices that were missed and are now taken by this one (never sent later). */
  skipped: { invoiceId: number; stepId: string }[];
}

export interface LadderExclusion {
  customerId: number;
  customerExternalId: string;
  customerName: string;
  invoiceId: number;
  number: string;
  /** The policy the customer is on; its steps name stepId (another policy may use the same id). */
  policyId: string;
  /** The step the invoice would be at. */
  stepId: string;
  reason: ExclusionReason;
}

export interface LadderRun {
  asOf: IsoDate;
  messages: LadderMessage[];
  excluded: LadderExclusion[];
}
