import { describe, expect, it } from 'vitest';
import { evaluateLadder } from '../../electron/core/ladder/ladder-evaluation';
import { addDays, type IsoDate } from '../../shared/dates';
import type { Wording } from '../../shared/outreach/guard';
import type { ExclusionReason, LadderChannel, LadderCustomer, LadderInvoice, LadderPolicy, LadderStep } from '../../shared/outreach/ladder';

const AS_OF: IsoDate = '2026-11-22';

const step = (id: string, offsetDays: number, channel: LadderChannel = 'email', over: Partial<LadderStep> = {}): LadderStep => ({
  id,
  label: id,
  offsetDays,
  channel,
  templateId: id,
  senderRole: 'collector',
  tone: 'firm',
  ...over,
});

const STANDARD: LadderPolicy = {
  id: 'standard',
  name: 'Standard',
  segments: [],
  // Saved out of order on purpose: the ladder follows offsetDays, not array order.
  steps: [
    step('second-reminder', 15),
    step('friendly-nudge', -3, 'email', { tone: 'friendly' }),
    step('first-reminder', 1, 'email', { tone: 'friendly' }),
    step('call', 21, 'call_task'),
    step('manager-escalation', 30, 'email', { senderRole: 'manager' }),
    step('agency-referral', 60, 'agency_referral', { senderRole: 'manager', tone: 'final' }),
    step('final-notice', 45, 'letter', { senderRole: 'manager', tone: 'final' }),
  ],
};
const LADDER = [...STANDARD.steps].sort((a, b) => a.offsetDays - b.offsetDays).map((s) => s.id);
/** Every standard step up to and including `id`, as if each had been taken. */
const doneThrough = (id: string): string[] => LADDER.slice(0, LADDER.indexOf(id) + 1);

const STRATEGIC: LadderPolicy = {
  id: 'strategic',
  name: 'Strategic accounts',
  segments: ['Strategic', 'Enterprise'],
  steps: [step('account-manager', 30, 'email', { senderRole: 'manager' }), step('courtesy-call', 10, 'call_task')],
};

let nextInvoiceId = 1;
/** An open invoice `daysPastDue` days past due as of AS_OF (negative: not due yet). */
function invoice(daysPastDue: number, over: Partial<LadderInvoice> = {}): LadderInvoice {
  const invoiceId = nextInvoiceId++;
  return {
    invoiceId,
    number: `INV-${1000 + invoiceId}`,
    dueDate: addDays(AS_OF, -daysPastDue),
    currency: 'USD',
    openMinor: 125_000,
    status: 'open',
    inTransit: false,
    disputed: false,
    promised: false,
    inPlan: false,
    doneStepIds: [],
    lastStepTakenOn: null,
    ...over,
  };
}
function customer(invoices: LadderInvoice[], over: Partial<LadderCustomer> = {}): LadderCustomer {
  return { customerId: 1, externalId: 'C-1', name: 'Customer One', segment: null, snoozed: false, inboxHold: null, hasEmailContact: true, invoices, ...over };
}
/** The nudge speaks of invoices not yet due; every other template here of invoices past due. */
const wordingOf = (templateId: string): Wording => (templateId === 'friendly-nudge' ? 'before_due' : 'past_due');
const evaluate = (customers: LadderCustomer[], { policies = [STANDARD, STRATEGIC], syncFresh = true, rhythmDays = 1 } = {}) =>
  evaluateLadder(customers, policies, AS_OF, { syncFresh, rhythmDays, wordingOf });

