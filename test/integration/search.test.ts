import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/** The palette's search over the book: customers by name or id, invoices by number, contacts. */
let t: TempCore;
beforeAll(async () => {
  t = tempCore();
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-customers.csv'), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
});
afterAll(() => t.dispose());

describe('search.find', () => {
  it('finds customers by name or id whatever the case, those starting with it first', async () => {
    const byName = await t.core.call('search.find', { query: 'acme' });
    expect(byName.customers.map((c) => c.externalId)).toEqual(['C-001']);
    expect((await t.core.call('search.find', { query: 'c-00' })).customers.map((c) => c.externalId)).toEqual(
      expect.arrayContaining(['C-001', 'C-002', 'C-003']),
    );
  });

  it('finds invoices by a part of their number, and contacts by name or email', async () => {
    const found = await t.core.call('search.find', { query: '0012' });
    expect(found.invoices.map((i) => i.number)).toContain('00123');
    const contact = (await t.core.call('contacts.list', { customerId: found.invoices[0]!.customerId }))[0]!;
    expect((await t.core.call('search.find', { query: contact.email!.toUpperCase() })).contacts.map((c) => c.contactId)).toContain(contact.id);
    expect((await t.core.call('search.find', { query: contact.name.slice(0, 4) })).contacts.map((c) => c.contactId)).toContain(contact.id);
  });

  it('takes % and _ as the characters they are, not as wildcards', async () => {
    expect(await t.core.call('search.find', { query: '%' })).toEqual({ customers: [], invoices: [], contacts: [] });
    expect(await t.core.call('search.find', { query: '_' })).toEqual({ customers: [], invoices: [], contacts: [] });
  });
});
