import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_STYLES } from '../../electron/core/outreach/email-styles';
import { checkTemplate } from '../../electron/core/outreach/template-check';
import { builtInTemplates } from '../../electron/core/outreach/template-store';
import { tempCore, type TempCore } from '../helpers/temp-core';

/** Every shipped template is valid and renders for a real customer of the sample data. */
const library = [...builtInTemplates().values()];
let t: TempCore;
/** Customers of the sample the send guard lets each kind of message go to: one with invoices past due, one with invoices due this week. */
let pastDue: number;
let dueSoon: number;
beforeAll(async () => {
  t = tempCore();
  await t.core.call('sample.load', {});
  await t.core.call('settings.outreach.save', { senderName: 'Dana Reyes', companyName: 'Northwind', paymentUrlPattern: 'https://pay.example.com/{invoiceNumber}' });
  const goesTo = async (templateId: string, customerIds: number[]) => {
    const plan = await t.core.call('outreach.plan', { kind: 'template', templateId, customerIds });
    return plan.messages.find((m) => m.draft !== null)!.draft!;
  };
  const ranked = (await t.core.call('worklist.list', { limit: 100 })).rows.map((r) => r.customerId);
  const reminder = await goesTo('first-reminder', ranked);
  pastDue = reminder.customerId;
  dueSoon = (await goesTo('pre-due-nudge', t.query<{ id: number }>('SELECT id FROM customers ORDER BY id').map((r) => r.id))).customerId;
  await t.core.call('activity.offerDiscount', { customerId: pastDue, invoiceIds: [reminder.invoiceIds[0]!], percentBp: 200, payBy: '2099-12-31' });
});
afterAll(() => t.dispose());

describe('the template library', () => {
  it('ships every template the brief asks for', () => {
    expect(library.map((tpl) => tpl.purpose).sort()).toEqual(expect.arrayContaining(['pre_due', 'value_memo', 'reminder', 'escalation', 'final', 'agency', 'promise', 'broken_promise', 'dispute', 'plan', 'discount']));
    expect(library.length).toBeGreaterThanOrEqual(15);
  });

  it.each(library.map((tpl) => [tpl.id, tpl] as const))('%s is valid and renders with no tag left over', async (_id, template) => {
    expect(checkTemplate(template.subject, template.body)).toEqual([]);
    const customerId = ['pre_due', 'value_memo'].includes(template.purpose) ? dueSoon : pastDue;
    const preview = await t.core.call('outreach.preview', { draft: { customerId, templateId: template.id, videoMemoUrl: 'https://www.loom.com/share/abc' } });
    expect(preview.heldMessage).toBeNull();
    expect(preview.problems).toEqual([]);
    // Only values this sample customer may lack (no promise, plan, dispute or discount on file).
    expect(preview.missing.filter((name) => !/^(promise|plan|dispute|discount)\./.test(name) && name !== 'sender.phone')).toEqual([]);
    expect(preview.subject.length).toBeGreaterThan(5);
    for (const part of [preview.subject, preview.html, preview.text]) expect(part).not.toMatch(/\{\{|\}\}|inflowmerge/);
    expect(preview.text).toContain('Dana Reyes');
    // The preview frame applies only the inline styles the CSP lists (see email-styles.test.ts).
    const styles = new Set([...preview.previewHtml.matchAll(/ style="([^"]*)"/g)].map((match) => match[1]));
    expect([...styles].filter((style) => !Object.values<string>(EMAIL_STYLES).includes(style!))).toEqual([]);
    expect(preview.previewHtml).not.toContain('cid:');
  });
});
