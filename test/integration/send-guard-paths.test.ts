import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HoldReason, MessageHold } from '../../shared/outreach/guard';
import { startDovecot, withImap, type Dovecot } from '../helpers/dovecot';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * Every path a message can take × every hold, on a real ledger and a real SMTP server: the ladder's
 * dry run, its send preview, a bulk send's preview, one message's preview, queueing (bulk and
 * single), sending again from the outbox, and the sender's last look just before a message goes.
 * The customer's own answers (a reply, an out-of-office) arrive over IMAP from a real Dovecot.
 * C-1 owes, both 17 days past due on 2026-11-22 (the ladder's firm reminder); each hold
 * is put on A-1 (an invoice hold) or on C-1 (a customer hold).
 */
const CUSTOMERS = `Customer ID,Name,Currency,Contact Name,Email
C-1,Acme Tools,USD,Jane Park,jane@acme.example
C-2,Birch & Co,USD,Sam Birch,sam@birch.example
C-3,Cole Foods,USD,Kim Cole,kim@cole.example
`;
const INVOICES = (a1Open: string, a1Paid: string) => `Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Paid Date,Currency
A-1,C-1,Acme Tools,2026-10-06,2026-11-05,1000.00,${a1Open},${a1Paid},USD
A-2,C-1,Acme Tools,2026-10-07,2026-11-05,500.00,500.00,,USD
B-1,C-2,Birch & Co,2026-10-07,2026-11-05,700.00,700.00,,USD
C-9,C-3,Cole Foods,2026-10-24,2026-11-23,300.00,300.00,,USD
`;

let t: TempCore;
let sink: SmtpSink;
let now: Date;
let ids: { acme: number; birch: number; a1: number; a2: number };
let dovecot: Dovecot;
let folders = 0;

beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(() => dovecot.stop());

beforeEach(async () => {
  now = new Date('2026-11-22T10:00:00Z');
  // The mailbox is read when a test says so, not by a watcher meanwhile.
  t = tempCore(() => now, { watchInbox: false });
  sink = await startSmtpSink();
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('customers.csv', CUSTOMERS), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('invoices.csv', INVOICES('1000.00', '')), preset: 'generic-invoices' });
  await t.core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  await t.core.call('settings.outreach.save', { senderName: 'Dana Reyes', companyName: 'Northwind', messagesPerMinute: 6000 });
  const acme = (await t.core.call('customer.lookup', { externalId: 'C-1' })).customerId;
  const birch = (await t.core.call('customer.lookup', { externalId: 'C-2' })).customerId;
  const [a1, a2] = await t.core.call('customer.invoices', { customerId: acme, openOnly: true });
  ids = { acme, birch, a1: a1!.id, a2: a2!.id };
});
afterEach(async () => {
  await t.dispose();
  await sink.close();
});

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

