import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * One message per customer per day, whatever sends it (seen: Falcon Marine got a manual reminder and
 * the ladder's nudge on the same day), and a hold lifted only with a reason, in the audit log.
 */
let t: TempCore;
let sink: SmtpSink;
let now: Date;
let acme: number;

beforeEach(async () => {
  now = new Date('2026-11-22T09:00:00Z');
  t = tempCore(() => now);
  sink = await startSmtpSink();
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-customers.csv'), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
  await t.core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
  await t.core.call('settings.outreach.save', { senderName: 'Dana Reyes', managerName: 'Morgan Lee', companyName: 'Northwind', messagesPerMinute: 6000 });
  acme = (await t.core.call('customer.lookup', { externalId: 'C-001' })).customerId;
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
const toAcme = () => sink.received.filter((r) => r.envelopeTo.includes('jane.park@acme.example'));

describe('the contact rhythm: two paths on one day make one message', () => {
  it('a manual reminder first: the ladder holds its step for the day and takes it tomorrow', async () => {
    await t.core.call('outreach.queue', { messages: [{ customerId: acme, templateId: 'first-reminder' }] });
    await settled();
    const preview = await t.core.call('outreach.plan', { kind: 'ladder', customerIds: [acme] });
    expect(preview.messages[0]).toMatchObject({
      draft: null,
      verdict: { held: 'rhythm', recent: [{ on: '2026-11-22', by: 'manual', label: 'First reminder' }] },
    });
    expect(preview.messages[0]!.heldMessage).toBe('Also emailed today by a manual send (First reminder): one message a day per customer.');
    const run = await t.core.call('ladder.run', { dryRun: false });
    expect(run.excluded.filter((e) => e.customerExternalId === 'C-001').map((e) => [e.number, e.reason])).toEqual([
      ['00123', 'rhythm'],
      ['00124', 'rhythm'],
    ]);
    expect(run.messages.filter((m) => m.customerExternalId === 'C-001')).toEqual([]);
    await settled();
    expect(toAcme()).toHaveLength(1);

    now = new Date('2026-11-23T09:00:00Z');
    await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
    expect((await t.core.call('ladder.run', { dryRun: true })).messages.filter((m) => m.customerExternalId === 'C-001').map((m) => m.step.id)).toEqual([
      'manager',
    ]);
  });

  it('the ladder first: a manual send the same day is refused with why', async () => {
    await t.core.call('ladder.run', { dryRun: false });
    await settled();
    const preview = await t.core.call('outreach.preview', { draft: { customerId: acme, templateId: 'first-reminder' } });
    expect(preview.guard.recent).toEqual([{ on: '2026-11-22', by: 'ladder', label: 'Manager escalation' }]);
    expect(preview.heldMessage).toBe('Also emailed today by the ladder (Manager escalation): one message a day per customer.');
    const result = await t.core.call('outreach.queue', { messages: [{ customerId: acme, templateId: 'first-reminder' }] });
    expect(result).toMatchObject({ queued: 0, skipped: [{ customerName: 'Acme Tools Ltd', hold: 'rhythm' }] });
    await settled();
    expect(toAcme()).toHaveLength(1);
  });

  it('two messages to one customer in one batch: only the first is queued', async () => {
    const result = await t.core.call('outreach.queue', {
      messages: [
        { customerId: acme, templateId: 'first-reminder' },
        { customerId: acme, templateId: 'second-reminder' },
      ],
    });
    expect(result).toMatchObject({
      queued: 1,
      skipped: [{ hold: 'rhythm', reason: 'Also emailed today by a manual send (First reminder): one message a day per customer.' }],
    });
  });

  it('a collector may send anyway, saying why: the audit log keeps it and the sender respects it', async () => {
    await t.core.call('ladder.run', { dryRun: false });
    await settled();
    await expect(
      t.core.call('outreach.queue', { messages: [{ customerId: acme, templateId: 'first-reminder', override: { invoiceIds: [], rhythm: true, reason: '' } }] }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const result = await t.core.call('outreach.queue', {
      messages: [{ customerId: acme, templateId: 'first-reminder', override: { invoiceIds: [], rhythm: true, reason: 'Jane asked for the invoices again' } }],
    });
    expect(result.queued).toBe(1);
    const rows = await settled();
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(toAcme()).toHaveLength(2);
    const [audit] = t.query<{ entity_id: string; detail: string }>("SELECT entity_id, detail FROM audit_log WHERE action = 'guard.override'");
    expect(JSON.parse(audit!.detail)).toEqual({ customerId: acme, invoices: [], rhythm: true, reason: 'Jane asked for the invoices again' });
    expect(Number(audit!.entity_id)).toBe(rows[0]!.id);
  });

  it('keeps a disputed invoice in a message only when the collector says so, and why', async () => {
    const [oldest] = await t.core.call('customer.invoices', { customerId: acme, openOnly: true });
    await t.core.call('activity.openDispute', { customerId: acme, invoiceIds: [oldest!.id], reasonCode: 'quantity' });
    const silent = await t.core.call('outreach.preview', { draft: { customerId: acme, templateId: 'first-reminder' } });
    expect(silent.text).not.toContain('00123');
    expect(silent.guard.dropped).toEqual([{ invoiceId: oldest!.id, number: '00123', reason: 'disputed' }]);
    // The total asked for leaves the disputed invoice out too.
    expect(silent.text).toContain('$1,000.25 in total');
    const override = { invoiceIds: [oldest!.id], rhythm: false, reason: 'Only the quantity is disputed; the customer asked for a copy' };
    const kept = await t.core.call('outreach.preview', { draft: { customerId: acme, templateId: 'first-reminder', invoiceIds: [oldest!.id], override } });
    expect(kept.guard.lifted).toEqual([{ invoiceId: oldest!.id, number: '00123', reason: 'disputed' }]);
    expect(kept.text).toContain('00123');
    await t.core.call('outreach.queue', { messages: [{ customerId: acme, templateId: 'first-reminder', invoiceIds: [oldest!.id], override }] });
    expect((await settled()).map((r) => r.status)).toEqual(['sent']);
    expect(toAcme()[0]!.mail.text).toContain('00123');
    const [audit] = t.query<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'guard.override'");
    expect(JSON.parse(audit!.detail)).toMatchObject({ invoices: [{ number: '00123', hold: 'disputed' }], rhythm: false, reason: override.reason });
  });
});
