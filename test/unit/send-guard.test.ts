import { describe, expect, it } from 'vitest';
import { customerHold, guardMessage, invoiceHold, type GuardCustomer, type GuardDay, type GuardInvoice } from '../../electron/core/ladder/send-guard';
import { addDays } from '../../shared/dates';
import { fitsWording, PURPOSE_RULES, type HoldReason, type InboxHold, type PurposeRule, type RecentContact } from '../../shared/outreach/guard';
import type { LadderChannel } from '../../shared/outreach/ladder';

/** The send guard's rules as plain data: every hold, its precedence, what a collector may lift, and the words of each purpose. */
const DAY = '2026-11-22';
const RULES: GuardDay = { day: DAY, syncFresh: true, rhythmDays: 1 };
const REMINDER = PURPOSE_RULES.reminder;

const invoice = (daysPastDue: number, over: Partial<GuardInvoice> = {}): GuardInvoice => ({
  invoiceId: 1,
  number: 'INV-1',
  dueDate: addDays(DAY, -daysPastDue),
  status: 'open',
  openMinor: 10_000,
  inTransit: false,
  disputed: false,
  promised: false,
  inPlan: false,
  ...over,
});
const customer = (over: Partial<GuardCustomer> = {}): GuardCustomer => ({ snoozed: false, inboxHold: null, hasEmailContact: true, recent: [], ...over });
const REPLIED: InboxHold = { reason: 'replied', since: '2026-11-22T08:00:00.000Z' };
const AWAY: InboxHold = { reason: 'out_of_office', until: '2026-12-01' };
const sentBy = (daysAgo: number, by: RecentContact['by'] = 'ladder'): RecentContact => ({ on: addDays(DAY, -daysAgo), by, label: 'First reminder' });

describe('invoiceHold', () => {
  it.each<[string, Partial<GuardInvoice>, HoldReason | null]>([
    ['open and past due: may be chased', {}, null],
    ['paid', { status: 'paid', openMinor: 0 }, 'paid'],
    ['closed in the ERP', { status: 'closed' }, 'paid'],
    ['open with nothing left to pay', { openMinor: 0 }, 'paid'],
    ['written off in Inflow, still open in the ERP', { openMinor: 0, writtenOff: true }, 'written_off'],
    ['partly written off: the rest is chased', { openMinor: 5_000, writtenOff: false }, null],
    ['written off beats a dispute (nothing is asked for)', { openMinor: 0, writtenOff: true, disputed: true }, 'written_off'],
    ['a payment on its way', { inTransit: true }, 'in_transit'],
    ['disputed', { disputed: true }, 'disputed'],
    ['under a running promise', { promised: true }, 'promise'],
    ['in a payment plan', { inPlan: true }, 'plan'],
    // Precedence: the fact a collector acts on first.
    ['paid beats everything', { status: 'paid', inTransit: true, disputed: true, promised: true, inPlan: true }, 'paid'],
    ['in transit beats disputed', { inTransit: true, disputed: true }, 'in_transit'],
    ['disputed beats promised', { disputed: true, promised: true }, 'disputed'],
    ['promised beats a plan', { promised: true, inPlan: true }, 'promise'],
  ])('%s → %s', (_why, facts, expected) => {
    expect(invoiceHold(invoice(17, facts), REMINDER, DAY)).toBe(expected);
  });

  it.each<[string, Partial<GuardInvoice>, HoldReason | null]>([
    ['a dispute may be lifted', { disputed: true }, null],
    ['a promise may be lifted', { promised: true }, null],
    ['a plan may be lifted', { inPlan: true }, null],
    ['a payment on its way may be lifted', { inTransit: true }, null],
    ['paid never: there is nothing to ask for', { status: 'paid', openMinor: 0, disputed: true }, 'paid'],
  ])('lifted by the collector: %s', (_why, facts, expected) => {
    expect(invoiceHold(invoice(17, facts), REMINDER, DAY, true)).toBe(expected);
  });

  it('the wrong words are never lifted: a reminder for an invoice not yet due', () => {
    expect(invoiceHold(invoice(-2), REMINDER, DAY, true)).toBe('wording');
  });

  it.each<[string, PurposeRule, Partial<GuardInvoice>, HoldReason | null]>([
    ['a dispute acknowledgement is about the disputed invoice', PURPOSE_RULES.dispute, { disputed: true }, null],
    ['a promise confirmation is about the promised invoice', PURPOSE_RULES.promise, { promised: true }, null],
    ['a plan confirmation is about the plan', PURPOSE_RULES.plan, { inPlan: true }, null],
    ['a promise confirmation still never names a disputed invoice', PURPOSE_RULES.promise, { disputed: true }, 'disputed'],
    ['a discount offer is held by a dispute like a reminder', PURPOSE_RULES.discount, { disputed: true }, 'disputed'],
  ])('%s', (_why, rule, facts, expected) => {
    expect(invoiceHold(invoice(17, facts), rule, DAY)).toBe(expected);
  });
});

