import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../electron/core';
import { paymentQrPng } from '../../electron/core/mail/payment-qr';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * The outbox against a real SMTP server on 127.0.0.1: what arrives (content, headers, escaping), and
 * how refusals, hang-ups, throttling and duplicate queueing are handled.
 */
let t: TempCore;
let sink: SmtpSink;
let now: Date;

beforeEach(async () => {
  now = new Date('2026-11-22T15:00:00Z');
  t = tempCore(() => now);
  sink = await startSmtpSink();
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-customers.csv'), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
  await t.core.call('settings.smtp.save', {
    host: '127.0.0.1',
    port: sink.port,
    security: 'none',
    fromName: 'Dana Reyes',
    fromAddress: 'dana@northwind.example',
    replyTo: 'ar@northwind.example',
    bcc: 'erp@northwind.example',
  });
  await t.core.call('settings.outreach.save', {
    senderName: 'Dana Reyes',
    companyName: 'Northwind <Supplies> & Co',
    paymentUrlPattern: 'https://pay.northwind.example/{invoiceNumber}?amount={balance}',
    messagesPerMinute: 600,
  });
});
afterEach(async () => {
  await t.dispose();
  await sink.close();
});

const idOf = async (externalId: string) => (await t.core.call('customer.lookup', { externalId })).customerId;
const settled = async () => {
  await vi.waitFor(
    async () => {
      const counts = await t.core.call('outbox.counts', {});
      expect(counts.queued + counts.sending).toBe(0);
    },
    { timeout: 10_000, interval: 20 },
  );
  return t.core.call('outbox.list', {});
};
/** Several messages to one customer in a day: the contact rhythm (one a day by default) would hold all but the first. */
const noRhythm = async () => t.core.call('settings.outreach.save', { ...(await t.core.call('settings.outreach.get', {})), contactRhythmDays: 0 });
/** Moves the frozen clock past a retry's backoff; resuming wakes the sender to look again. */
const later = async (ms: number) => {
  now = new Date(now.getTime() + ms);
  await t.core.call('outbox.pause', { paused: false });
};

