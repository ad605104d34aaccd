import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * A promise recorded with no invoice ticked (seen: `p`, 5000, nothing ticked, and the same day the
 * ladder sent a manager escalation and the customer stayed near the top of the queue) is the
 * customer's word on the whole account: it holds the ladder and the queue until its date.
 */
let t: TempCore;
let now: Date;
let acme: number;

beforeEach(async () => {
  now = new Date('2026-11-22T09:00:00Z');
  t = tempCore(() => now);
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-customers.csv'), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
  acme = (await t.core.call('customer.lookup', { externalId: 'C-001' })).customerId;
});
afterEach(() => t.dispose());

const inQueue = async () => (await t.core.call('worklist.list', { limit: 1000 })).rows.filter((r) => r.customerId === acme);
const acmeInLadder = async () => {
  const run = await t.core.call('ladder.run', { dryRun: true });
  return {
    messages: run.messages.filter((m) => m.customerExternalId === 'C-001').map((m) => m.step.id),
    held: run.excluded.filter((e) => e.customerExternalId === 'C-001').map((e) => [e.number, e.reason]),
  };
};
/** Another day, with the ERP data read again that day (the ladder holds on stale data). */
const onDay = async (iso: string) => {
  now = new Date(`${iso}T09:00:00Z`);
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
};

describe('a promise with no invoice ticked', () => {
  it('covers every open invoice: the ladder holds them, the customer leaves the queue until the promised day', async () => {
    expect(await inQueue()).toHaveLength(1);
    expect(await acmeInLadder()).toEqual({ messages: ['manager'], held: [] });
    await t.core.call('activity.recordPromise', { customerId: acme, amountMinor: 500_000, currency: 'USD', promisedDate: '2026-11-27' });

    expect((await t.core.call('customer.invoices', { customerId: acme, openOnly: true })).map((i) => [i.number, i.promised])).toEqual([
      ['00123', true],
      ['00124', true],
    ]);
    expect(await acmeInLadder()).toEqual({
      messages: [],
      held: [
        ['00123', 'promise'],
        ['00124', 'promise'],
      ],
    });
    expect(await inQueue()).toEqual([]);
    const preview = await t.core.call('outreach.preview', { draft: { customerId: acme, templateId: 'second-reminder' } });
    expect(preview).toMatchObject({
      subject: '',
      text: '',
      guard: { held: 'nothing_left' },
      heldMessage: 'Nothing left to remind about: 00123 promised, 00124 promised.',
    });

    // The promised day: back in the queue to check the money came; the ladder still waits out the grace days.
    await onDay('2026-11-27');
    expect((await inQueue())[0]!.reasons.map((r) => r.code)).toContain('promise_due');
    expect((await acmeInLadder()).messages).toEqual([]);
    // Grace (2 days) over and nothing paid: broken, and the ladder chases again.
    await onDay('2026-11-30');
    expect((await inQueue())[0]!.reasons.map((r) => r.code)).toContain('promise_broken');
    expect((await acmeInLadder()).messages).toEqual(['manager']);
  });

  it('covers the invoices of its currency open when it was made, not one issued later', async () => {
    await t.core.call('activity.recordPromise', { customerId: acme, amountMinor: 500_000, currency: 'USD', promisedDate: '2026-12-15' });
    await onDay('2026-11-25');
    await t.core.call('import.run', {
      jobId: JOB(),
      preset: 'generic-invoices',
      fileId: t.stageText(
        'later.csv',
        'Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Currency\n00200,C-001,Acme Tools Ltd,2026-11-24,2026-11-28,250.00,USD\n',
      ),
    });
    expect((await t.core.call('customer.invoices', { customerId: acme, openOnly: true })).map((i) => [i.number, i.promised])).toEqual([
      ['00123', true],
      ['00124', true],
      ['00200', false],
    ]);
    const run = await t.core.call('ladder.run', { dryRun: true });
    expect(run.messages.filter((m) => m.customerExternalId === 'C-001').map((m) => [m.step.id, m.invoices.map((i) => i.number)])).toEqual([
      ['pre-due', ['00200']],
    ]);
  });

  it('a promise naming invoices covers only those, and the customer comes back to the queue for the rest', async () => {
    const [oldest] = await t.core.call('customer.invoices', { customerId: acme, openOnly: true });
    await t.core.call('activity.recordPromise', {
      customerId: acme,
      amountMinor: 1_240_000,
      currency: 'USD',
      promisedDate: '2026-11-27',
      invoiceIds: [oldest!.id],
    });
    expect(await acmeInLadder()).toEqual({ messages: ['manager'], held: [['00123', 'promise']] });
    // Recording the promise worked the account today; on the promised day it is back for what the promise left out.
    expect(await inQueue()).toHaveLength(0);
    await onDay('2026-11-27');
    expect(await inQueue()).toHaveLength(1);
  });
});
