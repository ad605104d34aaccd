import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

let t: TempCore;
beforeEach(async () => {
  t = tempCore();
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-customers.csv'), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
});
afterEach(() => t.dispose());

const acmeId = async () => (await t.core.call('customer.lookup', { externalId: 'C-001' })).customerId;

describe('customer page', () => {
  it('summarises balances, terms, limit and how late the customer pays', async () => {
    const birch = (await t.core.call('customer.lookup', { externalId: 'C-002' })).customerId;
    // 00126: $500 due 05-31, settled 06-10 → 10 days late.
    expect(await t.core.call('customer.summary', { customerId: birch })).toMatchObject({
      name: 'Birch & Co',
      termsDays: 45,
      creditLimitMinor: 1_000_000,
      openMinor: 815_000,
      overdueMinor: 815_000,
      oldestDaysPastDue: 144,
      averageDaysLate: 10,
    });
    const acme = await t.core.call('customer.summary', { customerId: await acmeId() });
    expect(acme.averageDaysLate).toBeNull();
    // 00123 $12,400 due 08-31 (83 days) and 00124 $1,000.25 due 10-15 (38 days), as of 2026-11-22.
    expect(acme.aging).toMatchObject([{ currency: 'USD', current: 0, d31_60: 100_025, d61_90: 1_240_000, total: 1_340_025 }]);
  });

  it('lists open invoices with their ids, and marks those under dispute', async () => {
    const acme = await acmeId();
    const open = await t.core.call('customer.invoices', { customerId: acme, openOnly: true });
    expect(open.map((i) => i.number)).toEqual(['00123', '00124']);
    await t.core.call('activity.openDispute', { customerId: acme, invoiceIds: [open[0]!.id], reasonCode: 'quality' });
    expect((await t.core.call('customer.invoices', { customerId: acme, openOnly: true })).map((i) => i.disputed)).toEqual([true, false]);
  });

  it('adds and edits contacts with one primary, keeping the old values in the audit trail', async () => {
    const acme = await acmeId();
    const { contactId } = await t.core.call('contacts.save', { customerId: acme, name: 'Sam Lee', email: 'sam@acme.example', role: 'ap', isPrimary: true });
    await t.core.call('contacts.save', {
      customerId: acme,
      contactId,
      name: 'Sam Lee',
      email: 'sam.lee@acme.example',
      role: 'ap',
      isPrimary: true,
      status: 'bounced',
    });
    const contacts = await t.core.call('contacts.list', { customerId: acme });
    expect(contacts.filter((c) => c.isPrimary).map((c) => c.name)).toEqual(['Sam Lee']);
    expect(contacts.find((c) => c.id === contactId)).toMatchObject({ email: 'sam.lee@acme.example', status: 'bounced' });
    await expect(t.core.call('contacts.save', { customerId: acme, name: 'X', email: 'not-an-email', role: 'billing' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const edits = t.query<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'contact_saved.create' ORDER BY id");
    expect(JSON.parse(edits[1]!.detail)).toMatchObject({
      before: { email: 'sam@acme.example', status: 'valid' },
      after: { email: 'sam.lee@acme.example', status: 'bounced' },
    });
  });

  it('hands a customer over to another collector with a note on the timeline', async () => {
    const acme = await acmeId();
    expect(await t.core.call('customers.collectors', {})).toEqual(['Dana', 'Lee']);
    // A name nobody has is a typo until the collector is added on purpose.
    await expect(t.core.call('customer.assign', { customerId: acme, collector: 'Lee Okoro', note: 'Covering while Dana is away' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await t.core.call('customers.collectors', {})).toEqual(['Dana', 'Lee']);
    await t.core.call('customer.assign', { customerId: acme, collector: 'Lee Okoro', newCollector: true, note: 'Covering while Dana is away' });
    expect(await t.core.call('customers.collectors', {})).toContain('Lee Okoro');
    expect((await t.core.call('customer.summary', { customerId: acme })).collector).toBe('Lee Okoro');
    expect((await t.core.call('customer.timeline', { customerId: acme }))[0]).toMatchObject({
      kind: 'assignment',
      detail: 'Dana → Lee Okoro · Covering while Dana is away',
    });
    expect((await t.core.call('worklist.list', { collector: 'Lee Okoro' })).rows.map((r) => r.externalId)).toEqual(['C-001']);
  });
});
