import { describe, expect, it } from 'vitest';
import { evaluateLadder } from '../../electron/core/outreach/ladder-evaluation';
import type { LadderCustomer, LadderInvoice, LadderPolicy } from '../../shared/outreach/ladder';

const AS_OF = '2026-11-22';
const step = (id: string, offsetDays: number, channel: LadderPolicy['steps'][number]['channel'] = 'email') =>
  ({ id, label: id, offsetDays, channel, templateId: id, senderRole: 'collector', tone: 'firm' }) as const;
const standard: LadderPolicy = {
  id: 'standard', name: 'Standard', segments: [],
  // Deliberately out of order: evaluation sorts by offset.
  steps: [step('first', 1), step('pre', -3), step('second', 15), step('call', 21, 'call_task'), step('final', 45, 'letter')],
};
const strategic: LadderPolicy = { id: 'soft', name: 'Strategic', segments: ['Strategic'], steps: [step('gentle', 10)] };

let nextId = 1;
function invoice(dueDate: string, overrides: Partial<LadderInvoice> = {}): LadderInvoice {
  const id = nextId++;
  return { invoiceId: id, number: `INV-${id}`, dueDate, currency: 'USD', openMinor: 10_000, status: 'open', inTransit: false, disputed: false, promised: false, inPlan: false, doneStepIds: [], ...overrides };
}
function customer(invoices: LadderInvoice[], overrides: Partial<LadderCustomer> = {}): LadderCustomer {
  return { customerId: 1, externalId: 'C-1', segment: null, snoozed: false, hasEmailContact: true, invoices, ...overrides };
}
const run = (customers: LadderCustomer[], syncFresh = true) => evaluateLadder(customers, [standard, strategic], AS_OF, { syncFresh });
const stepOf = (inv: LadderInvoice, overrides: Partial<LadderCustomer> = {}) => {
  const result = run([customer([inv], overrides)]);
  return result.messages[0]?.invoices[0]?.stepId ?? null;
};

describe('evaluateLadder: which step is due', () => {
  it.each([
    ['not yet at the pre-due step (due in 5 days)', invoice('2026-11-27'), null],
    ['the pre-due nudge, 3 days before due', invoice('2026-11-25'), 'pre'],
    ['exactly on the first reminder day', invoice('2026-11-21'), 'first'],
    ['catch-up: first reminder was due 3 days ago and never sent', invoice('2026-11-18', { doneStepIds: ['pre'] }), 'first'],
    ['no repeat: first taken, second not reached', invoice('2026-11-18', { doneStepIds: ['pre', 'first'] }), null],
    ['two missed steps: only the later one', invoice('2026-11-05'), 'second'],
    ['never backwards: a later step taken, an earlier one never', invoice('2026-11-05', { doneStepIds: ['second'] }), null],
    ['a non-email step goes out without an email contact', invoice('2026-10-30', { doneStepIds: ['second'] }), 'call'],
  ])('%s', (_why, inv, expected) => {
    expect(stepOf(inv, { hasEmailContact: inv.doneStepIds.includes('second') ? false : true })).toBe(expected);
  });

  it('reports the steps a catch-up makes moot, so they are never sent later', () => {
    const inv = invoice('2026-11-05', { doneStepIds: ['pre'] });
    expect(run([customer([inv])]).messages[0]!.skipped).toEqual([{ invoiceId: inv.invoiceId, stepId: 'first' }]);
  });
});

describe('evaluateLadder: auto-stop', () => {
  it.each([
    ['paid', { status: 'paid' as const, openMinor: 0 }, {}],
    ['paid', { openMinor: 0 }, {}],
    ['in_transit', { inTransit: true }, {}],
    ['disputed', { disputed: true }, {}],
    ['promise', { promised: true }, {}],
    ['plan', { inPlan: true }, {}],
    ['snoozed', {}, { snoozed: true }],
    ['no_contact', {}, { hasEmailContact: false }],
    ['paid', { status: 'paid' as const, disputed: true, promised: true }, { snoozed: true }],
    ['disputed', { disputed: true, promised: true, inPlan: true }, {}],
  ])('%s', (reason, invoiceFacts, customerFacts) => {
    const inv = invoice('2026-11-10', invoiceFacts);
    const result = run([customer([inv], customerFacts)]);
    expect(result.messages).toEqual([]);
    expect(result.excluded).toEqual([{ customerId: 1, customerExternalId: 'C-1', invoiceId: inv.invoiceId, number: inv.number, stepId: 'first', reason }]);
  });

  it('holds everything when the ERP data is stale', () => {
    const result = run([customer([invoice('2026-11-10'), invoice('2026-10-01')])], false);
    expect(result.messages).toEqual([]);
    expect(result.excluded.map((e) => e.reason)).toEqual(['stale_sync', 'stale_sync']);
  });

  it('lists nothing for an invoice with no due step, however it stands', () => {
    expect(run([customer([invoice('2026-12-20', { disputed: true })])])).toEqual({ asOf: AS_OF, messages: [], excluded: [] });
  });
});

describe('evaluateLadder: consolidation and policies', () => {
  it('sends one message per customer, at its most advanced step, listing every invoice with its own step', () => {
    const a = invoice('2026-11-20');
    const b = invoice('2026-11-05', { doneStepIds: ['pre', 'first'] });
    const c = invoice('2026-11-19');
    const disputed = invoice('2026-11-02', { disputed: true });
    const result = run([customer([a, b, c, disputed])]);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatchObject({ policyId: 'standard', step: { id: 'second' } });
    expect(result.messages[0]!.invoices).toEqual([
      { invoiceId: b.invoiceId, number: b.number, stepId: 'second' },
      { invoiceId: c.invoiceId, number: c.number, stepId: 'first' },
      { invoiceId: a.invoiceId, number: a.number, stepId: 'first' },
    ]);
    expect(result.excluded.map((e) => [e.number, e.reason])).toEqual([[disputed.number, 'disputed']]);
  });

  it('uses the segment policy, the default otherwise, and skips a customer no policy covers', () => {
    const inv = invoice('2026-11-10');
    expect(run([customer([inv], { segment: 'Strategic' })]).messages[0]).toMatchObject({ policyId: 'soft', step: { id: 'gentle' } });
    expect(run([customer([inv], { segment: 'SMB' })]).messages[0]).toMatchObject({ policyId: 'standard', step: { id: 'first' } });
    expect(evaluateLadder([customer([inv], { segment: 'SMB' })], [strategic], AS_OF, { syncFresh: true }).messages).toEqual([]);
  });

  it('orders messages by customer and exclusions by customer, due date and number', () => {
    const result = run([
      customer([invoice('2026-11-10', { disputed: true, number: 'B' }), invoice('2026-11-10', { disputed: true, number: 'A' })], { customerId: 2, externalId: 'C-2' }),
      customer([invoice('2026-11-10')], { customerId: 3, externalId: 'C-10' }),
      customer([invoice('2026-11-12')], { customerId: 1, externalId: 'C-1' }),
    ]);
    expect(result.messages.map((m) => m.customerExternalId)).toEqual(['C-1', 'C-10']);
    expect(result.excluded.map((e) => e.number)).toEqual(['A', 'B']);
  });
});