describe('the words of each purpose on the send day', () => {
  // Days past due on the day the message goes: negative is before the due date.
  it.each<[string, keyof typeof PURPOSE_RULES, number, boolean]>([
    ['a pre-due nudge 3 days before the due date', 'pre_due', -3, true],
    ['a pre-due nudge on the due date itself', 'pre_due', 0, true],
    ['a pre-due nudge the day after the due date: never', 'pre_due', 1, false],
    ['a pre-due nudge 2 days late: never (seen: 8 of 21 went out)', 'pre_due', 2, false],
    ['a value memo before the due date', 'value_memo', -10, true],
    ['a value memo after it: never', 'value_memo', 5, false],
    ['a first reminder on the due date: not yet past due', 'reminder', 0, false],
    ['a first reminder the day after', 'reminder', 1, true],
    ['an escalation for an invoice not yet due: never', 'escalation', -1, false],
    ['a final notice long past due', 'final', 60, true],
    ['an agency referral for an invoice not yet due: never', 'agency', -5, false],
    ['a broken-promise follow-up past due', 'broken_promise', 3, true],
    ['a discount offer either side of the due date', 'discount', -5, true],
    ['a discount offer either side of the due date (after)', 'discount', 5, true],
  ])('%s', (_why, purpose, daysPastDue, fits) => {
    expect(fitsWording(PURPOSE_RULES[purpose].wording, addDays(DAY, -daysPastDue), DAY)).toBe(fits);
    expect(invoiceHold(invoice(daysPastDue), PURPOSE_RULES[purpose], DAY)).toBe(fits ? null : 'wording');
  });
});

describe('customerHold', () => {
  it.each<[string, Partial<GuardCustomer>, Partial<GuardDay>, LadderChannel, HoldReason | null]>([
    ['nothing in the way', {}, {}, 'email', null],
    ['snoozed', { snoozed: true }, {}, 'email', 'snoozed'],
    ['stale ERP data', {}, { syncFresh: false }, 'email', 'stale_sync'],
    ['no valid email address', { hasEmailContact: false }, {}, 'email', 'no_contact'],
    ['emailed today by the ladder', { recent: [sentBy(0)] }, {}, 'email', 'rhythm'],
    ['emailed today by hand', { recent: [sentBy(0, 'manual')] }, {}, 'email', 'rhythm'],
    ['emailed yesterday, one a day: free again', { recent: [sentBy(1)] }, {}, 'email', null],
    ['emailed 2 days ago, one every 3 days: held', { recent: [sentBy(2)] }, { rhythmDays: 3 }, 'email', 'rhythm'],
    ['emailed 3 days ago, one every 3 days: free', { recent: [sentBy(3)] }, { rhythmDays: 3 }, 'email', null],
    ['no limit set', { recent: [sentBy(0)] }, { rhythmDays: 0 }, 'email', null],
    // Precedence and channels.
    ['snoozed beats stale data', { snoozed: true }, { syncFresh: false }, 'email', 'snoozed'],
    ['a reply not yet handled', { inboxHold: REPLIED }, {}, 'email', 'replied'],
    ['a reply beats a snooze: the customer has answered since', { inboxHold: REPLIED, snoozed: true }, {}, 'email', 'replied'],
    ['the contact away', { inboxHold: AWAY }, {}, 'email', 'out_of_office'],
    ['a snooze beats an absence', { inboxHold: AWAY, snoozed: true }, {}, 'email', 'snoozed'],
    ['an absence beats stale data and the rhythm', { inboxHold: AWAY, recent: [sentBy(0)] }, { syncFresh: false }, 'email', 'out_of_office'],
    ['a reply pauses call tasks too', { inboxHold: REPLIED }, {}, 'call_task', 'replied'],
    ['an absence holds call tasks too', { inboxHold: AWAY }, {}, 'call_task', 'out_of_office'],
    ['stale data beats no address', { hasEmailContact: false }, { syncFresh: false }, 'email', 'stale_sync'],
    ['no address beats the rhythm', { hasEmailContact: false, recent: [sentBy(0)] }, {}, 'email', 'no_contact'],
    ['a call task needs no address', { hasEmailContact: false }, {}, 'call_task', null],
    ['a call task is not a message: no rhythm', { recent: [sentBy(0)] }, {}, 'call_task', null],
    ['a call task waits for fresh data too', {}, { syncFresh: false }, 'call_task', 'stale_sync'],
  ])('%s → %s', (_why, facts, rules, channel, expected) => {
    expect(customerHold(customer(facts), channel, { ...RULES, ...rules })).toBe(expected);
  });

  it('the collector may lift the rhythm, and nothing else', () => {
    expect(customerHold(customer({ recent: [sentBy(0)] }), 'email', RULES, true)).toBeNull();
    expect(customerHold(customer({ snoozed: true, recent: [sentBy(0)] }), 'email', RULES, true)).toBe('snoozed');
  });
});

