import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/** Today's list beside the queue: what falls due today and what was done, ticked as the day goes. */
let t: TempCore;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-22T15:00:00Z');
  t = tempCore(() => now);
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
});
afterEach(() => t.dispose());

const idOf = async (externalId: string) => (await t.core.call('customers.list', { asOf: '2026-11-22' })).find((c) => c.externalId === externalId)!.id;
/** Cole's ladder call step is due from the start: each test reads the items of its own customer. */
const today = async (customerId: number) => (await t.core.call('worklist.today', {})).items.filter((item) => item.customerId === customerId);

describe('the Today list', () => {
  it('lists a worked customer as done at once, and counts it done today', async () => {
    const acme = await idOf('C-001');
    expect(await today(acme)).toEqual([]);
    await t.core.call('activity.addNote', { customerId: acme, text: 'Left a message with reception' });
    expect(await today(acme)).toMatchObject([{ customerId: acme, kind: 'worked', detail: 'Note added', done: true }]);
    expect((await t.core.call('worklist.list', {})).doneToday).toBe(1);
  });

  it('shows a follow-up on its day, not done until the customer is worked, and back in the queue', async () => {
    const birch = await idOf('C-002');
    await t.core.call('activity.logCall', { customerId: birch, outcome: 'left_voicemail', notes: 'Call back about 00124', followUpDate: '2026-11-24' });
    now = new Date('2026-11-24T09:00:00Z');
    expect(await today(birch)).toMatchObject([
      { customerId: birch, kind: 'follow_up', detail: 'Follow up: Call back about 00124', dueDate: '2026-11-24', done: false },
    ]);
    expect((await t.core.call('worklist.list', {})).rows.map((r) => r.customerId)).toContain(birch);
    await t.core.call('activity.logCall', { customerId: birch, outcome: 'reached' });
    expect(await today(birch)).toMatchObject([{ customerId: birch, kind: 'follow_up', done: true }]);
    expect((await t.core.call('worklist.list', {})).rows.map((r) => r.customerId)).not.toContain(birch);
  });

  it('shows a promise falling due today with its amount, done once the customer is worked', async () => {
    const cole = await idOf('C-003');
    await t.core.call('activity.recordPromise', { customerId: cole, amountMinor: 100_000, currency: 'EUR', promisedDate: '2026-11-25' });
    now = new Date('2026-11-25T09:00:00Z');
    const promiseItem = async () => (await today(cole)).find((item) => item.kind === 'promise_due');
    expect(await promiseItem()).toMatchObject({ customerId: cole, detail: 'Promise due', amountMinor: 100_000, currency: 'EUR', done: false });
    await t.core.call('activity.addNote', { customerId: cole, text: 'Payment run is tonight' });
    expect(await promiseItem()).toMatchObject({ done: true });
  });

  it("lists only the chosen collector's customers, and nothing for a collector with none", async () => {
    const acme = await idOf('C-001');
    const birch = await idOf('C-002');
    await t.core.call('customer.assign', { customerId: acme, collector: 'Maya Ortiz', newCollector: true });
    await t.core.call('activity.addNote', { customerId: acme, text: 'Left a message with reception' });
    await t.core.call('activity.addNote', { customerId: birch, text: 'Sent the statement again' });
    const everyone = (await t.core.call('worklist.today', {})).items.map((item) => item.customerId);
    expect(everyone).toEqual(expect.arrayContaining([acme, birch]));
    const mayas = (await t.core.call('worklist.today', { collector: 'Maya Ortiz' })).items.map((item) => item.customerId);
    expect(new Set(mayas)).toEqual(new Set([acme]));
    expect((await t.core.call('worklist.today', { collector: 'Nobody Yet' })).items).toEqual([]);
  });
});
