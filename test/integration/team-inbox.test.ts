import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { startDovecot, withImap, type Dovecot } from '../helpers/dovecot';
import { openDesk, snapshotNow, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * An Inbox message reaches every desk of the team with its timeline entry: a bounce or a reply one
 * desk fetched holds the other desks' send guard too and shows in their timelines and Inboxes. Two
 * desks that read the same mailbox apply each message once. Real PostgreSQL, Dovecot and SMTP.
 */
let server: PostgresServer;
let dovecot: Dovecot;
let sink: SmtpSink;
let desks: TeamDesk[];
let folder: string;
let database: string;
let n = 0;
const corpus = join(import.meta.dirname, '..', 'fixtures', 'inbox-corpus');

beforeAll(async () => {
  [server, dovecot] = [await startPostgres(), await startDovecot()];
});
afterAll(() => {
  server.stop();
  dovecot.stop();
});
beforeEach(async () => {
  sink = await startSmtpSink();
  folder = `Team${++n}`;
  await withImap(dovecot, (client) => client.mailboxCreate(folder));
  database = await server.createDatabase(`inbox_${n}`);
  desks = [];
  for (const collector of ['Maya', 'Sam', 'Lee']) {
    const desk = await openDesk(server, database, { collector, sendMail: collector === 'Maya' });
    desks.push(desk);
    await desk.core.call('team.join', {});
  }
});
afterEach(async () => {
  await Promise.all(desks.map((desk) => desk.dispose()));
  await sink.close();
});

const deliver = (raw: string) => withImap(dovecot, (client) => client.append(folder, raw));
const readsMailbox = (desk: TeamDesk) =>
  desk.core.call('inbox.settings.save', { host: '127.0.0.1', port: dovecot.port, security: 'none', user: dovecot.user, password: dovecot.password, folder });
const sync = async (...ds: TeamDesk[]) => {
  for (const d of ds) await d.core.call('team.sync', {});
};
const acmeOn = async (desk: TeamDesk) => (await desk.core.call('customer.lookup', { externalId: 'C-001' })).customerId;
/** Why a first reminder to Acme would be held on this desk now (null: it would go). */
const heldOn = async (desk: TeamDesk) => {
  const plan = await desk.core.call('outreach.plan', { kind: 'template', templateId: 'first-reminder', customerIds: [await acmeOn(desk)] });
  return plan.messages[0]!.verdict.held;
};
const received = async (desk: TeamDesk) =>
  (await desk.core.call('customer.timeline', { customerId: await acmeOn(desk) })).filter((entry) => entry.kind === 'email_received');

/** Maya's desk emails Acme its reminder: the bounce and the reply below answer it. */
async function remind(maya: TeamDesk): Promise<string> {
  await maya.core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  await maya.core.call('settings.outreach.save', { senderName: 'Maya', companyName: 'Northwind', messagesPerMinute: 600 });
  await maya.core.call('outreach.queue', { messages: [{ customerId: await acmeOn(maya), templateId: 'first-reminder' }] });
  await vi.waitFor(() => expect(sink.received).toHaveLength(1), { timeout: 15_000, interval: 20 });
  return sink.received[0]!.mail.messageId!;
}

const bounceOf = (messageId: string) =>
  readFileSync(join(corpus, 'sisimai', 'lhost-postfix-01.eml'), 'latin1')
    .replace(/r@p351355\.pool\.example\.ne\.jp/g, 'jane.park@acme.example')
    .replace('Message-Id: <', `In-Reply-To: ${messageId}\nMessage-Id: <`);

const replyTo = (messageId: string) =>
  [
    'From: Jane Park <jane.park@acme.example>',
    'To: ar@northwind.example',
    'Subject: RE: Invoice 00123 is now past due',
    'Message-ID: <reply-1@acme.example>',
    `In-Reply-To: ${messageId}`,
    'Date: Mon, 23 Nov 2026 09:30:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'We paid this yesterday, remittance attached.',
    '',
  ].join('\r\n');

it("a bounce and a reply one desk fetched hold the other desks' guard and show in their timelines", async () => {
  const [maya, sam, lee] = desks as [TeamDesk, TeamDesk, TeamDesk];
  const messageId = await remind(maya);
  await readsMailbox(maya);
  await deliver(bounceOf(messageId));
  await sync(maya, sam);
  // Only the rhythm holds Maya's recent reminder back on Sam's desk: Jane's address still works there.
  expect(await heldOn(sam)).toBe('rhythm');
  expect(await maya.core.call('inbox.fetch', {})).toMatchObject({ fetched: 1, bounces: 1, matched: 1 });
  await sync(maya, sam, lee);
  for (const other of [sam, lee]) {
    expect(await heldOn(other), `${other.collector}'s guard`).toBe('no_contact');
    const contacts = await other.core.call('contacts.list', { customerId: await acmeOn(other) });
    expect(contacts.find((c) => c.email === 'jane.park@acme.example')).toMatchObject({ status: 'bounced' });
    const [entry] = await received(other);
    expect(entry).toMatchObject({ kind: 'email_received', inboxId: expect.any(Number) });
    const [item] = await other.core.call('inbox.list', { all: true });
    expect(item).toMatchObject({ kind: 'bounce', customerId: await acmeOn(other), id: entry!.inboxId });
    expect(item!.reading.actions).toContain('marked jane.park@acme.example bounced');
  }

  // Jane writes back after all: her open reply holds every desk's guard until handled.
  await deliver(replyTo(messageId));
  expect(await maya.core.call('inbox.fetch', {})).toMatchObject({ fetched: 1, replies: 1 });
  await sync(maya, sam, lee);
  for (const other of [sam, lee]) {
    expect(await heldOn(other)).toBe('replied');
    expect((await received(other)).map((entry) => entry.inboxId !== undefined)).toEqual([true, true]);
    // The bounce stays open too: it is the "find a new contact" task, on every desk.
    expect((await other.core.call('inbox.list', {})).map((item) => item.kind).sort()).toEqual(['bounce', 'reply']);
  }
});

it('two desks reading the same mailbox apply each message once, on every desk', async () => {
  const [maya, sam, lee] = desks as [TeamDesk, TeamDesk, TeamDesk];
  const messageId = await remind(maya);
  await sync(maya, sam);
  for (const desk of [maya, sam]) await readsMailbox(desk);
  await deliver(bounceOf(messageId));
  await deliver(replyTo(messageId));
  // Both read it before either hears of the other's copy.
  for (const desk of [maya, sam]) expect(await desk.core.call('inbox.fetch', {})).toMatchObject({ fetched: 2 });
  await sync(maya, sam, lee, maya, sam);
  for (const desk of desks) {
    expect(await received(desk), desk.collector).toHaveLength(2);
    expect(desk.sql('SELECT kind FROM inbox_messages ORDER BY kind'), desk.collector).toEqual([{ kind: 'bounce' }, { kind: 'reply' }]);
  }
  // The desk that pulled Maya's copies first keeps them; a later fetch of the mailbox adds nothing.
  expect(await lee.core.call('team.sync', {})).toMatchObject({ applied: 0 });
  await readsMailbox(lee);
  expect(await lee.core.call('inbox.fetch', {})).toMatchObject({ fetched: 0 });
});

it("a desk that joins from the team's snapshot holds the messages other desks fetched before it", async () => {
  const [maya, sam] = desks as [TeamDesk, TeamDesk, TeamDesk];
  const exports = mkdtempSync(join(tmpdir(), 'inflow-exports-'));
  try {
    // Maya runs the ERP sync, so her exchange keeps the team's snapshot; Sam reads the mailbox.
    await maya.core.call('sync.connection.save', { connector: 'folder', folder: exports, mapping: 'generic-invoices', intervalMinutes: 0 });
    const messageId = await remind(maya);
    await sync(maya, sam);
    await readsMailbox(sam);
    await deliver(bounceOf(messageId));
    await deliver(replyTo(messageId));
    expect(await sam.core.call('inbox.fetch', {})).toMatchObject({ fetched: 2 });
    await sync(sam, maya);
    expect(await snapshotNow(server, database, maya)).toBe(true);

    const ana = await openDesk(server, database, { collector: 'Ana', book: false });
    desks.push(ana);
    await ana.core.call('team.join', {});
    expect(await heldOn(ana)).toBe('replied');
    expect((await ana.core.call('inbox.list', {})).map((item) => item.kind).sort()).toEqual(['bounce', 'reply']);
    expect((await received(ana)).map((entry) => entry.inboxId !== undefined)).toEqual([true, true]);
  } finally {
    rmSync(exports, { recursive: true, force: true });
  }
});
