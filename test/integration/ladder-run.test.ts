import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';
import { DEFAULT_POLICY } from '../../shared/outreach/default-policy';
import { describeReason } from '../../shared/worklist';

/** The ladder on a real ledger: what it reads (import flags, promises, snoozes), what it sends, and that a step never repeats. */
let t: TempCore;
let sink: SmtpSink;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-11-22T15:00:00Z');
  t = tempCore(() => now);
  sink = await startSmtpSink();
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-customers.csv'), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
  await t.core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  await t.core.call('settings.outreach.save', { senderName: 'Dana Reyes', managerName: 'Morgan Lee', companyName: 'Northwind', messagesPerMinute: 6000 });
});
afterEach(async () => {
  await t.dispose();
  await sink.close();
});

const summary = (run: Awaited<ReturnType<typeof dryRun>>) => ({
  messages: run.messages.map((m) => [m.customerExternalId, m.step.id, m.step.channel, m.invoices.map((i) => `${i.number}@${i.stepId}`)]),
  excluded: run.excluded.map((e) => [e.number, e.reason]),
});
const dryRun = () => t.core.call('ladder.run', { dryRun: true });

describe('ladder run', () => {
  it('dry run: a new ledger joins at the current step, never a final one; the ERP dispute flag holds an invoice', async () => {
    expect(summary(await dryRun())).toEqual({
      messages: [
        ['C-001', 'manager', 'email', ['00123@manager', '00124@manager']],
        ['C-003', 'call', 'call_task', ['00127@call']],
      ],
      excluded: [['00125', 'disputed']],
    });
  });

  it("sends the email step once, from the manager, records each invoice's step, and does not repeat it", async () => {
    const run = await t.core.call('ladder.run', { dryRun: false });
    expect(run.queued).toMatchObject({ queued: 1 });
    await vi.waitFor(async () => expect((await t.core.call('outbox.counts', {})).sent).toBe(1));
    expect(sink.received[0]!.mail.text).toContain('Morgan Lee');
    expect(sink.received[0]!.mail.subject).toBe('Acme Tools Ltd: $13,400.25 overdue, can we speak this week?');
    expect(summary(await dryRun()).messages.map((m) => m[0])).toEqual(['C-003']);
    // Two weeks later the final notice keeps its spacing from the day the manager wrote.
    now = new Date('2026-12-06T15:00:00Z');
    await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
    expect(summary(await dryRun()).messages.filter((m) => m[0] === 'C-001')).toEqual([]);
    now = new Date('2026-12-07T15:00:00Z');
    await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
    expect(summary(await dryRun()).messages.filter((m) => m[0] === 'C-001')).toEqual([
      ['C-001', 'final-notice', 'email', ['00123@final-notice', '00124@final-notice']],
    ]);
  });

  it('holds an invoice whose payment is on its way, for two weeks', async () => {
    const acme = (await t.core.call('customer.lookup', { externalId: 'C-001' })).customerId;
    const [oldest] = await t.core.call('customer.invoices', { customerId: acme, openOnly: true });
    await t.core.call('activity.markInTransit', { customerId: acme, invoiceIds: [oldest!.id], note: 'Remittance advice received' });
    expect(summary(await dryRun()).excluded).toContainEqual(['00123', 'in_transit']);
    now = new Date('2026-12-07T15:00:00Z');
    await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
    expect(summary(await dryRun()).excluded).not.toContainEqual(['00123', 'in_transit']);
  });

  it('merges an open discount offer into the offer template', async () => {
    const acme = (await t.core.call('customer.lookup', { externalId: 'C-001' })).customerId;
    const [oldest] = await t.core.call('customer.invoices', { customerId: acme, openOnly: true });
    await t.core.call('activity.offerDiscount', { customerId: acme, invoiceIds: [oldest!.id], percentBp: 200, payBy: '2026-11-30' });
    const preview = await t.core.call('outreach.preview', { draft: { customerId: acme, templateId: 'early-payment-discount' } });
    expect(preview.subject).toBe('Save $248.00 by paying by Nov 30, 2026');
    expect(preview.text).toContain('2%');
  });

  it('stops for a promise, a snooze and stale ERP data', async () => {
    const acme = (await t.core.call('customer.lookup', { externalId: 'C-001' })).customerId;
    const invoices = await t.core.call('customer.invoices', { customerId: acme, openOnly: true });
    await t.core.call('activity.recordPromise', {
      customerId: acme,
      amountMinor: 100_000,
      currency: 'USD',
      promisedDate: '2026-11-30',
      invoiceIds: [invoices[0]!.id],
    });
    expect(summary(await dryRun()).excluded).toContainEqual(['00123', 'promise']);
    const cole = (await t.core.call('customer.lookup', { externalId: 'C-003' })).customerId;
    await t.core.call('worklist.snooze', { customerId: cole, untilDate: '2026-11-30', reason: 'AP on holiday' });
    expect(summary(await dryRun()).excluded).toContainEqual(['00127', 'snoozed']);
    now = new Date('2026-11-26T15:00:00Z');
    expect(summary(await dryRun()).excluded.map((e) => e[1])).toContain('stale_sync');
    await expect(t.core.call('ladder.run', { dryRun: false })).resolves.toMatchObject({ messages: [], queued: null });
  });

  it('feeds the queue its due steps, and a logged call or a posted letter takes the step', async () => {
    const reasons = async () =>
      Object.fromEntries(
        (await t.core.call('worklist.list', {})).rows.map((row) => [
          row.externalId,
          row.reasons.filter((r) => r.code === 'escalation_due').map((r) => describeReason(r, '2026-11-22')),
        ]),
      );
    expect(await reasons()).toMatchObject({ 'C-001': ['Manager due'], 'C-003': ['Call due'] });
    const cole = (await t.core.call('customer.lookup', { externalId: 'C-003' })).customerId;
    await t.core.call('activity.logCall', { customerId: cole, outcome: 'left_voicemail' });
    // Worked today, the customer rests out of the queue; the call took the ladder's step (below).
    expect(await reasons()).not.toHaveProperty('C-003');
    expect(summary(await dryRun()).messages.map((m) => m[0])).toEqual(['C-001']);
    expect((await t.core.call('customer.timeline', { customerId: cole }))[0]).toMatchObject({ kind: 'call', detail: 'left voicemail · ladder: Call done' });
    // The call took its step and the three earlier ones it passed over; a second call changes nothing.
    const steps = () => t.query<{ step: string }>("SELECT step_id || ':' || state AS step FROM ladder_invoice_steps ORDER BY rowid").map((r) => r.step);
    expect(steps()).toEqual(['call:taken', 'pre-due:skipped', 'first-reminder:skipped', 'second-reminder:skipped']);
    await t.core.call('activity.logCall', { customerId: cole, outcome: 'reached' });
    expect(steps()).toHaveLength(4);

    await t.core.call('ladder.savePolicy', {
      ...DEFAULT_POLICY,
      steps: DEFAULT_POLICY.steps.map((step) => (step.id === 'manager' ? { ...step, id: 'letter', label: 'Letter', channel: 'letter' as const } : step)),
    });
    const acme = (await t.core.call('customer.lookup', { externalId: 'C-001' })).customerId;
    expect((await reasons())['C-001']).toEqual(['Letter due']);
    await expect(t.core.call('ladder.completeTask', { customerId: cole, channel: 'letter' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.core.call('ladder.completeTask', { customerId: acme, channel: 'letter', note: 'Posted first class' })).resolves.toMatchObject({
      stepId: 'letter',
      invoiceNumbers: ['00123', '00124'],
    });
    expect(await reasons()).not.toHaveProperty('C-001');
    expect((await t.core.call('customer.timeline', { customerId: acme }))[0]).toMatchObject({
      kind: 'ladder_task',
      detail: 'Letter · 00123, 00124 · Posted first class',
    });
    await expect(t.core.call('ladder.completeTask', { customerId: acme, channel: 'letter' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