describe('evaluateLadder: the step an invoice is at', () => {
  it.each<[string, number, string[], string | null, string[]]>([
    ['nothing before the first pre-due step', -4, [], null, []],
    ['the pre-due nudge fires 3 days before the due date', -3, [], 'friendly-nudge', []],
    ['a pre-due nudge missed is still due on the due date', 0, [], 'friendly-nudge', []],
    ['the first reminder on its exact day', 1, ['friendly-nudge'], 'first-reminder', []],
    ['catch-up: the first reminder was due 3 days ago and never taken', 4, ['friendly-nudge'], 'first-reminder', []],
    ['two missed steps: only the later one, the earlier is skipped', 16, ['friendly-nudge'], 'second-reminder', ['first-reminder']],
    [
      'never on the ladder, long overdue: only the furthest step',
      31,
      [],
      'manager-escalation',
      ['friendly-nudge', 'first-reminder', 'second-reminder', 'call'],
    ],
    [
      'never on the ladder: it never opens with a final step, however late',
      90,
      [],
      'manager-escalation',
      ['friendly-nudge', 'first-reminder', 'second-reminder', 'call'],
    ],
    ['no repeat: the first reminder is taken and the next is not reached', 4, doneThrough('first-reminder'), null, []],
    ['the next step on its day once the previous was taken', 15, doneThrough('first-reminder'), 'second-reminder', []],
    ['never backwards: a later step taken, an earlier one never', 16, ['second-reminder'], null, []],
    ['past a gap, forwards only: the passed-over step is not skipped again', 22, ['second-reminder'], 'call', []],
    ['a taken id the policy no longer has does not block the ladder', 2, ['retired-step'], 'first-reminder', ['friendly-nudge']],
    ['nothing once the last step is taken', 400, LADDER, null, []],
  ])('%s', (_why, daysPastDue, doneStepIds, expected, skipped) => {
    const inv = invoice(daysPastDue, { doneStepIds });
    const [message] = evaluate([customer([inv])]).messages;
    expect(message?.invoices).toEqual(expected === null ? undefined : [{ invoiceId: inv.invoiceId, number: inv.number, stepId: expected }]);
    expect(message?.step.id ?? null).toBe(expected);
    expect(message?.skipped ?? []).toEqual(skipped.map((stepId) => ({ invoiceId: inv.invoiceId, stepId })));
  });
});

describe('evaluateLadder: spacing from the day a step was actually taken', () => {
  it.each<[string, number, number, string | null]>([
    // The first reminder (day 1) was taken late; the second (day 15) keeps its 14 days from then.
    ['13 days after a late first reminder: not yet', 30, 13, null],
    ['14 days after it: the second reminder', 30, 14, 'second-reminder'],
    ['taken on time, the next step falls on its own day', 15, 14, 'second-reminder'],
  ])('%s', (_why, daysPastDue, daysSinceTaken, expected) => {
    const inv = invoice(daysPastDue, { doneStepIds: doneThrough('first-reminder'), lastStepTakenOn: addDays(AS_OF, -daysSinceTaken) });
    expect(evaluate([customer([inv])]).messages[0]?.step.id ?? null).toBe(expected);
  });

  it('a final step follows a taken one once its spacing has passed', () => {
    const inv = invoice(90, { doneStepIds: doneThrough('manager-escalation'), lastStepTakenOn: addDays(AS_OF, -15) });
    expect(evaluate([customer([inv])]).messages.map((m) => m.step.id)).toEqual(['final-notice']);
  });
});