/** Jane Park of Acme (C-1) writes to the collector's mailbox, and Inflow reads it. */
async function mailFromAcme(headers: string[], body: string): Promise<number> {
  folders += 1;
  const folder = `Guard${folders}`;
  const raw = [
    'From: Jane Park <jane@acme.example>',
    'To: ar@northwind.example',
    `Message-ID: <m${folders}@acme.example>`,
    'Date: Sun, 22 Nov 2026 08:00:00 +0000',
    ...headers,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
  await withImap(dovecot, async (client) => {
    await client.mailboxCreate(folder);
    await client.append(folder, raw);
  });
  await t.core.call('inbox.settings.save', { host: '127.0.0.1', port: dovecot.port, security: 'none', user: dovecot.user, password: dovecot.password, folder });
  expect(await t.core.call('inbox.fetch', {})).toMatchObject({ fetched: 1, matched: 1 });
  const [item] = await t.core.call('inbox.list', { all: true });
  expect(item).toMatchObject({ customerId: ids.acme, state: 'open' });
  return item!.id;
}
const replyFromAcme = () => mailFromAcme(['Subject: Re: Invoice A-1'], 'Which invoice is this? We have no A-1 on file.');
const absenceAtAcme = () =>
  mailFromAcme(
    ['Subject: Automatic reply: Invoice A-1', 'Auto-Submitted: auto-replied'],
    'I am out of the office until 30 November and will reply when I am back.',
  );

interface Hold {
  name: string;
  reason: HoldReason;
  /** Held for the customer (nothing goes), not one invoice dropped. */
  whole: boolean;
  apply(): Promise<void>;
}

const HOLDS: Hold[] = [
  {
    name: 'paid',
    reason: 'paid',
    whole: false,
    apply: async () => {
      await t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('paid.csv', INVOICES('0.00', '2026-11-21')), preset: 'generic-invoices' });
    },
  },
  {
    name: 'in transit',
    reason: 'in_transit',
    whole: false,
    apply: async () => {
      await t.core.call('activity.markInTransit', { customerId: ids.acme, invoiceIds: [ids.a1], note: 'Remittance advice' });
    },
  },
  {
    name: 'disputed',
    reason: 'disputed',
    whole: false,
    apply: async () => {
      await t.core.call('activity.openDispute', { customerId: ids.acme, invoiceIds: [ids.a1], reasonCode: 'pricing' });
    },
  },
  {
    name: 'promised (the invoice ticked)',
    reason: 'promise',
    whole: false,
    apply: async () => {
      await t.core.call('activity.recordPromise', {
        customerId: ids.acme,
        amountMinor: 100_000,
        currency: 'USD',
        promisedDate: '2026-11-30',
        invoiceIds: [ids.a1],
      });
    },
  },
  {
    name: 'promised (no invoice ticked: the whole account)',
    reason: 'promise',
    whole: true,
    apply: async () => {
      await t.core.call('activity.recordPromise', { customerId: ids.acme, amountMinor: 500_000, currency: 'USD', promisedDate: '2026-11-30' });
    },
  },
  {
    name: 'in a plan',
    reason: 'plan',
    whole: false,
    apply: async () => {
      await t.core.call('activity.createPlan', {
        customerId: ids.acme,
        currency: 'USD',
        invoiceIds: [ids.a1],
        installments: [{ dueDate: '2026-12-01', amountMinor: 100_000 }],
      });
    },
  },
  {
    name: 'snoozed',
    reason: 'snoozed',
    whole: true,
    apply: async () => {
      await t.core.call('worklist.snooze', { customerId: ids.acme, untilDate: '2026-11-30', reason: 'AP on holiday' });
    },
  },
  {
    name: 'no valid contact',
    reason: 'no_contact',
    whole: true,
    apply: async () => {
      const [contact] = await t.core.call('contacts.list', { customerId: ids.acme });
      await t.core.call('contacts.save', {
        customerId: ids.acme,
        contactId: contact!.id,
        name: contact!.name,
        email: contact!.email ?? '',
        role: contact!.role,
        status: 'bounced',
      });
    },
  },
  {
    name: 'stale ERP data',
    reason: 'stale_sync',
    whole: true,
    apply: async () => {
      now = new Date('2026-11-25T10:00:00Z');
    },
  },
  {
    name: 'replied, not yet handled',
    reason: 'replied',
    whole: true,
    apply: async () => {
      await replyFromAcme();
    },
  },
  {
    name: 'the contact is out of the office',
    reason: 'out_of_office',
    whole: true,
    apply: async () => {
      await absenceAtAcme();
    },
  },
  {
    name: 'emailed today already',
    reason: 'rhythm',
    whole: true,
    apply: async () => {
      // Another path got there first today and its message went.
      await t.core.call('outreach.queue', {
        messages: [{ customerId: ids.acme, templateId: 'first-reminder', override: { invoiceIds: [], rhythm: true, reason: 'test: the earlier message' } }],
      });
      await settled();
    },
  },
];

const numbersIn = (text: string) => ['A-1', 'A-2'].filter((n) => text.includes(n));

