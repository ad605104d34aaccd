import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { inboxHolds } from '../../electron/core/inbox/inbox-holds';
import { openDatabase } from '../../electron/db/open';
import { startDovecot, withImap, type Dovecot } from '../helpers/dovecot';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * The Inbox against a real IMAP server (Dovecot on 127.0.0.1) and a real SMTP server: a reminder
 * goes out, the customer's reply, a bounce and an out-of-office answer land in the mailbox, and one
 * fetch reads, matches and acts on each, once.
 */
let dovecot: Dovecot;
let t: TempCore;
let sink: SmtpSink;
let folder: string;
let folders = 0;
const corpus = join(import.meta.dirname, '..', 'fixtures', 'inbox-corpus');

beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(() => dovecot.stop());

const imap = <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => withImap(dovecot, work);

const deliver = (raw: string | Buffer) => imap((client) => client.append(folder, raw));

beforeEach(async () => {
  // The test reads the mailbox when it says so: no watcher reading it meanwhile.
  t = tempCore(() => new Date('2026-11-22T15:00:00Z'), { watchInbox: false });
  sink = await startSmtpSink();
  folders += 1;
  folder = `Test${folders}`;
  await imap((client) => client.mailboxCreate(folder));
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-customers.csv'), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
  await t.core.call('settings.smtp.save', {
    host: '127.0.0.1',
    port: sink.port,
    security: 'none',
    fromName: 'Dana Reyes',
    fromAddress: 'dana@northwind.example',
  });
  await t.core.call('settings.outreach.save', { senderName: 'Dana Reyes', companyName: 'Northwind', messagesPerMinute: 600 });
  await t.core.call('inbox.settings.save', { host: '127.0.0.1', port: dovecot.port, security: 'none', user: dovecot.user, password: dovecot.password, folder });
});
afterEach(async () => {
  await t.dispose();
  await sink.close();
});

async function sendReminder(externalId: string) {
  const { customerId } = await t.core.call('customer.lookup', { externalId });
  await t.core.call('outreach.queue', { messages: [{ customerId, templateId: 'first-reminder' }] });
  await vi.waitFor(() => expect(sink.received).toHaveLength(1), { timeout: 10_000, interval: 20 });
  return { customerId, sent: sink.received[0]! };
}