describe('evaluateLadder: auto-stop', () => {
  // Each invoice would be at 'second-reminder' (an email step) if nothing held it back.
  it.each<[string, ExclusionReason, Partial<LadderInvoice>, Partial<LadderCustomer>, boolean]>([
    ['paid', 'paid', { status: 'paid', openMinor: 0 }, {}, true],
    ['closed in the ERP', 'paid', { status: 'closed' }, {}, true],
    ['open but nothing left to pay', 'paid', { openMinor: 0 }, {}, true],
    ['a payment in transit', 'in_transit', { inTransit: true }, {}, true],
    ['disputed', 'disputed', { disputed: true }, {}, true],
    ['a running promise to pay', 'promise', { promised: true }, {}, true],
    ['in a payment plan', 'plan', { inPlan: true }, {}, true],
    ['a snoozed customer', 'snoozed', {}, { snoozed: true }, true],
    ['stale ERP data', 'stale_sync', {}, {}, false],
    ['no email contact for an email step', 'no_contact', {}, { hasEmailContact: false }, true],
    // Precedence: the first reason in the order above wins.
    ['paid and disputed', 'paid', { status: 'paid', openMinor: 0, disputed: true }, {}, true],
    [
      'paid, with every other reason too',
      'paid',
      { status: 'paid', inTransit: true, disputed: true, promised: true, inPlan: true },
      { snoozed: true, hasEmailContact: false },
      false,
    ],
    ['in transit and disputed', 'in_transit', { inTransit: true, disputed: true }, {}, true],
    ['disputed, promised and in a plan', 'disputed', { disputed: true, promised: true, inPlan: true }, {}, true],
    ['promised and in a plan', 'promise', { promised: true, inPlan: true }, {}, true],
    ['in a plan and snoozed', 'plan', { inPlan: true }, { snoozed: true }, true],
    ['snoozed on stale data', 'snoozed', {}, { snoozed: true }, false],
    ['stale data and no email contact', 'stale_sync', {}, { hasEmailContact: false }, false],
  ])('%s → %s', (_why, reason, invoiceFacts, customerFacts, syncFresh) => {
    const inv = invoice(16, { doneStepIds: doneThrough('first-reminder'), ...invoiceFacts });
    const result = evaluate([customer([inv], customerFacts)], { syncFresh });
    expect(result.messages).toEqual([]);
    expect(result.excluded).toEqual([
      {
        customerId: 1,
        customerExternalId: 'C-1',
        customerName: 'Customer One',
        invoiceId: inv.invoiceId,
        number: inv.number,
        policyId: 'standard',
        stepId: 'second-reminder',
        reason,
      },
    ]);
  });

  it.each<[string, number, string, LadderChannel]>([
    ['a call task', 21, 'second-reminder', 'call_task'],
    ['a letter', 45, 'manager-escalation', 'letter'],
    ['an agency referral', 60, 'final-notice', 'agency_referral'],
  ])('no_contact is for email only: %s goes out without an email contact', (_why, daysPastDue, lastTaken, channel) => {
    const result = evaluate([customer([invoice(daysPastDue, { doneStepIds: doneThrough(lastTaken) })], { hasEmailContact: false })]);
    expect(result.excluded).toEqual([]);
    expect(result.messages[0]!.step.channel).toBe(channel);
  });

  it('holds everything while the ERP data is stale, whatever the channel', () => {
    const result = evaluate(
      [
        customer([invoice(-3), invoice(22, { doneStepIds: doneThrough('second-reminder') })], { customerId: 1, externalId: 'C-1' }),
        customer([invoice(45, { doneStepIds: doneThrough('manager-escalation') })], { customerId: 2, externalId: 'C-2', hasEmailContact: false }),
      ],
      { syncFresh: false },
    );
    expect(result.messages).toEqual([]);
    expect(result.excluded.map((e) => [e.customerExternalId, e.stepId, e.reason])).toEqual([
      ['C-1', 'call', 'stale_sync'],
      ['C-1', 'friendly-nudge', 'stale_sync'],
      ['C-2', 'final-notice', 'stale_sync'],
    ]);
  });

  it('lists an invoice with no due step nowhere, however it stands', () => {
    const result = evaluate([
      customer([invoice(-10, { disputed: true }), invoice(20, { status: 'paid', openMinor: 0, doneStepIds: doneThrough('second-reminder') })]),
    ]);
    expect(result).toEqual({ asOf: AS_OF, messages: [], excluded: [] });
  });
});