describe('outbox', () => {
  it('delivers one consolidated reminder with escaped values, both parts, headers and a recorded Message-ID', async () => {
    const acme = await idOf('C-001');
    const result = await t.core.call('outreach.queue', { messages: [{ customerId: acme, templateId: 'first-reminder' }] });
    expect(result).toMatchObject({ queued: 1, duplicates: [], skipped: [] });
    const [row] = await settled();
    expect(row).toMatchObject({ status: 'sent', to: 'jane.park@acme.example', attempts: 1, subject: 'Invoice 00123 is now past due' });
    expect(sink.received).toHaveLength(1);
    const { mail, envelopeTo } = sink.received[0]!;
    expect(mail.messageId).toBe(row!.messageId);
    expect(mail.from?.value).toEqual([{ name: 'Dana Reyes', address: 'dana@northwind.example' }]);
    expect(mail.replyTo?.text).toBe('ar@northwind.example');
    expect(envelopeTo).toEqual(['jane.park@acme.example', 'erp@northwind.example']);
    expect(mail.headers.get('bcc')).toBeUndefined();
    expect(mail.html).toContain('Northwind &lt;Supplies&gt; &amp; Co');
    expect(mail.html).toContain('<td style="padding:6px 8px;border-bottom:1px solid #e3e3e8;text-align:left">00123</td>');
    expect(mail.html).toContain('href="https:&#x2F;&#x2F;pay.northwind.example&#x2F;00123?amount&#x3D;12400.00"');
    expect(mail.text).toContain('Northwind <Supplies> & Co');
    expect(mail.text).toContain('pay online: https://pay.northwind.example/00123?amount=12400.00');
    expect(mail.text).toContain('$13,400.25');
    // The shipped first reminder shows the payment link as a QR code too.
    expect(mail.attachments.map((a) => a.cid)).toEqual(['inflow-payment-qr']);
    const timeline = await t.core.call('customer.timeline', { customerId: acme });
    expect(timeline[0]).toMatchObject({ kind: 'email', title: 'Email sent', detail: 'Invoice 00123 is now past due · to jane.park@acme.example' });
  });

  it('keeps the mailbox password out of the audit log and out of what the window reads', async () => {
    const smtp = await t.core.call('settings.smtp.get', {});
    await t.core.call('settings.smtp.save', { ...smtp!, password: 'hunter2-mailbox' });
    expect(await t.core.call('settings.smtp.get', {})).toMatchObject({ hasPassword: true });
    expect(JSON.stringify(await t.core.call('settings.smtp.get', {}))).not.toContain('hunter2-mailbox');
    expect(JSON.stringify(t.query('SELECT detail FROM audit_log'))).not.toContain('hunter2-mailbox');
  });

  it('never queues the same reminder twice', async () => {
    await noRhythm();
    const acme = await idOf('C-001');
    const draft = { customerId: acme, templateId: 'first-reminder' };
    await t.core.call('outreach.queue', { messages: [draft] });
    const again = await t.core.call('outreach.queue', { messages: [draft, draft] });
    expect(again).toMatchObject({ queued: 0, duplicates: [{ customerName: 'Acme Tools Ltd' }, { customerName: 'Acme Tools Ltd' }] });
    await settled();
    expect(sink.received).toHaveLength(1);
  });

  it('skips a customer without a valid address and says why', async () => {
    const cole = await idOf('C-003');
    const result = await t.core.call('outreach.queue', { messages: [{ customerId: cole, templateId: 'first-reminder' }] });
    expect(result).toMatchObject({
      queued: 0,
      skipped: [{ customerName: 'Cole Foods GmbH', reason: 'No contact with a valid email address.', hold: 'no_contact' }],
    });
  });

  it('retries a 4xx reply after a backoff and then delivers once', async () => {
    sink.replyTo((attempt) => (attempt === 0 ? { code: 451, message: 'Try again later' } : { accept: true }));
    await t.core.call('outreach.queue', { messages: [{ customerId: await idOf('C-001'), templateId: 'first-reminder' }] });
    await vi.waitFor(async () =>
      expect((await t.core.call('outbox.list', {}))[0]).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringContaining('Try again later') }),
    );
    expect(sink.received).toHaveLength(0);
    await later(31_000);
    expect((await settled())[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sink.received).toHaveLength(1);
  });

  it('retries when the server refuses the recipient for now (before any data is sent)', async () => {
    sink.refuseRecipients(1);
    await t.core.call('outreach.queue', { messages: [{ customerId: await idOf('C-001'), templateId: 'first-reminder' }] });
    await vi.waitFor(async () => expect((await t.core.call('outbox.list', {}))[0]).toMatchObject({ status: 'queued', attempts: 1 }));
    await later(31_000);
    expect((await settled())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it("fails for good on a 5xx reply, with the server's words", async () => {
    sink.replyTo(() => ({ code: 550, message: 'Mailbox does not exist' }));
    await t.core.call('outreach.queue', { messages: [{ customerId: await idOf('C-001'), templateId: 'first-reminder' }] });
    expect((await settled())[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('550 Mailbox does not exist') });
  });

  it('marks a message uncertain, never resends it, when the connection drops after the data went out', async () => {
    sink.replyTo((attempt) => (attempt === 0 ? { hangUp: true } : { accept: true }));
    await t.core.call('outreach.queue', { messages: [{ customerId: await idOf('C-001'), templateId: 'first-reminder' }] });
    const [row] = await settled();
    expect(row).toMatchObject({ status: 'uncertain', lastError: expect.stringContaining('Check your Sent folder') });
    await later(60 * 60_000);
    expect((await settled())[0]!.status).toBe('uncertain');
    // A person decides: send it again.
    await t.core.call('outbox.resolve', { messageId: row!.id, action: 'send_again' });
    expect((await settled())[0]!.status).toBe('sent');
    expect(sink.received).toHaveLength(1);
  });

  it('waits out a slow server', async () => {
    sink.replyTo(() => ({ accept: true, delayMs: 1500 }));
    await t.core.call('outreach.queue', { messages: [{ customerId: await idOf('C-001'), templateId: 'first-reminder' }] });
    expect((await settled()).map((r) => r.status)).toEqual(['sent']);
  });

  it('keeps to the configured rate', async () => {
    await t.core.call('settings.outreach.save', { ...(await t.core.call('settings.outreach.get', {})), messagesPerMinute: 120, contactRhythmDays: 0 });
    const acme = await idOf('C-001');
    await t.core.call('outreach.queue', {
      messages: ['first-reminder', 'second-reminder', 'manager-escalation'].map((templateId) => ({ customerId: acme, templateId })),
    });
    expect((await settled()).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    // 120 a minute is one every 500 ms, so the third send starts at least 1 s after the first. The
    // first transaction also paid for connecting, hence 800 ms; a lower bound a slow machine cannot fail.
    const [first, , third] = sink.transactions;
    expect(third! - first!).toBeGreaterThanOrEqual(800);
  });

  it('holds sends while the ERP data is stale', async () => {
    now = new Date('2026-11-26T15:00:00Z');
    await expect(t.core.call('outreach.queue', { messages: [{ customerId: await idOf('C-001'), templateId: 'first-reminder' }] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Refresh from the ERP before sending: the last sync is 4 days old (the limit is 2).',
    });
  });

  it('inlines the payment QR code and the video card a template shows, each with its Content-ID, drawn again after a restart', async () => {
    const acme = await idOf('C-001');
    await t.core.call('templates.save', {
      id: 'scan-to-pay',
      name: 'Scan to pay',
      purpose: 'reminder',
      tone: 'friendly',
      subject: 'Pay {{oldestInvoice.number}}',
      body: 'Hi {{contact.firstName}},\n\n{{{videoMemo}}}\n\n{{#paymentLink}}Scan to pay:\n\n{{{paymentQr}}}\n\nor open {{paymentLink}}{{/paymentLink}}',
    });
    // Queued while paused, sent by a core opened afresh: the row alone must be enough.
    await noRhythm();
    await t.core.call('outbox.pause', { paused: true });
    await t.core.call('outreach.queue', {
      messages: [
        { customerId: acme, templateId: 'scan-to-pay', videoMemoUrl: 'https://www.loom.com/share/abc' },
        { customerId: acme, templateId: 'second-reminder' },
      ],
    });
    await t.core.close();
    t.core = openCore({ dbPath: t.dbPath, key: t.key, clock: () => now });
    expect((await settled()).map((row) => row.status)).toEqual(['sent', 'sent']);

    const byTemplate = (subject: string) => sink.received.find((r) => r.mail.subject === subject)!;
    const link = 'https://pay.northwind.example/00123?amount=12400.00';
    const { mail: scan, raw } = byTemplate('Pay 00123');
    // The sink's parse swaps cid: references for data: URLs; read the HTML as sent.
    expect((await simpleParser(raw, { skipImageLinks: true })).html).toContain(
      '<img src="cid:inflow-payment-qr" alt="QR code for the payment link" width="120" height="120" border="0">',
    );
    expect(scan.text).not.toMatch(/cid:|<img/);
    expect(scan.text).toContain(`or open ${link}`);
    const images = Object.fromEntries(scan.attachments.map((a) => [a.cid, a]));
    expect(Object.keys(images).sort()).toEqual(['inflow-payment-qr', 'inflow-video-card']);
    expect(images['inflow-payment-qr']).toMatchObject({ contentType: 'image/png', contentDisposition: 'inline', filename: 'payment-qr.png' });
    expect(images['inflow-payment-qr']!.content.equals(await paymentQrPng(link))).toBe(true);
    expect(images['inflow-video-card']).toMatchObject({ contentType: 'image/png', filename: 'video-message.png' });
    // A template without either block carries no attachment at all.
    expect(byTemplate('Second reminder: $13,400.25 past due on your account').mail.attachments).toEqual([]);
  });
});
