import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { formatMoney } from '../../shared/money';
import { pdfText } from '../helpers/pdf-tools';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * A reminder whose template asks for the statement (issue 23): the PDF is made when the email goes,
 * from the book as it stands then, and arrives as an attachment a PDF reader shows with the right
 * balance. A payment that lands between queueing and sending is on it.
 */
let t: TempCore;
let sink: SmtpSink;
const now = new Date('2026-11-22T15:00:00Z');

beforeEach(async () => {
  t = tempCore(() => now);
  sink = await startSmtpSink();
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-customers.csv'), preset: 'generic-customers' });
  await t.core.call('import.run', {
    jobId: JOB(),
    preset: 'generic-invoices',
    fileId: t.stageText(
      'i.csv',
      'Invoice Number,Customer ID,Issue Date,Due Date,Amount,Open Balance,Currency\nS-1,C-001,2026-08-01,2026-08-31,1200.00,1200.00,USD\nS-2,C-001,2026-09-15,2026-10-15,345.67,345.67,USD\n',
    ),
  });
  await t.core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  await t.core.call('settings.outreach.save', { senderName: 'Dana Reyes', companyName: 'Northwind', messagesPerMinute: 600, contactRhythmDays: 0 });
});
afterEach(async () => {
  await t.dispose();
  await sink.close();
});

const totalDue = (text: string): string | undefined => text.split('\n').find((line) => line.includes('Total due USD'));

it('attaches the statement made at send time, with a payment made after queueing on it', async () => {
  const template = (await t.core.call('templates.list', { language: 'en' })).find((one) => one.id === 'first-reminder')!;
  expect(template.attachStatement).toBe(false);
  await t.core.call('templates.save', { ...template, attachStatement: true });
  expect((await t.core.call('templates.list', { language: 'en' })).find((one) => one.id === 'first-reminder')?.attachStatement).toBe(true);

  await t.core.call('outbox.pause', { paused: true });
  const { customerId } = await t.core.call('customer.lookup', { externalId: 'C-001' });
  expect((await t.core.call('outreach.queue', { messages: [{ customerId, templateId: 'first-reminder' }] })).queued).toBe(1);
  // Queued at 1,545.67 owed; 200.00 paid on S-1 before the email goes.
  await t.core.call('import.run', {
    jobId: JOB(),
    preset: 'generic-payments',
    fileId: t.stageText('p.csv', 'Payment ID,Customer ID,Date,Amount,Invoice Number,Currency,Method,Reference\nP-9,C-001,2026-11-21,200.00,S-1,USD,ACH,\n'),
  });
  // The template changing after queueing does not change the queued message.
  await t.core.call('templates.save', { ...template, attachStatement: false });
  await t.core.call('outbox.pause', { paused: false });
  await vi.waitFor(() => expect(sink.received).toHaveLength(1), { timeout: 15_000, interval: 50 });

  const pdfs = sink.received[0]!.mail.attachments.filter((file) => file.contentType === 'application/pdf');
  expect(pdfs.map((file) => file.filename)).toEqual(['statement-C-001-2026-11-22.pdf']);
  const pdf = pdfs[0]!.content;
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(pdf);
  expect(totalDue(text)).toContain(formatMoney(134_567, 'USD', 'en-US'));
  expect(text).toContain('S-2');
  await vi.waitFor(async () => expect((await t.core.call('outbox.list', {})).map((row) => row.status)).toEqual(['sent']));
});

it('sends no attachment for a template that does not ask for one', async () => {
  const { customerId } = await t.core.call('customer.lookup', { externalId: 'C-001' });
  await t.core.call('outreach.queue', { messages: [{ customerId, templateId: 'first-reminder' }] });
  await vi.waitFor(() => expect(sink.received).toHaveLength(1), { timeout: 15_000, interval: 50 });
  expect(sink.received[0]!.mail.attachments.filter((file) => file.contentType === 'application/pdf')).toEqual([]);
});
