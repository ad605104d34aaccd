import { daysBetween, type IsoDate } from '../../../shared/dates';
import {
  fitsWording,
  LIFTABLE_HOLDS,
  type CustomerHold,
  type DroppedInvoice,
  type GuardVerdict,
  type InvoiceHold,
  type PurposeRule,
  type RecentContact,
} from '../../../shared/outreach/guard';
import type { LadderChannel, LadderCustomer, LadderInvoice } from '../../../shared/outreach/ladder';

/**
 * The one guard in front of every outgoing message (docs/ARCHITECTURE.md, Principles): the ladder, bulk and single sends,
 * a resend from the outbox and the sender itself, just before a message goes, all ask these
 * functions. Pure: the callers read the facts (guard-facts.ts) and act on the answer.
 */

export type GuardInvoice = Pick<
  LadderInvoice,
  'invoiceId' | 'number' | 'dueDate' | 'status' | 'openMinor' | 'writtenOff' | 'inTransit' | 'disputed' | 'promised' | 'inPlan'
>;
export type GuardCustomer = Pick<LadderCustomer, 'snoozed' | 'inboxHold' | 'hasEmailContact' | 'recent' | 'sms' | 'repliedOn'>;

export interface GuardDay {
  /** The day the message goes out. */
  day: IsoDate;
  /** The ERP data is recent enough to chase on. */
  syncFresh: boolean;
  /** At most one message per customer in this many days; 0: no limit. */
  rhythmDays: number;
}

/**
 * Why an invoice may not be listed in a message of this purpose on `day`, or null. Facts about the
 * invoice come first (a paid invoice is "paid" even if also disputed), the words last. `lifted`: the
 * collector chose to include it despite a hold they may lift (never "paid", never the wrong words).
 */
export function invoiceHold(invoice: GuardInvoice, rule: PurposeRule, day: IsoDate, lifted = false): InvoiceHold | null {
  if (invoice.status !== 'open') return 'paid';
  // Written off in Inflow: the ERP still shows it open until its credit note lands, but nothing is asked for.
  if (invoice.writtenOff) return 'written_off';
  if (invoice.openMinor <= 0) return 'paid';
  const facts: [InvoiceHold, boolean][] = [
    ['in_transit', invoice.inTransit],
    ['disputed', invoice.disputed],
    ['promise', invoice.promised],
    ['plan', invoice.inPlan],
  ];
  for (const [reason, applies] of facts) {
    if (applies && rule.exempt !== reason && !(lifted && LIFTABLE_HOLDS.includes(reason))) return reason;
  }
  return fitsWording(rule.wording, invoice.dueDate, day) ? null : 'wording';
}

/** The messages that fall within the rhythm's window before `day` (the same day counts). */
export function withinRhythm(recent: readonly RecentContact[] | undefined, { day, rhythmDays }: Pick<GuardDay, 'day' | 'rhythmDays'>): RecentContact[] {
  return (recent ?? []).filter((contact) => daysBetween(contact.on, day) < rhythmDays);
}

/**
 * Why nothing may go to the customer on this channel, or null: an email reply not yet handled (a
 * person reads it first), a snooze, a recent text reply (the ladder waits for a person), the contact
 * away (an out-of-office answer), stale ERP data (a payment made since may be missing), no address
 * to email, no mobile number to text (or only opted-out ones, or none with consent), the customer's
 * night or weekend for a text, or another message within the contact rhythm. Only email and texts
 * need an address and count towards the rhythm: a call task is work for a person.
 */
export function customerHold(customer: GuardCustomer, channel: LadderChannel, rules: GuardDay, rhythmLifted = false): CustomerHold | null {
  if (customer.inboxHold?.reason === 'replied') return 'replied';
  if (customer.snoozed) return 'snoozed';
  if (customer.repliedOn && (channel === 'email' || channel === 'sms')) return 'replied';
  if (customer.inboxHold?.reason === 'out_of_office') return 'out_of_office';
  if (!rules.syncFresh) return 'stale_sync';
  if (channel === 'sms') {
    // Facts not read for texts mean no text can go: never a text to a number nobody checked.
    const reach = customer.sms?.hold ?? (customer.sms ? null : 'no_mobile');
    if (reach) return reach;
  } else if (channel !== 'email') return null;
  else if (!customer.hasEmailContact) return 'no_contact';
  return !rhythmLifted && withinRhythm(customer.recent, rules).length > 0 ? 'rhythm' : null;
}

export interface GuardedMessage {
  customer: GuardCustomer;
  /** The invoices the message would list (none for a confirmation of a promise, dispute or plan). */
  invoices: readonly GuardInvoice[];
  rule: PurposeRule;
  channel: LadderChannel;
  /** The collector's explicit decisions for this send. */
  override?: { invoiceIds: ReadonlySet<number>; rhythm: boolean };
}

/**
 * One message through the guard: each invoice kept, dropped with its reason, or kept because the
 * collector lifted its hold; the whole message held for the customer, or refused when a message
 * that asks for payment has no invoice left to ask about.
 */
export function guardMessage(message: GuardedMessage, rules: GuardDay): GuardVerdict {
  const kept: GuardVerdict['invoices'] = [];
  const dropped: DroppedInvoice[] = [];
  const lifted: DroppedInvoice[] = [];
  for (const invoice of message.invoices) {
    const { invoiceId, number } = invoice;
    const reason = invoiceHold(invoice, message.rule, rules.day);
    const chosen = message.override?.invoiceIds.has(invoiceId) ?? false;
    if (reason === null) kept.push({ invoiceId, number });
    else if (chosen && invoiceHold(invoice, message.rule, rules.day, true) === null) {
      kept.push({ invoiceId, number });
      lifted.push({ invoiceId, number, reason });
    } else dropped.push({ invoiceId, number, reason });
  }
  const held =
    customerHold(message.customer, message.channel, rules, message.override?.rhythm ?? false) ??
    (message.rule.chases && kept.length === 0 ? 'nothing_left' : null);
  const inboxHold = (held === 'replied' || held === 'out_of_office') && message.customer.inboxHold ? { inboxHold: message.customer.inboxHold } : {};
  return { invoices: kept, dropped, lifted, held, recent: withinRhythm(message.customer.recent, rules), ...inboxHold };
}