function replyTo(messageId: string, from: string, body: string, extra = ''): string {
  return [
    `From: Jane Park <${from}>`,
    'To: dana@northwind.example',
    'Subject: RE: Invoice 00123 is now past due',
    `Message-ID: <reply-${Math.random().toString(36).slice(2)}@acme.example>`,
    `In-Reply-To: ${messageId}`,
    `References: ${messageId}`,
    'Date: Mon, 23 Nov 2026 09:30:00 +0000',
    ...(extra ? [extra] : []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

describe('inbox over IMAP', () => {
  it('threads a reply to the reminder it answers, pauses nothing twice, and reads each message once', async () => {
    const { customerId, sent } = await sendReminder('C-001');
    const messageId = sent.mail.messageId!;
    // The reminder as the customer's mail program received it, then their reply to it.
    await deliver(
      replyTo(messageId, 'jane.park@acme.example', 'We paid this yesterday, remittance attached.\r\n\r\n> ' + sent.mail.text!.split('\n').join('\n> ')),
    );
    const first = await t.core.call('inbox.fetch', {});
    expect(first).toEqual({ fetched: 1, matched: 1, unmatched: 0, bounces: 0, autoReplies: 0, replies: 1 });
    const [item] = await t.core.call('inbox.list', {});
    expect(item).toMatchObject({ kind: 'reply', customerId, matchedBy: 'thread', state: 'open' });
    expect(item!.reading.reply).toMatchObject({ intent: 'paid' });
    expect(item!.summary).toContain('says paid');
    const timeline = await t.core.call('customer.timeline', { customerId });
    expect(timeline[0]).toMatchObject({ kind: 'email_received', title: 'Email received', inboxId: item!.id });
    // The customer who wrote back tops the queue until the reply is handled.
    const queue = await t.core.call('worklist.list', {});
    expect(queue.rows[0]!.customerId).toBe(customerId);
    expect(queue.rows[0]!.reasons[0]).toEqual({ code: 'replied', at: '2026-11-23T09:30:00.000Z' });
    const db = openDatabase(t.dbPath, t.key);
    try {
      expect(inboxHolds(db.sqlite, '2026-11-23', customerId).get(customerId)).toEqual({ reason: 'replied', since: '2026-11-23T09:30:00.000Z' });
    } finally {
      await db.close();
    }
    await t.core.call('inbox.handle', { id: item!.id, action: 'in_transit' });
    expect((await t.core.call('worklist.list', {})).rows.find((r) => r.customerId === customerId)?.reasons.map((r) => r.code)).not.toContain('replied');
    // The reminder's copy is in the account's Sent folder, once, under its own Message-ID.
    const copies = await imap(async (client) => {
      const lock = await client.getMailboxLock('Sent');
      try {
        return await client.search({ header: { 'message-id': messageId } }, { uid: true });
      } finally {
        lock.release();
      }
    });
    expect(copies).toHaveLength(1);
    // Read again: nothing new, nothing doubled.
    expect(await t.core.call('inbox.fetch', {})).toMatchObject({ fetched: 0 });
    expect(t.query<{ n: number }>('SELECT count(*) AS n FROM inbox_messages')[0]!.n).toBe(1);
  });

  it('marks a permanently bounced contact, holds the ladder for an absence, and lists the unmatched', async () => {
    const { customerId, sent } = await sendReminder('C-001');
    const bounce = readFileSync(join(corpus, 'sisimai', 'lhost-postfix-01.eml'), 'latin1')
      .replace(/r@p351355\.pool\.example\.ne\.jp/g, 'jane.park@acme.example')
      .replace('Message-Id: <', `In-Reply-To: ${sent.mail.messageId}\nMessage-Id: <`);
    await deliver(bounce);
    await deliver(
      replyTo(
        sent.mail.messageId!,
        'jane.park@acme.example',
        'I am out of the office until 30 November. For urgent matters please contact Tom Lee (tom.lee@acme.example).',
        'Auto-Submitted: auto-replied',
      ),
    );
    await deliver(
      ['From: someone@elsewhere.example', 'To: dana@northwind.example', 'Subject: Question', 'Message-ID: <q1@elsewhere.example>', '', 'Who are you?', ''].join(
        '\r\n',
      ),
    );
    const result = await t.core.call('inbox.fetch', {});
    expect(result).toEqual({ fetched: 3, matched: 2, unmatched: 1, bounces: 1, autoReplies: 1, replies: 1 });
    const contacts = await t.core.call('contacts.list', { customerId });
    expect(contacts.find((c) => c.email === 'jane.park@acme.example')).toMatchObject({ status: 'bounced' });
    const all = await t.core.call('inbox.list', { all: true });
    const ooo = all.find((i) => i.kind === 'auto_reply')!;
    expect(ooo.reading.autoReply).toMatchObject({ returnDate: '2026-11-30', alternative: { name: 'Tom Lee', email: 'tom.lee@acme.example' } });
    expect(ooo.reading.actions).toContain('holds the ladder until 2026-12-01');
    // The ladder waits for the absent contact until the day after the return date.
    const db = openDatabase(t.dbPath, t.key);
    try {
      expect(inboxHolds(db.sqlite, '2026-11-22', customerId).get(customerId)).toEqual({ reason: 'out_of_office', until: '2026-12-01' });
      expect(inboxHolds(db.sqlite, '2026-12-01', customerId).get(customerId)).toBeUndefined();
    } finally {
      await db.close();
    }
    const unmatched = await t.core.call('inbox.list', { filter: 'unmatched' });
    expect(unmatched).toHaveLength(1);
    const assigned = await t.core.call('inbox.assign', { id: unmatched[0]!.id, customerId });
    expect(assigned).toMatchObject({ customerId, matchedBy: 'assigned' });
  });
});