describe.each(HOLDS)('the send guard: $name', (hold) => {
  it('holds it on every path before anything is queued', async () => {
    await hold.apply();
    const held = (reason: HoldReason | MessageHold | undefined) =>
      expect(reason).toBe(hold.whole && hold.reason !== 'promise' ? hold.reason : hold.whole ? 'nothing_left' : undefined);

    // The ladder's dry run: A-1 held with its reason (a paid invoice that was never on the ladder is simply gone), never in a message.
    const run = await t.core.call('ladder.run', { dryRun: true });
    expect(run.excluded.filter((e) => e.number === 'A-1').map((e) => e.reason)).toEqual(hold.reason === 'paid' ? [] : [hold.reason]);
    expect(run.messages.flatMap((m) => m.invoices.map((i) => i.number))).not.toContain('A-1');

    // The ladder's send preview and a bulk send of its next step, then of one template.
    for (const request of [
      { kind: 'ladder' as const },
      { kind: 'ladder' as const, customerIds: [ids.acme] },
      { kind: 'template' as const, templateId: 'second-reminder', customerIds: [ids.acme] },
    ]) {
      const plan = await t.core.call('outreach.plan', request);
      const acme = plan.messages.find((m) => m.customerId === ids.acme)!;
      if (!hold.whole) {
        expect(acme.draft!.invoiceIds).toEqual([ids.a2]);
        if (hold.reason !== 'paid') expect(acme.verdict.dropped).toContainEqual({ invoiceId: ids.a1, number: 'A-1', reason: hold.reason });
      } else {
        // Nothing goes to the customer (the message may still be shown, with why).
        held(acme.verdict.held ?? undefined);
        expect(acme.heldMessage).toBeTruthy();
      }
    }

    // One message's preview, both invoices ticked: A-1 is dropped with its reason and is nowhere in
    // it; held for the customer, it says so (and with nothing left shows nothing).
    const ticked = { customerId: ids.acme, templateId: 'second-reminder', invoiceIds: [ids.a1, ids.a2] };
    const preview = await t.core.call('outreach.preview', { draft: ticked });
    if (hold.whole) {
      held(preview.guard.held ?? undefined);
      expect(preview.heldMessage).toBeTruthy();
    } else {
      expect(numbersIn(preview.text + preview.html + preview.subject)).toEqual(['A-2']);
      expect(preview.guard.dropped.map((d) => [d.number, d.reason])).toEqual([['A-1', hold.reason]]);
    }

    // Queueing, a single send or a bulk one: A-1 never goes; a customer hold queues nothing.
    if (hold.reason === 'stale_sync') {
      await expect(t.core.call('outreach.queue', { messages: [ticked] })).rejects.toMatchObject({ code: 'CONFLICT' });
      return;
    }
    const before = sink.received.length;
    const queued = await t.core.call('outreach.queue', { messages: [ticked, { customerId: ids.birch, templateId: 'second-reminder' }] });
    expect(queued.queued).toBe(hold.whole ? 1 : 2);
    if (hold.whole) expect(queued.skipped.map((s) => s.hold)).toEqual([hold.reason === 'promise' ? 'nothing_left' : hold.reason]);
    else expect(queued.dropped).toEqual([{ customerId: ids.acme, invoiceId: ids.a1, number: 'A-1', reason: hold.reason }]);
    await settled();
    const mail = sink.received
      .slice(before)
      .map((r) => r.mail.text ?? '')
      .join('\n');
    expect(numbersIn(mail)).toEqual(hold.whole ? [] : ['A-2']);
  });

  it('holds a message queued before the hold: when it is due to go, and when sent again from the outbox', async () => {
    // Queued while the outbox is paused, the hold comes, then the sender looks again.
    await t.core.call('outbox.pause', { paused: true });
    await t.core.call('outreach.queue', { messages: [{ customerId: ids.acme, templateId: 'second-reminder' }] });
    if (hold.reason === 'rhythm') {
      // Another message to the customer (lifted on purpose) goes while the waiting one retries after a 4xx.
      await t.core.call('outreach.queue', {
        messages: [{ customerId: ids.acme, templateId: 'first-reminder', override: { invoiceIds: [], rhythm: true, reason: 'test: the earlier message' } }],
      });
      sink.replyTo((attempt) => (attempt === 0 ? { code: 451, message: 'Try later' } : { accept: true }));
      await t.core.call('outbox.pause', { paused: false });
      await vi.waitFor(async () => expect((await t.core.call('outbox.counts', {})).sent).toBe(1), { timeout: 10_000 });
      now = new Date(now.getTime() + 60 * 60_000);
      await t.core.call('outbox.pause', { paused: false });
    } else {
      await hold.apply();
      await t.core.call('outbox.pause', { paused: false });
    }
    const rows = await settled();
    const cancelled = rows.filter((r) => r.status === 'cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.lastError).toMatch(/^Held when it was due to go: /);
    expect(sink.received.filter((r) => r.mail.subject?.startsWith('Second reminder'))).toEqual([]);
    expect(t.query<{ action: string }>("SELECT action FROM audit_log WHERE action = 'outbox.held'")).toHaveLength(1);

    // A failed message is not sent again once held.
    await t.dispose();
    await sink.close();
    ({ t, sink } = await freshWithFailedMessage());
    const [failed] = await t.core.call('outbox.list', { status: 'failed' });
    await (hold.reason === 'rhythm'
      ? t.core.call('outreach.queue', { messages: [{ customerId: ids.acme, templateId: 'first-reminder' }] }).then(settled)
      : hold.apply());
    await expect(t.core.call('outbox.resolve', { messageId: failed!.id, action: 'send_again' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^Not sent again: /),
    });
  });
});

describe('what came back from the customer', () => {
  const acmePlan = async () => (await t.core.call('outreach.plan', { kind: 'ladder', customerIds: [ids.acme] })).messages[0]!;

  it('a reply holds every message until the collector handles it, then the ladder goes on', async () => {
    const id = await replyFromAcme();
    const held = await acmePlan();
    expect(held).toMatchObject({ draft: null, verdict: { held: 'replied' } });
    expect(held.heldMessage).toBe('The customer replied today: handle the reply in the Inbox first.');
    expect((await t.core.call('ladder.run', { dryRun: true })).excluded.filter((e) => e.customerId === ids.acme).map((e) => e.reason)).toEqual([
      'replied',
      'replied',
    ]);
    now = new Date('2026-11-23T10:00:00Z');
    expect((await acmePlan()).heldMessage).toBe('The customer replied yesterday: handle the reply in the Inbox first.');

    await t.core.call('inbox.handle', { id, action: 'done' });
    const going = await acmePlan();
    expect(going.verdict.held).toBeNull();
    expect(going.draft!.invoiceIds).toEqual([ids.a1, ids.a2]);
  });

  it('an absence holds until the day after the return date, or until another contact is found', async () => {
    const id = await absenceAtAcme();
    const refresh = () => t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('invoices.csv', INVOICES('1000.00', '')), preset: 'generic-invoices' });
    const reminder = async () =>
      (await t.core.call('outreach.plan', { kind: 'template', templateId: 'second-reminder', customerIds: [ids.acme] })).messages[0]!;
    const ladderHolds = async () => (await t.core.call('ladder.run', { dryRun: true })).excluded.filter((e) => e.customerId === ids.acme).map((e) => e.reason);
    now = new Date('2026-11-30T10:00:00Z');
    await refresh();
    const away = await reminder();
    expect(away.verdict.held).toBe('out_of_office');
    expect(away.heldMessage).toBe('The contact is away (an automatic answer): nothing goes before 2026-12-01, or add another contact.');
    // The ladder's call step waits too.
    expect(await ladderHolds()).toEqual(['out_of_office', 'out_of_office']);
    // Not counted as an answer: the customer does not top the queue as "replied".
    const row = (await t.core.call('worklist.list', {})).rows.find((r) => r.customerId === ids.acme);
    expect(row?.reasons.map((r) => r.code) ?? []).not.toContain('replied');

    now = new Date('2026-12-01T10:00:00Z');
    await refresh();
    expect((await reminder()).verdict.held).toBeNull();
    expect(await ladderHolds()).toEqual([]);

    // Before the return date, finding someone else to write to lifts it at once.
    now = new Date('2026-11-30T10:00:00Z');
    await t.core.call('inbox.handle', { id, action: 'new_contact' });
    expect((await reminder()).verdict.held).toBeNull();
  });
});

