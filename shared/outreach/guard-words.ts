import { addDays, localToday } from '../dates';
import type { GuardVerdict, HoldReason, MessageHold, RecentContact } from './guard';

/** How each hold reads on screen and in the command line's text output (short: they sit in table cells). */
export const HOLD_LABELS: Record<HoldReason | 'nothing_left', string> = {
  paid: 'Paid',
  written_off: 'Written off',
  in_transit: 'Payment on its way',
  disputed: 'Disputed',
  promise: 'Promised',
  plan: 'In a plan',
  wording: 'Wording does not fit its due date',
  snoozed: 'Customer snoozed',
  replied: 'Customer replied',
  out_of_office: 'Contact away',
  stale_sync: 'ERP data too old',
  no_contact: 'No email contact',
  no_mobile: 'No mobile number',
  opted_out: 'Opted out of texts',
  no_consent: 'No consent to texts',
  quiet_hours: 'Outside sending hours',
  rhythm: 'Waits for the next message',
  nothing_left: 'Nothing to remind about',
  team_offline: 'Team server unreachable',
  team_sent: 'Sent by another desk',
};

/** "today", "yesterday", "on 2026-11-20": when another message went, as the rhythm warning says it. */
function whenSent(on: string, day: string): string {
  if (on === day) return 'today';
  return on === addDays(day, -1) ? 'yesterday' : `on ${on}`;
}

/** "Also emailed today by the ladder (Manager escalation)". */
export function describeRecent(contact: RecentContact, day: string): string {
  return `Also ${contact.channel === 'sms' ? 'texted' : 'emailed'} ${whenSent(contact.on, day)} by ${contact.by === 'ladder' ? 'the ladder' : 'a manual send'} (${contact.label})`;
}

/** Why a whole message does not go, in a sentence that says what to do about it. */
export function describeHold(held: MessageHold, verdict: Pick<GuardVerdict, 'dropped' | 'recent' | 'inboxHold'>, day: string, rhythmDays: number): string {
  const inbox = verdict.inboxHold;
  switch (held) {
    case 'replied': {
      if (inbox?.reason !== 'replied') return 'The customer replied by text: the ladder waits a few days for you to answer.';
      return `The customer replied ${whenSent(localToday(new Date(inbox.since)), day)}: handle the reply in the Inbox first.`;
    }
    case 'out_of_office':
      return inbox?.reason === 'out_of_office'
        ? `The contact is away (an automatic answer): nothing goes before ${inbox.until}, or add another contact.`
        : 'The contact is away (an automatic answer): add another contact, or wait until they are back.';
    case 'snoozed':
      return 'The customer is snoozed: nothing goes until the snooze ends.';
    case 'stale_sync':
      return 'The ERP data is too old to chase on: refresh from the ERP first.';
    case 'no_contact':
      return 'No contact with a valid email address.';
    case 'no_mobile':
      return 'No contact with a mobile number to text.';
    case 'opted_out':
      return 'Every contact with a mobile number has opted out of texts (STOP).';
    case 'no_consent':
      return "No contact's consent to texts is on file: record it on the contact first.";
    case 'quiet_hours':
      return "Outside the customer's sending hours: texts wait until they open.";
    case 'team_offline':
      return 'The team server cannot be reached: team sends wait until this desk reconnects, so no customer gets the same reminder twice.';
    case 'team_sent':
      return 'Another desk of the team sent this reminder first, so this one was not sent';
    case 'rhythm': {
      const [last] = verdict.recent.slice(-1);
      const limit = rhythmDays === 1 ? 'one message a day' : `one message per ${rhythmDays} days`;
      return `${last ? describeRecent(last, day) : 'Emailed recently'}: ${limit} per customer.`;
    }
    case 'nothing_left':
      return verdict.dropped.length > 0
        ? `Nothing left to remind about: ${verdict.dropped.map((d) => `${d.number} ${HOLD_LABELS[d.reason].toLowerCase()}`).join(', ')}.`
        : 'Nothing to remind about: no open invoice fits this message.';
  }
}
