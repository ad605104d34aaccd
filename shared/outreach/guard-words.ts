import { addDays } from '../dates';
import type { GuardVerdict, HoldReason, MessageHold, RecentContact } from './guard';

/** How each hold reads on screen and in the command line's text output (short: they sit in table cells). */
export const HOLD_LABELS: Record<HoldReason | 'nothing_left', string> = {
  paid: 'Paid', in_transit: 'Payment on its way', disputed: 'Disputed', promise: 'Promised', plan: 'In a plan',
  wording: 'Wording does not fit its due date', snoozed: 'Customer snoozed', stale_sync: 'ERP data too old',
  no_contact: 'No email contact', rhythm: 'Waits for the next message', nothing_left: 'Nothing to remind about',
};

/** "today", "yesterday", "on 2026-11-20": when another message went, as the rhythm warning says it. */
function whenSent(on: string, day: string): string {
  if (on === day) return 'today';
  return on === addDays(day, -1) ? 'yesterday' : `on ${on}`;
}

/** "Also emailed today by the ladder (Manager escalation)". */
export function describeRecent(contact: RecentContact, day: string): string {
  return `Also emailed ${whenSent(contact.on, day)} by ${contact.by === 'ladder' ? 'the ladder' : 'a manual send'} (${contact.label})`;
}

/** Why a whole message does not go, in a sentence that says what to do about it. */
export function describeHold(held: MessageHold, verdict: Pick<GuardVerdict, 'dropped' | 'recent'>, day: string, rhythmDays: number): string {
  switch (held) {
    case 'snoozed': return 'The customer is snoozed: nothing goes until the snooze ends.';
    case 'stale_sync': return 'The ERP data is too old to chase on: refresh from the ERP first.';
    case 'no_contact': return 'No contact with a valid email address.';
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
