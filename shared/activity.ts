import { z } from 'zod';
import type { AgingCustomerRow } from './aging';
import type { WorklistRow } from './worklist';
import { emailAddressSchema, freeText, oneLineText } from './text';
import { currencyCodeSchema as currency, isoDateSchema as isoDate } from './value-schemas';

/** What a collector records, as the contract accepts it. Money is minor units with its currency. */
const id = z.number().int().positive();

export const CALL_OUTCOMES = ['reached', 'left_voicemail', 'no_answer', 'wrong_number', 'promised_to_pay', 'disputed', 'refused', 'claims_paid'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const DISPUTE_REASONS = ['pricing', 'quantity', 'quality', 'not_received', 'duplicate_billing', 'po_missing', 'other'] as const;

export const logCallInput = z.object({
  customerId: id,
  contactId: id.optional(),
  direction: z.enum(['outbound', 'inbound']).default('outbound'),
  outcome: z.enum(CALL_OUTCOMES),
  notes: freeText(4000).default(''),
  durationSeconds: z.number().int().min(0).max(86_400).optional(),
  followUpDate: isoDate.optional(),
});

export const addNoteInput = z.object({ customerId: id, text: freeText(4000).min(1, 'a note needs some text') });

export const recordPromiseInput = z.object({
  customerId: id,
  amountMinor: z.number().int().positive('a promise is for a positive amount'),
  currency,
  promisedDate: isoDate,
  invoiceIds: z.array(id).max(500).default([]),
  graceDays: z.number().int().min(0).max(60).optional(),
  note: freeText(2000).default(''),
});

export const openDisputeInput = z.object({
  customerId: id,
  invoiceIds: z.array(id).min(1, 'a dispute is about at least one invoice').max(500),
  reasonCode: z.enum(DISPUTE_REASONS),
  owner: oneLineText(120).optional(),
  slaDays: z.number().int().min(1).max(365).default(14),
  note: freeText(2000).default(''),
});

export const cancelPromiseInput = z.object({ promiseId: id, reason: freeText(500).min(1, 'say why the promise is cancelled') });

export const offerDiscountInput = z.object({
  customerId: id,
  invoiceIds: z.array(id).min(1, 'a discount is on at least one invoice').max(500),
  /** Hundredths of a percent: 250 is 2.5 %, exact. */
  percentBp: z.number().int().min(1).max(5000, 'a discount of more than 50 % is not an early-payment discount'),
  payBy: isoDate,
  note: freeText(2000).default(''),
});

/** The customer says the money is on its way (a remittance advice): reminders wait for it a while. */
export const markInTransitInput = z.object({
  customerId: id,
  invoiceIds: z.array(id).min(1, 'say which invoices were paid').max(500),
  note: freeText(2000).default(''),
});

/**
 * Part or all of an invoice's balance given up, with why: out of the chase at once, while the ledger
 * keeps the ERP's balance until its credit note lands. Without an amount, everything still collectable.
 */
export const writeOffInput = z.object({
  invoiceId: id,
  amountMinor: z.number().int().positive('a write-off is for a positive amount').optional(),
  reason: freeText(500).min(1, 'say why it is written off'),
});

export const cancelPlanInput = z.object({ planId: id, reason: freeText(500).min(1, 'say why the plan is cancelled') });

export const resolveDisputeInput = z.object({ disputeId: id, resolutionNote: freeText(2000).min(1, 'say how it was resolved') });

export const snoozeInput = z.object({ customerId: id, untilDate: isoDate, reason: freeText(500).min(1, 'say why the customer is snoozed') });

export const createPlanInput = z
  .object({
    customerId: id,
    /** "Payment plan", "No-penalty pause", "Downsize" … plans differ only by their label. */
    label: oneLineText(80).min(1).default('Payment plan'),
    currency,
    invoiceIds: z.array(id).max(500).default([]),
    installments: z
      .array(z.object({ dueDate: isoDate, amountMinor: z.number().int().positive() }))
      .min(1)
      .max(120),
    graceDays: z.number().int().min(0).max(60).default(0),
    note: freeText(2000).default(''),
  })
  .refine((plan) => new Set(plan.installments.map((i) => i.dueDate)).size === plan.installments.length, 'two installments fall on the same date');

export const ACTIVITY_KINDS = [
  'call',
  'note',
  'promise',
  'dispute_opened',
  'dispute_resolved',
  'snooze',
  'plan_created',
  'assignment',
  'contact_saved',
  'promise_cancelled',
  'plan_cancelled',
  'email',
  'discount_offered',
  'payment_in_transit',
  'ladder_task',
  'sms',
  'email_received',
  'write_off',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Kinds a collector may correct or withdraw; promises, disputes and plans have their own lifecycle (cancel, resolve). */
export const AMENDABLE_KINDS = ['call', 'note'] as const satisfies readonly ActivityKind[];

export const editActivityInput = z.object({ activityId: id, text: freeText(4000).min(1, 'the corrected text cannot be empty') });
export const deleteActivityInput = z.object({ activityId: id, reason: freeText(500).min(1, 'say why it is withdrawn') });

/** Entries the ledger and payments imply rather than a collector's action. */
export type DerivedKind = 'invoice' | 'payment' | 'promise_kept' | 'promise_broken' | 'installment_missed';

/** One entry of a customer's timeline, newest first. */
export interface TimelineEntry {
  at: string;
  kind: ActivityKind | DerivedKind;
  title: string;
  detail: string;
  amountMinor?: number;
  currency?: string;
  /** A collector's entry: its id, to correct or withdraw it when its kind allows. */
  activityId?: number;
  /** The free text a collector may correct (a call's notes, a note), on calls and notes only. */
  text?: string;
  edited?: boolean;
  /** A message read from the mailbox: its Inbox id, to open the original. */
  inboxId?: number;
}

export const CONTACT_ROLES = ['billing', 'ap', 'primary', 'escalation'] as const;
export const CONTACT_STATUSES = ['valid', 'bounced', 'left'] as const;

export const saveContactInput = z.object({
  customerId: id,
  /** Absent: a new contact. */
  contactId: id.optional(),
  name: oneLineText(200).min(1, 'a contact needs a name'),
  email: z.union([z.literal(''), emailAddressSchema]).default(''),
  phone: oneLineText(60).default(''),
  role: z.enum(CONTACT_ROLES),
  isPrimary: z.boolean().default(false),
  status: z.enum(CONTACT_STATUSES).default('valid'),
});

/** A ladder step done by hand (a letter posted, the account referred to the agency); a call is logged as a call. */
export const completeLadderTaskInput = z.object({
  customerId: id,
  channel: z.enum(['letter', 'agency_referral']),
  note: freeText(2000).default(''),
});

/** A known collector, or a new one only when `newCollector` says so (a typo never makes a collector). */
export const assignInput = z.object({
  customerId: id,
  collector: oneLineText(120).min(1, 'name the collector'),
  newCollector: z.boolean().default(false),
  note: freeText(2000).default(''),
});

export interface Contact {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  role: (typeof CONTACT_ROLES)[number];
  isPrimary: boolean;
  status: (typeof CONTACT_STATUSES)[number];
}

export interface CustomerSummary extends Pick<
  WorklistRow,
  'customerId' | 'externalId' | 'name' | 'currency' | 'collector' | 'segment' | 'openMinor' | 'overdueMinor' | 'oldestDaysPastDue'
> {
  /** Unapplied credits netted in openMinor (zero or negative). */
  creditsMinor: number;
  termsDays: number | null;
  creditLimitMinor: number | null;
  /** ISO 3166 alpha-2 from the ERP or an import. */
  country: string | null;
  /** Set on the customer page; null follows the country. */
  locale: string | null;
  /** What its emails are written in: its locale, its country's, or the messaging default. */
  messageLocale: string;
  /** Mean days late (0 when early) of paid invoices, as the risk reasons and KPIs count it; null with no payment history. */
  averageDaysLate: number | null;
  /** The customer's aging today, one row per currency it owes in. */
  aging: AgingCustomerRow[];
}