describe('evaluateLadder: one message per customer and channel', () => {
  it('lists every invoice with its own step; the most advanced step speaks for the message', () => {
    const recent = invoice(2, { doneStepIds: ['friendly-nudge'] });
    const older = invoice(16, { doneStepIds: doneThrough('first-reminder') });
    const middle = invoice(5, { doneStepIds: ['friendly-nudge'] });
    const run = evaluate([customer([recent, older, middle])]);
    expect(run.messages).toHaveLength(1);
    expect(run.messages[0]).toEqual({
      customerId: 1,
      customerExternalId: 'C-1',
      customerName: 'Customer One',
      policyId: 'standard',
      step: STANDARD.steps.find((s) => s.id === 'second-reminder'),
      invoices: [
        { invoiceId: older.invoiceId, number: older.number, stepId: 'second-reminder' },
        { invoiceId: middle.invoiceId, number: middle.number, stepId: 'first-reminder' },
        { invoiceId: recent.invoiceId, number: recent.number, stepId: 'first-reminder' },
      ],
      skipped: [],
    });
  });

  it('a held-back invoice neither joins the message nor sets its step', () => {
    const chased = invoice(4, { doneStepIds: ['friendly-nudge'] });
    const disputed = invoice(31, { disputed: true });
    const run = evaluate([customer([chased, disputed])]);
    expect(run.messages.map((m) => [m.step.id, m.invoices.map((i) => i.invoiceId)])).toEqual([['first-reminder', [chased.invoiceId]]]);
    expect(run.excluded.map((e) => [e.invoiceId, e.stepId, e.reason])).toEqual([[disputed.invoiceId, 'manager-escalation', 'disputed']]);
  });

  it('steps on different channels make one message per channel: a call task is never folded into an email', () => {
    const email = invoice(4, { doneStepIds: ['friendly-nudge'] });
    const call = invoice(22, { doneStepIds: ['friendly-nudge'] });
    const messages = evaluate([customer([email, call])]).messages;
    expect(messages.map((m) => [m.step.id, m.step.channel, m.invoices.map((i) => i.invoiceId)])).toEqual([
      ['first-reminder', 'email', [email.invoiceId]],
      ['call', 'call_task', [call.invoiceId]],
    ]);
    expect(messages[1]!.skipped).toEqual([
      { invoiceId: call.invoiceId, stepId: 'first-reminder' },
      { invoiceId: call.invoiceId, stepId: 'second-reminder' },
    ]);
  });
});

describe('evaluateLadder: policy choice', () => {
  it.each<[string, string | null, LadderPolicy[], string | null, string | null]>([
    ['a segment named by a policy uses it', 'Enterprise', [STANDARD, STRATEGIC], 'strategic', 'courtesy-call'],
    ['any segment a policy lists counts', 'Strategic', [STANDARD, STRATEGIC], 'strategic', 'courtesy-call'],
    ['another segment falls back to the default', 'SMB', [STANDARD, STRATEGIC], 'standard', 'second-reminder'],
    ['no segment falls back to the default', null, [STRATEGIC, STANDARD], 'standard', 'second-reminder'],
    ['no policy applies: the customer is skipped', 'SMB', [STRATEGIC], null, null],
    ['no segment and no default: skipped', null, [STRATEGIC], null, null],
  ])('%s', (_why, segment, policies, policyId, stepId) => {
    const run = evaluate([customer([invoice(16), invoice(16, { disputed: true })], { segment })], { policies });
    expect(run.messages.map((m) => [m.policyId, m.step.id])).toEqual(policyId === null ? [] : [[policyId, stepId]]);
    // A skipped customer is not "held back" either: nothing applies to it at all.
    expect(run.excluded.map((e) => e.stepId)).toEqual(stepId === null ? [] : [stepId]);
  });
});

describe('evaluateLadder: deterministic output', () => {
  const customers = (): LadderCustomer[] => [
    customer([invoice(16, { number: 'B-2' }), invoice(20, { number: 'C-1' }), invoice(16, { number: 'A-9' })], { customerId: 7, externalId: 'C-2' }),
    customer([invoice(5, { disputed: true, number: 'Z-1' }), invoice(9, { disputed: true, number: 'Y-1' }), invoice(5, { disputed: true, number: 'X-1' })], {
      customerId: 3,
      externalId: 'C-10',
    }),
    customer([invoice(2, { number: 'D-1' })], { customerId: 9, externalId: 'C-1' }),
    customer([invoice(3, { promised: true, number: 'E-1' })], { customerId: 4, externalId: 'c-0' }),
  ];

  it('orders messages by customer, their invoices by due date then number, exclusions by customer, due date, number', () => {
    const run = evaluate(customers());
    // Plain code-unit order, the same on every machine: 'C-10' before 'C-2', lower case after upper case.
    expect(run.messages.map((m) => [m.customerExternalId, m.invoices.map((i) => i.number)])).toEqual([
      ['C-1', ['D-1']],
      ['C-2', ['C-1', 'A-9', 'B-2']],
    ]);
    expect(run.excluded.map((e) => [e.customerExternalId, e.number])).toEqual([
      ['C-10', 'Y-1'],
      ['C-10', 'X-1'],
      ['C-10', 'Z-1'],
      ['c-0', 'E-1'],
    ]);
  });

  it('gives the same run whatever order the facts arrive in', () => {
    const forwards = customers();
    const backwards = forwards.map((c) => ({ ...c, invoices: [...c.invoices].reverse() })).reverse();
    expect(evaluate(backwards)).toEqual(evaluate(forwards));
  });
});