describe('guardMessage', () => {
  const a = invoice(17, { invoiceId: 1, number: 'A' });
  const b = invoice(20, { invoiceId: 2, number: 'B', disputed: true });
  const c = invoice(-3, { invoiceId: 3, number: 'C' });

  it('keeps what may be chased, drops the rest with why', () => {
    expect(guardMessage({ customer: customer(), invoices: [a, b, c], rule: REMINDER, channel: 'email' }, RULES)).toEqual({
      invoices: [{ invoiceId: 1, number: 'A' }],
      dropped: [
        { invoiceId: 2, number: 'B', reason: 'disputed' },
        { invoiceId: 3, number: 'C', reason: 'wording' },
      ],
      lifted: [],
      held: null,
      recent: [],
    });
  });

  it('refuses a message left with nothing to remind about', () => {
    expect(guardMessage({ customer: customer(), invoices: [b], rule: REMINDER, channel: 'email' }, RULES).held).toBe('nothing_left');
    expect(guardMessage({ customer: customer(), invoices: [], rule: REMINDER, channel: 'email' }, RULES).held).toBe('nothing_left');
  });

  it('a confirmation chases nothing, so it is not refused for listing nothing', () => {
    expect(guardMessage({ customer: customer(), invoices: [], rule: PURPOSE_RULES.promise, channel: 'email' }, RULES).held).toBeNull();
  });

  it('a customer hold comes before "nothing left"', () => {
    expect(guardMessage({ customer: customer({ snoozed: true }), invoices: [b], rule: REMINDER, channel: 'email' }, RULES).held).toBe('snoozed');
  });

  it('a reply or an absence holds even a confirmation, and lifting the rhythm does not lift them', () => {
    for (const [inboxHold, held] of [
      [REPLIED, 'replied'],
      [AWAY, 'out_of_office'],
    ] as const) {
      const verdict = guardMessage(
        { customer: customer({ inboxHold }), invoices: [], rule: PURPOSE_RULES.promise, channel: 'email', override: { invoiceIds: new Set(), rhythm: true } },
        RULES,
      );
      expect(verdict).toMatchObject({ held, inboxHold });
    }
  });

  it('an invoice the collector kept despite its hold is listed and reported as lifted, never silently', () => {
    const verdict = guardMessage(
      { customer: customer(), invoices: [a, b, c], rule: REMINDER, channel: 'email', override: { invoiceIds: new Set([2, 3]), rhythm: false } },
      RULES,
    );
    expect(verdict.invoices.map((i) => i.number)).toEqual(['A', 'B']);
    expect(verdict.lifted).toEqual([{ invoiceId: 2, number: 'B', reason: 'disputed' }]);
    expect(verdict.dropped).toEqual([{ invoiceId: 3, number: 'C', reason: 'wording' }]);
  });

  it('reports other messages within the rhythm even when the rhythm is lifted', () => {
    const verdict = guardMessage(
      {
        customer: customer({ recent: [sentBy(0), sentBy(4)] }),
        invoices: [a],
        rule: REMINDER,
        channel: 'email',
        override: { invoiceIds: new Set(), rhythm: true },
      },
      RULES,
    );
    expect(verdict).toMatchObject({ held: null, recent: [sentBy(0)] });
  });
});