/** A new ledger whose message to C-1 failed for good (a 5xx), as if the hold came after. */
async function freshWithFailedMessage(): Promise<{ t: TempCore; sink: SmtpSink }> {
  now = new Date('2026-11-22T10:00:00Z');
  const fresh = tempCore(() => now, { watchInbox: false });
  const freshSink = await startSmtpSink();
  t = fresh;
  sink = freshSink;
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('customers.csv', CUSTOMERS), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('invoices.csv', INVOICES('1000.00', '')), preset: 'generic-invoices' });
  await t.core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  await t.core.call('settings.outreach.save', { senderName: 'Dana Reyes', companyName: 'Northwind', messagesPerMinute: 6000 });
  const acme = (await t.core.call('customer.lookup', { externalId: 'C-1' })).customerId;
  const [a1, a2] = await t.core.call('customer.invoices', { customerId: acme, openOnly: true });
  ids = { ...ids, acme, a1: a1!.id, a2: a2!.id };
  sink.replyTo((attempt) => (attempt === 0 ? { code: 550, message: 'Mailbox unavailable' } : { accept: true }));
  await t.core.call('outreach.queue', { messages: [{ customerId: acme, templateId: 'second-reminder' }] });
  await settled();
  return { t, sink };
}

describe('a message with nothing to ask for', () => {
  it('is never rendered (seen: "Invoice  is now past due … €0.00 in total" over an empty table), whatever else holds it', async () => {
    // Birch owes nothing due this week: a pre-due nudge has nothing to say, snoozed or not.
    const nudge = await t.core.call('outreach.preview', { draft: { customerId: ids.birch, templateId: 'pre-due-nudge' } });
    expect(nudge).toMatchObject({ subject: '', text: '', html: '', guard: { held: 'nothing_left', invoices: [] } });
    await t.core.call('worklist.snooze', { customerId: ids.birch, untilDate: '2026-11-30', reason: 'AP on holiday' });
    const snoozed = await t.core.call('outreach.preview', { draft: { customerId: ids.birch, templateId: 'pre-due-nudge' } });
    expect(snoozed).toMatchObject({ subject: '', text: '', guard: { held: 'snoozed', invoices: [] } });
    const plan = await t.core.call('outreach.plan', { kind: 'template', templateId: 'pre-due-nudge', customerIds: [ids.birch] });
    expect(plan.messages[0]).toMatchObject({ draft: null, verdict: { held: 'snoozed' } });
  });
});

describe('the right words on the day a message goes', () => {
  it('a pre-due nudge queued the day before the due date, still waiting after it, does not go', async () => {
    const cole = (await t.core.call('customer.lookup', { externalId: 'C-3' })).customerId;
    await t.core.call('outbox.pause', { paused: true });
    expect(await t.core.call('outreach.queue', { messages: [{ customerId: cole, templateId: 'pre-due-nudge' }] })).toMatchObject({ queued: 1 });
    // Two days on, with the ERP data read again: C-9 is now a day past due.
    now = new Date('2026-11-24T10:00:00Z');
    await t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('again.csv', INVOICES('1000.00', '')), preset: 'generic-invoices' });
    await t.core.call('outbox.pause', { paused: false });
    const [row] = await settled();
    expect(row).toMatchObject({ status: 'cancelled', lastError: 'Held when it was due to go: C-9: wording does not fit its due date' });
    expect(sink.received).toEqual([]);
    // The words that do fit it now: a reminder.
    const preview = await t.core.call('outreach.preview', { draft: { customerId: cole, templateId: 'first-reminder' } });
    expect(preview.guard).toMatchObject({ held: null, invoices: [{ number: 'C-9' }] });
  });
});
