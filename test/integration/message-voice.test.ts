import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMAIL_STYLES } from '../../electron/core/mail/email-styles';
import { renderTemplate } from '../../electron/core/mail/template-render';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * Who a message is from, in what language and with which values: one sender per message (From,
 * body and signature agree), the customer's locale and template language, tidy punctuation around
 * merged values, and no message with a gap where a value should be.
 */
let t: TempCore;
let sink: SmtpSink;

const CUSTOMERS = `Customer ID,Name,Currency,Contact Name,Email,Country
UK-1,Harbor Print Ltd,GBP,Grace Murphy,grace@harbor.example,GB
DE-1,Granite Builders GmbH,EUR,Jonas Schmidt,jonas@granite.example,DE
FR-1,Orchid Dental S.A.,EUR,Chloé Dubois,chloe@orchid.example,FR
ES-1,Summit Media S.A.,EUR,Tomás García,tomas@summit.example,ES
US-1,Acme Supply Co.,USD,Jane Park,jane@acme.example,
US-2,Birch Goods Inc.,USD,Lee Park,lee@birch.example,
`;
const INVOICES = `Invoice Number,Customer ID,Issue Date,Due Date,Amount,Currency
UK-100,UK-1,2026-08-01,2026-08-31,12400.50,GBP
DE-100,DE-1,2026-08-01,2026-08-31,12400.50,EUR
FR-100,FR-1,2026-08-01,2026-08-31,12400.50,EUR
ES-100,ES-1,2026-08-01,2026-08-31,12400.50,EUR
US-100,US-1,2026-08-01,2026-08-31,12400.50,USD
US-200,US-2,2026-11-01,2026-11-26,500.00,USD
`;

beforeEach(async () => {
  t = tempCore(() => new Date('2026-11-22T15:00:00Z'));
  sink = await startSmtpSink();
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('customers.csv', CUSTOMERS), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('invoices.csv', INVOICES), preset: 'generic-invoices' });
  await t.core.call('settings.smtp.save', {
    host: '127.0.0.1',
    port: sink.port,
    security: 'none',
    fromName: 'Accounts Mailbox',
    fromAddress: 'ar@northwind.example',
  });
});
afterEach(async () => {
  await t.dispose();
  await sink.close();
});

const idOf = async (externalId: string) => (await t.core.call('customer.lookup', { externalId })).customerId;
const sent = async (count: number) => {
  await vi.waitFor(() => expect(sink.received).toHaveLength(count), { timeout: 10_000, interval: 20 });
  return sink.received;
};
const SIGNERS = {
  companyName: 'Northwind',
  senderName: 'Sam Carter',
  senderRole: 'Accounts Receivable',
  senderPhone: '+1 555 0101',
  managerName: 'Jordan Lee',
  managerRole: 'Finance Manager',
  managerPhone: '+1 555 0199',
  messagesPerMinute: 6000,
};

describe('one sender per message', () => {
  it("a manager escalation comes From the manager, quotes the manager's line and is signed by the manager", async () => {
    await t.core.call('settings.outreach.save', SIGNERS);
    const preview = await t.core.call('outreach.preview', {
      draft: { customerId: await idOf('US-1'), templateId: 'manager-escalation', senderRole: 'manager' },
    });
    expect(preview.from).toEqual({ name: 'Jordan Lee', address: 'ar@northwind.example' });
    await t.core.call('outreach.queue', { messages: [{ customerId: await idOf('US-1'), templateId: 'manager-escalation', senderRole: 'manager' }] });
    const [{ mail }] = (await sent(1)) as [(typeof sink.received)[0]];
    expect(mail.from?.value).toEqual([{ name: 'Jordan Lee', address: 'ar@northwind.example' }]);
    expect(mail.text).toContain('(my direct line is +1 555 0199)');
    expect(mail.text).toMatch(/Regards,\nJordan Lee\nFinance Manager, Northwind\n$/);
    expect(mail.text).not.toMatch(/Sam Carter|555 0101/);
  });

  it("with no manager named, the collector sends it whole: name, title and phone all the collector's", async () => {
    await t.core.call('settings.outreach.save', { ...SIGNERS, managerName: '', managerPhone: '' });
    await t.core.call('outreach.queue', { messages: [{ customerId: await idOf('US-1'), templateId: 'manager-escalation', senderRole: 'manager' }] });
    const [{ mail }] = (await sent(1)) as [(typeof sink.received)[0]];
    expect(mail.from?.value).toEqual([{ name: 'Sam Carter', address: 'ar@northwind.example' }]);
    expect(mail.text).toContain('(my direct line is +1 555 0101)');
    expect(mail.text).toMatch(/Sam Carter\nAccounts Receivable, Northwind\n$/);
    expect(mail.text).not.toMatch(/Jordan|Finance Manager/);
  });

  it('a collector step is From the collector, whatever the mailbox is called', async () => {
    await t.core.call('settings.outreach.save', SIGNERS);
    await t.core.call('outreach.queue', { messages: [{ customerId: await idOf('US-1'), templateId: 'first-reminder' }] });
    const [{ mail }] = (await sent(1)) as [(typeof sink.received)[0]];
    expect(mail.from?.value).toEqual([{ name: 'Sam Carter', address: 'ar@northwind.example' }]);
    expect(mail.text).toMatch(/Sam Carter\nAccounts Receivable, Northwind\n$/);
  });
});

