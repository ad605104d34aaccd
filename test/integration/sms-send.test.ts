import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../shared/outreach/outbox';
import { TwilioProvider } from '../../electron/core/sms/twilio-provider';
import { tempCore, type TempCore } from '../helpers/temp-core';
import { ACCOUNT_SID, AUTH_TOKEN, MESSAGING_SERVICE_SID, SENDER, SHORT_DOMAIN, startTwilioStandIn, type TwilioStandIn } from '../helpers/twilio-server';

/**
 * Texts end to end against a stand-in of Twilio's REST API over real HTTP: the guard's text holds,
 * sending and its faults (opt-out and invalid-number refusals, 429 with Retry-After, a 500 after the
 * message was created, no answer), delivery statuses and replies read back, and the token following
 * its account. The clock runs from Monday 2026-11-23 15:00 UTC (10:00 in New York).
 */
const START = Date.parse('2026-11-23T15:00:00Z');
const began = Date.now();
const clock = (): Date => new Date(START + (Date.now() - began));

let t: TempCore;
let api: TwilioStandIn;
let customerId: number;
let contactId: number;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 400; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out waiting');
}

/** A port nothing listens on (fetch refuses some well-known ones outright). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const outbox = (): Promise<OutboxMessage[]> => t.core.call('outbox.list', { limit: 100 });
const settled = (): Promise<OutboxMessage[]> => until(outbox, (rows) => rows.every((row) => row.status !== 'queued' && row.status !== 'sending'));

beforeEach(async () => {
  api = await startTwilioStandIn({ now: clock, hangMs: 2000 });
  t = tempCore(clock);
  await t.core.call('sample.load', {});
  await t.core.call('settings.outreach.save', {
    ...(await t.core.call('settings.outreach.get', {})),
    senderName: 'Dana Reyes',
    companyName: 'Northwind',
    contactRhythmDays: 0,
  });
  await t.core.call('settings.sms.save', {
    provider: { provider: 'twilio', baseUrl: api.url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, sender: SENDER },
    rules: {
      sendingHours: { start: '09:00', end: '19:00', days: [1, 2, 3, 4, 5] },
      defaultTimeZone: 'America/New_York',
      requireConsent: true,
      messagesPerMinute: 6000,
      pollSeconds: 3600,
    },
  });
  const [row] = (await t.core.call('worklist.list', { limit: 1 })).rows;
  customerId = row!.customerId;
  contactId = (await t.core.call('contacts.save', { customerId, name: 'Jane Park', phone: '(415) 555-2671', role: 'billing', isPrimary: true })).contactId;
  await t.core.call('customer.setTimeZone', { customerId, timeZone: 'America/New_York' });
});

afterEach(async () => {
  await t.dispose();
  await api.close();
});

const draft = () => ({ customerId, templateId: 'payment-link' });

describe('the send guard for texts', () => {
  it('holds a text without consent, names why, and lets it go once consent is recorded', async () => {
    const held = await t.core.call('sms.preview', { draft: draft() });
    expect(held.hold).toBe('no_consent');
    expect(held.reach?.skipped).toContainEqual({ contactId, name: 'Jane Park', reason: 'no consent to texts on file' });
    await t.core.call('contacts.smsConsent', { contactId, consent: true, note: 'Agreed on the phone' });
    const preview = await t.core.call('sms.preview', { draft: draft() });
    expect(preview.hold).toBeNull();
    expect(preview.to).toEqual({ contactId, name: 'Jane Park', number: '+14155552671' });
    expect(preview.text).toMatch(/^Hi Jane, this is Dana Reyes from Northwind\. \d+ invoice\(s\) totalling \$[\d,.]+ are past due\./);
    expect(preview.segments).toMatchObject({ encoding: 'GSM-7' });
    // No signer's phone in the settings: no "call me on ." with a hole in it.
    expect(preview.text).not.toMatch(/ on \./);
    expect(preview.segments.segments).toBeGreaterThanOrEqual(1);
  });

  it('holds outside the customer sending hours and when a landline is the only number', async () => {
    await t.core.call('contacts.smsConsent', { contactId, consent: true, note: '' });
    await t.core.call('customer.setTimeZone', { customerId, timeZone: 'Asia/Tokyo' });
    const night = await t.core.call('sms.preview', { draft: draft() });
    expect(night.hold).toBe('quiet_hours');
    expect(night.reach?.opensAt).toBe('2026-11-24T00:00:00.000Z');
    const queued = await t.core.call('sms.queue', { messages: [draft()] });
    expect(queued).toMatchObject({ queued: 0, skipped: [{ hold: 'quiet_hours' }] });
    await t.core.call('customer.setTimeZone', { customerId, timeZone: 'America/New_York' });
    await t.core.call('contacts.save', { customerId, contactId, name: 'Jane Park', phone: '+49 30 123456', role: 'billing', isPrimary: true });
    expect((await t.core.call('sms.preview', { draft: draft() })).hold).toBe('no_mobile');
    expect(api.creates).toBe(0);
  });

  it('writes no text when every past-due invoice is disputed, whatever else holds it: no disputed sum in a preview', async () => {
    await t.core.call('contacts.smsConsent', { contactId, consent: true, note: '' });
    const today = new Date(clock()).toISOString().slice(0, 10);
    const pastDue = (await t.core.call('customer.invoices', { customerId, openOnly: true })).filter((invoice) => invoice.dueDate < today);
    await t.core.call('activity.openDispute', { customerId, invoiceIds: pastDue.map((invoice) => invoice.id), reasonCode: 'pricing' });
    const nothing = await t.core.call('sms.preview', { draft: draft() });
    expect(nothing).toMatchObject({ hold: 'nothing_left', text: '', segments: { units: 0 } });
    // Another hold first (the customer's night): still no text listing the disputed balance.
    await t.core.call('customer.setTimeZone', { customerId, timeZone: 'Asia/Tokyo' });
    expect(await t.core.call('sms.preview', { draft: draft() })).toMatchObject({ hold: 'quiet_hours', text: '' });
  });
});

describe('sending', () => {
  beforeEach(async () => {
    await t.core.call('contacts.smsConsent', { contactId, consent: true, note: 'Signed form' });
  });

  it('a text counts towards the contact rhythm, and an email preview says the customer was texted', async () => {
    await t.core.call('settings.outreach.save', { ...(await t.core.call('settings.outreach.get', {})), contactRhythmDays: 1 });
    expect((await t.core.call('sms.queue', { messages: [draft()] })).queued).toBe(1);
    await settled();
    const email = await t.core.call('outreach.preview', { draft: { customerId, templateId: 'first-reminder' } });
    expect(email.guard).toMatchObject({ held: 'rhythm', recent: [{ by: 'manual', label: 'Text: payment link', channel: 'sms' }] });
    expect(email.heldMessage).toBe('Also texted today by a manual send (Text: payment link): one message a day per customer.');
  });

  it('sends once, records the provider id, follows delivery and shows both on the timeline', async () => {
    const first = await t.core.call('sms.queue', { messages: [draft()] });
    expect(first.queued).toBe(1);
    const [sent] = await settled();
    expect(sent).toMatchObject({ status: 'sent', to: '+14155552671', subject: 'Text: payment link' });
    expect(api.messages).toHaveLength(1);
    expect(api.messages[0]).toMatchObject({ from: SENDER, to: '+14155552671' });
    // The same text the same day is a duplicate, never a second message.
    expect(await t.core.call('sms.queue', { messages: [draft()] })).toMatchObject({ queued: 0, duplicates: [{ customerId }] });
    api.setStatus(api.messages[0]!.sid, 'delivered');
    expect(await t.core.call('sms.poll', {})).toMatchObject({ statuses: 1 });
    const timeline = await t.core.call('customer.timeline', { customerId, limit: 50 });
    expect(timeline.find((entry) => entry.kind === 'sms')?.detail).toMatch(/^to \+14155552671 · delivered · “Hi Jane/);
  });

  it('sends a short payment link through the Messaging Service’s link shortening, and only through one', async () => {
    const pattern = 'https://pay.northwind.example/portal/customers/{customerId}/invoices/{invoiceNumber}?amount={balance}&currency={currency}';
    await t.core.call('settings.outreach.save', { ...(await t.core.call('settings.outreach.get', {})), paymentUrlPattern: pattern });
    const provider = { provider: 'twilio' as const, baseUrl: api.url, accountSid: ACCOUNT_SID, shortenLinks: true };
    await expect(t.core.call('settings.sms.save', { provider: { ...provider, sender: SENDER } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Messaging Service/),
    });
    await t.core.call('settings.sms.save', { provider: { ...provider, sender: MESSAGING_SERVICE_SID } });
    await t.core.call('sms.queue', { messages: [draft()] });
    const [sent] = await settled();
    expect(sent).toMatchObject({ status: 'sent' });
    // The outbox keeps the link as written; the customer's phone gets the provider's short one.
    expect(api.messages).toHaveLength(1);
    expect(api.messages[0]!.body).toMatch(new RegExp(`Pay here: https://${SHORT_DOMAIN.replaceAll('.', '\\.')}/[0-9a-f]{10} `));
    expect(api.messages[0]!.body).not.toContain('pay.northwind.example');
  });

  it('marks the contact opted out on a 21610 refusal and on a STOP reply; a reply pauses the ladder', async () => {
    api.optedOut.add('+14155552671');
    await t.core.call('sms.queue', { messages: [draft()] });
    const [refused] = await settled();
    expect(refused).toMatchObject({ status: 'failed' });
    expect(refused!.lastError).toMatch(/opted out.*21610/);
    expect((await t.core.call('sms.preview', { draft: draft() })).hold).toBe('opted_out');

    await t.core.call('contacts.smsConsent', { contactId, consent: true, note: 'Asked to be texted again' });
    api.receive('+14155552671', 'Paid it this morning');
    api.receive('+14155552671', 'Stop');
    api.receive('+14155559999', 'who is this?');
    expect(await t.core.call('sms.poll', {})).toEqual({ statuses: 0, replies: 2, unmatched: 1, optOuts: 1 });
    // Read again: each reply is kept once.
    expect(await t.core.call('sms.poll', {})).toEqual({ statuses: 0, replies: 0, unmatched: 0, optOuts: 0 });
    expect((await t.core.call('sms.preview', { draft: draft() })).hold).toBe('opted_out');
    const replies = (await t.core.call('customer.timeline', { customerId, limit: 50 })).filter(
      (entry) => entry.kind === 'sms' && entry.detail.startsWith('reply'),
    );
    expect(replies.map((entry) => entry.detail)).toEqual(['reply from +14155552671 · “Stop”', 'reply from +14155552671 · “Paid it this morning”']);
    const run = await t.core.call('ladder.run', { dryRun: true });
    expect(run.messages.some((message) => message.customerId === customerId && ['email', 'sms'].includes(message.step.channel))).toBe(false);
    expect(run.excluded.some((e) => e.customerId === customerId && e.reason === 'replied')).toBe(true);
  });

  it('waits out a 429 for its Retry-After and then sends once', async () => {
    api.faults.push({ kind: 'rate', retryAfter: 1 });
    const waited = Date.now();
    await t.core.call('sms.queue', { messages: [draft()] });
    const [sent] = await settled();
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(Date.now() - waited).toBeGreaterThanOrEqual(900);
    expect(api.messages).toHaveLength(1);
  });

  it('puts a 503 off with a backoff, nothing created', async () => {
    api.faults.push({ kind: 'unavailable' });
    await t.core.call('sms.queue', { messages: [draft()] });
    const [waiting] = await until(outbox, (rows) => rows[0]?.lastError === 'Service Unavailable');
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(Date.parse(waiting!.nextAttemptAt) - clock().getTime()).toBeGreaterThan(20_000);
    expect(api.messages).toHaveLength(0);
  });

  it('a 500 after the provider created the message leaves the text uncertain, never sent twice', async () => {
    api.faults.push({ kind: 'error-after-create' });
    await t.core.call('sms.queue', { messages: [draft()] });
    const [first] = await settled();
    expect(first).toMatchObject({ status: 'uncertain' });
    expect(first!.lastError).toMatch(/answered 500/);
    expect(api.messages).toHaveLength(1);
  });

  it('fails a number the provider calls invalid (21211) without retrying', async () => {
    api.invalid.add('+14155552671');
    await t.core.call('sms.queue', { messages: [draft()] });
    const [failed] = await settled();
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed!.lastError).toMatch(/cannot take texts \(21211/);
    expect(api.creates).toBe(1);
  });
});

describe('the provider client', () => {
  it('calls a request with no answer unknown (the provider may have the message), and an unreachable one a retry', async () => {
    api.faults.push({ kind: 'hang' });
    const settings = { provider: 'twilio' as const, baseUrl: api.url, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, sender: SENDER, shortenLinks: false };
    expect(await new TwilioProvider(settings, undefined, 300).send({ to: '+14155552671', body: 'Hello' })).toMatchObject({ outcome: 'unknown' });
    expect(api.messages).toHaveLength(1);
    const closed = { ...settings, baseUrl: `http://127.0.0.1:${await freePort()}` };
    expect(await new TwilioProvider(closed, undefined, 300).send({ to: '+14155552671', body: 'Hello' })).toMatchObject({ outcome: 'retry' });
    const wrong = { ...settings, authToken: 'wrong' };
    expect(await new TwilioProvider(wrong).send({ to: '+14155552671', body: 'Hello' })).toMatchObject({ outcome: 'refused', code: '20003' });
  });
});

describe('the token follows its account', () => {
  it('keeps the stored token for the same account and address, forgets it for another', async () => {
    const view = await t.core.call('settings.sms.get', {});
    expect(view.provider).toEqual({ provider: 'twilio', baseUrl: api.url, accountSid: ACCOUNT_SID, sender: SENDER, shortenLinks: false, hasToken: true });
    expect(JSON.stringify(view)).not.toContain(AUTH_TOKEN);
    await t.core.call('settings.sms.save', { provider: { provider: 'twilio', baseUrl: api.url, accountSid: ACCOUNT_SID, sender: '+14155550199' } });
    expect((await t.core.call('settings.sms.get', {})).provider?.hasToken).toBe(true);
    await expect(
      t.core.call('settings.sms.save', { provider: { provider: 'twilio', baseUrl: 'https://api.twilio.com', accountSid: ACCOUNT_SID, sender: SENDER } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const audit = t.query<{ detail: string }>("SELECT detail FROM audit_log WHERE entity_id = 'sms'");
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.map((row) => row.detail).join()).not.toContain(AUTH_TOKEN);
  });
});