describe('evaluateLadder: the right words for each invoice on the send day', () => {
  // The nudge (-3) speaks of invoices not yet due; the first reminder (+1) of invoices past due.
  it.each<[string, number, string[], string | null, string[]]>([
    ['3 days before: the nudge', -3, [], 'friendly-nudge', []],
    ['on the due date: still the nudge', 0, [], 'friendly-nudge', []],
    ['a day late, the nudge never sent: the first reminder, the nudge passed over', 1, [], 'first-reminder', ['friendly-nudge']],
    ['2 days late, the nudge never sent: never the nudge (seen: 8 of 21 went out)', 2, [], 'first-reminder', ['friendly-nudge']],
  ])('%s', (_why, daysPastDue, doneStepIds, expected, skipped) => {
    const inv = invoice(daysPastDue, { doneStepIds });
    const [message] = evaluate([customer([inv])]).messages;
    expect(message?.step.id ?? null).toBe(expected);
    expect(message?.skipped.map((s) => s.stepId) ?? []).toEqual(skipped);
  });

  it('a nudge whose only window has passed waits for the next step instead of going late', () => {
    const late: LadderPolicy = {
      ...STANDARD,
      steps: [step('friendly-nudge', -3, 'email', { tone: 'friendly' }), step('first-reminder', 5, 'email', { tone: 'friendly' })],
    };
    const inv = invoice(2);
    expect(evaluate([customer([inv])], { policies: [late] })).toEqual({ asOf: AS_OF, messages: [], excluded: [] });
    const atReminder = invoice(5);
    expect(evaluate([customer([atReminder])], { policies: [late] }).messages.map((m) => [m.step.id, m.skipped.map((s) => s.stepId)])).toEqual([
      ['first-reminder', ['friendly-nudge']],
    ]);
  });

  it('a past-due reminder never lists an invoice not yet due: its nudge waits for the next day, one message a day', () => {
    const overdue = invoice(16, { doneStepIds: doneThrough('first-reminder') });
    const soon = invoice(-3);
    const run = evaluate([customer([overdue, soon])]);
    expect(run.messages.map((m) => [m.step.id, m.invoices.map((i) => i.invoiceId)])).toEqual([['second-reminder', [overdue.invoiceId]]]);
    expect(run.excluded.map((e) => [e.invoiceId, e.stepId, e.reason])).toEqual([[soon.invoiceId, 'friendly-nudge', 'rhythm']]);
  });

  it('with no contact rhythm, the invoices whose words differ make a message of their own', () => {
    const overdue = invoice(16, { doneStepIds: doneThrough('first-reminder') });
    const soon = invoice(-3);
    const run = evaluate([customer([overdue, soon])], { rhythmDays: 0 });
    expect(run.messages.map((m) => [m.step.id, m.invoices.map((i) => i.invoiceId)])).toEqual([
      ['second-reminder', [overdue.invoiceId]],
      ['friendly-nudge', [soon.invoiceId]],
    ]);
  });
});

describe('evaluateLadder: the contact rhythm', () => {
  it('holds every email invoice of a customer emailed today, by any path; a call task still goes', () => {
    const email = invoice(4, { doneStepIds: ['friendly-nudge'] });
    const call = invoice(22, { doneStepIds: ['friendly-nudge'] });
    const run = evaluate([customer([email, call], { recent: [{ on: AS_OF, by: 'manual', label: 'First reminder' }] })]);
    expect(run.messages.map((m) => m.step.channel)).toEqual(['call_task']);
    expect(run.excluded.map((e) => [e.invoiceId, e.reason])).toEqual([[email.invoiceId, 'rhythm']]);
  });

  it('a message yesterday does not hold today at one a day', () => {
    const run = evaluate([
      customer([invoice(4, { doneStepIds: ['friendly-nudge'] })], { recent: [{ on: addDays(AS_OF, -1), by: 'ladder', label: 'Friendly nudge' }] }),
    ]);
    expect(run.messages.map((m) => m.step.id)).toEqual(['first-reminder']);
  });
});