describe('punctuation around merged values', () => {
  it('a name ending in a full stop ends the sentence once', async () => {
    await t.core.call('settings.outreach.save', { ...SIGNERS, companyName: 'Acme Supply Co.' });
    // A note before the due date: US-2's invoice falls due in four days.
    const preview = await t.core.call('outreach.preview', { draft: { customerId: await idOf('US-2'), templateId: 'value-delivered' } });
    expect(preview.text).toContain('Thank you for working with Acme Supply Co. Before');
    expect(preview.html).toContain('Thank you for working with Acme Supply Co. Before');
    expect(preview.text).not.toContain('Co..');
    // Elsewhere the name keeps its own full stop.
    expect(preview.text).toContain('Accounts Receivable, Acme Supply Co.\n');
  });

  it('keeps an ellipsis and trims stray space; a subject never starts with punctuation', () => {
    const email = renderTemplate(
      { subject: '{{company.name}}: invoice {{oldestInvoice.number}}', body: 'At {{company.name}}... and {{customer.name}}.' },
      { fields: { 'company.name': '', 'oldestInvoice.number': 'INV-1', 'customer.name': '  Acme Supply Co. ' }, blocks: {} },
    );
    expect(email.subject).toBe('invoice INV-1');
    expect(email.text).toBe('At ... and Acme Supply Co.\n');
  });
});

describe('no message with gaps', () => {
  it('without a company or sender name the preview and the send are refused, naming the fields', async () => {
    const draft = { customerId: await idOf('US-1'), templateId: 'manager-escalation' };
    await expect(t.core.call('outreach.preview', { draft })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining("{{company.name}}, {{sender.name}} are empty: fill in Company, the sender's name in Settings → Email"),
      details: { missing: ['company.name', 'sender.name'] },
    });
    await expect(t.core.call('outreach.queue', { messages: [draft] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Before the first send'),
    });
    await t.core.call('settings.outreach.save', { companyName: 'Northwind', senderName: 'Sam Carter', senderRole: '' });
    // A title cleared in the settings would leave ", Northwind" under every message: the batch is refused.
    await expect(t.core.call('outreach.queue', { messages: [draft] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('{{sender.role}} is empty'),
    });
    expect(t.query('SELECT id FROM outbox_messages')).toEqual([]);
  });

  it('a value this customer lacks skips its message with the field named, and the others go', async () => {
    await t.core.call('settings.outreach.save', SIGNERS);
    const result = await t.core.call('outreach.queue', {
      messages: [
        { customerId: await idOf('US-1'), templateId: 'broken-promise' },
        { customerId: await idOf('UK-1'), templateId: 'first-reminder' },
      ],
    });
    expect(result).toMatchObject({
      queued: 1,
      skipped: [{ customerName: 'Acme Supply Co.', reason: expect.stringContaining('{{promise.amount}}, {{promise.date}} have no value for this customer') }],
    });
    await sent(1);
  });
});

describe("the customer's locale and language", () => {
  beforeEach(() => t.core.call('settings.outreach.save', SIGNERS));

  it.each([
    ['UK-1', 'en', 'Invoice UK-100 is now past due', ['31 Aug 2026', '£12,400.50'], 'Kind regards'],
    ['DE-1', 'de', 'Zahlungserinnerung: Rechnung DE-100 ist überfällig', ['31.08.2026', '12.400,50\u00a0€', 'Tage überfällig'], 'Mit freundlichen Grüßen'],
    ['FR-1', 'fr', 'Rappel : facture FR-100 échue', ['31 août 2026', '12\u202f400,50\u00a0€', 'Jours de retard'], 'Bien cordialement'],
    ['ES-1', 'es', 'Recordatorio: la factura ES-100 está vencida', ['31 ago 2026', '12.400,50\u00a0€', 'Días de retraso'], 'Un cordial saludo'],
    ['US-1', 'en', 'Invoice US-100 is now past due', ['Aug 31, 2026', '$12,400.50'], 'Kind regards'],
  ])('%s gets the %s reminder with its own dates and amounts', async (customer, language, subject, formats, closing) => {
    const preview = await t.core.call('outreach.preview', { draft: { customerId: await idOf(customer), templateId: 'first-reminder' } });
    expect(preview).toMatchObject({ language, subject });
    for (const text of formats) expect(preview.text).toContain(text);
    expect(preview.text).toContain(closing);
  });

  it("the customer page's locale wins over the country, and clearing it goes back to the country's", async () => {
    const id = await idOf('DE-1');
    expect((await t.core.call('customer.summary', { customerId: id })).messageLocale).toBe('de-DE');
    expect(await t.core.call('customer.setLocale', { customerId: id, locale: 'en-GB' })).toEqual({ locale: 'en-GB', messageLocale: 'en-GB' });
    expect((await t.core.call('outreach.preview', { draft: { customerId: id, templateId: 'first-reminder' } })).text).toContain('31 Aug 2026');
    expect(await t.core.call('customer.setLocale', { customerId: id, locale: null })).toEqual({ locale: null, messageLocale: 'de-DE' });
    await expect(t.core.call('customer.setLocale', { customerId: id, locale: 'german' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('a language Inflow has no templates in gets English words in its own formats', async () => {
    const id = await idOf('DE-1');
    await t.core.call('customer.setLocale', { customerId: id, locale: 'nl-NL' });
    const preview = await t.core.call('outreach.preview', { draft: { customerId: id, templateId: 'first-reminder' } });
    expect(preview).toMatchObject({ language: 'en', subject: 'Invoice DE-100 is now past due' });
    expect(preview.text).toContain('31 aug 2026');
  });

  it('the message that goes out is the one previewed: German, From the collector', async () => {
    await t.core.call('outreach.queue', { messages: [{ customerId: await idOf('DE-1'), templateId: 'first-reminder' }] });
    const [{ mail }] = (await sent(1)) as [(typeof sink.received)[0]];
    expect(mail.subject).toBe('Zahlungserinnerung: Rechnung DE-100 ist überfällig');
    expect(mail.html).toContain(`<th style="${EMAIL_STYLES.cell}">Rechnung</th>`);
  });
});
