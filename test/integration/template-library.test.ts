import Mustache from 'mustache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_LANGUAGES } from '../../shared/customer-locale';
import { TEMPLATE_FIELDS } from '../../shared/outreach/template-fields';
import { EMAIL_STYLES } from '../../electron/core/mail/email-styles';
import { checkTemplate } from '../../electron/core/mail/template-check';
import { renderTemplate } from '../../electron/core/mail/template-render';
import { builtInTemplates } from '../../electron/core/mail/template-store';
import { tempCore, type TempCore } from '../helpers/temp-core';

/** Every shipped template is valid, shipped in every language with the same merges, and renders for a real customer of the sample data. */
const library = [...builtInTemplates().values()];
const english = library.filter((tpl) => tpl.language === 'en');
let t: TempCore;
/** Customers of the sample the send guard lets each kind of message go to: one with invoices past due, one with invoices due this week. */
let pastDue: number;
let dueSoon: number;
beforeAll(async () => {
  t = tempCore();
  await t.core.call('sample.load', {});
  await t.core.call('settings.outreach.save', {
    senderName: 'Dana Reyes',
    companyName: 'Northwind',
    paymentUrlPattern: 'https://pay.example.com/{invoiceNumber}',
  });
  const goesTo = async (templateId: string, customerIds: number[]) => {
    const plan = await t.core.call('outreach.plan', { kind: 'template', templateId, customerIds });
    return plan.messages.find((m) => m.draft !== null)!.draft!;
  };
  const ranked = (await t.core.call('worklist.list', { limit: 100 })).rows.map((r) => r.customerId);
  const reminder = await goesTo('first-reminder', ranked);
  pastDue = reminder.customerId;
  dueSoon = (
    await goesTo(
      'pre-due-nudge',
      t.query<{ id: number }>('SELECT id FROM customers ORDER BY id').map((r) => r.id),
    )
  ).customerId;
  await t.core.call('activity.offerDiscount', { customerId: pastDue, invoiceIds: [reminder.invoiceIds[0]!], percentBp: 200, payBy: '2099-12-31' });
});
afterAll(() => t.dispose());

type Token = [string, string, number, number, Token[]?];
/** The tags of a template as [type, name], sections with their contents, greetings aside (a first name in English, the full name elsewhere). */
function shape(source: string): string[] {
  const walk = (tokens: Token[]): string[] =>
    tokens.flatMap(([type, name, , , children]) =>
      type === 'text'
        ? []
        : [`${type}${name.startsWith('contact.') ? 'contact' : name}`, ...(children ? walk(children) : []), ...(children ? [`/${name}`] : [])],
    );
  const tags = walk(Mustache.parse(source) as Token[]);
  Mustache.clearCache();
  return tags.sort();
}

describe('the template library', () => {
  it('ships every template the brief asks for', () => {
    expect(english.map((tpl) => tpl.purpose).sort()).toEqual(
      expect.arrayContaining([
        'pre_due',
        'value_memo',
        'reminder',
        'escalation',
        'final',
        'agency',
        'promise',
        'broken_promise',
        'dispute',
        'plan',
        'discount',
      ]),
    );
    expect(english.length).toBeGreaterThanOrEqual(15);
  });

  it("lists every version, or one language's (what the ladder and bulk send choose from: each template once)", async () => {
    const all = await t.core.call('templates.list', {});
    expect(all).toHaveLength(english.length * TEMPLATE_LANGUAGES.length);
    const en = await t.core.call('templates.list', { language: 'en' });
    expect(en.map((tpl) => tpl.id).sort()).toEqual(english.map((tpl) => tpl.id).sort());
    expect(new Set(en.map((tpl) => tpl.language))).toEqual(new Set(['en']));
  });

  it.each(english.flatMap((tpl) => TEMPLATE_LANGUAGES.filter((l) => l !== 'en').map((language) => [tpl.id, language] as const)))(
    '%s is translated into %s with the same purpose, tone, blocks and sections',
    (id, language) => {
      const source = english.find((tpl) => tpl.id === id)!;
      const translated = library.find((tpl) => tpl.id === id && tpl.language === language);
      expect(translated, `${language}/${id}.md`).toBeDefined();
      expect({ purpose: translated!.purpose, tone: translated!.tone }).toEqual({ purpose: source.purpose, tone: source.tone });
      expect(shape(translated!.body)).toEqual(shape(source.body));
      expect(shape(translated!.subject)).toEqual(shape(source.subject));
      expect(translated!.body).not.toBe(source.body);
    },
  );

  it.each(library.map((tpl) => [`${tpl.language}/${tpl.id}`, tpl] as const))(
    '%s is valid and renders with every field filled and no tag left over',
    (_id, template) => {
      expect(checkTemplate(template.subject, template.body)).toEqual([]);
      const fields = Object.fromEntries(
        Object.entries(TEMPLATE_FIELDS)
          .filter(([, info]) => !('block' in info))
          .map(([name, info]) => [name, info.example]),
      );
      const blocks = Object.fromEntries(
        Object.entries(TEMPLATE_FIELDS)
          .filter(([, info]) => 'block' in info)
          .map(([name]) => [name, { html: `<p>${name}</p>`, text: name }]),
      );
      const email = renderTemplate(template, { fields, blocks });
      for (const part of [email.subject, email.html, email.text]) expect(part).not.toMatch(/\{\{|\}\}|inflowmerge/);
    },
  );

  it.each(english.map((tpl) => [tpl.id, tpl] as const))('%s previews for a sample customer, or names what that customer lacks', async (_id, template) => {
    const customerId = ['pre_due', 'value_memo'].includes(template.purpose) ? dueSoon : pastDue;
    try {
      const preview = await t.core.call('outreach.preview', { draft: { customerId, templateId: template.id, videoMemoUrl: 'https://www.loom.com/share/abc' } });
      expect(preview.heldMessage).toBeNull();
      expect(preview.problems).toEqual([]);
      expect(preview.subject.length).toBeGreaterThan(5);
      for (const part of [preview.subject, preview.html, preview.text]) expect(part).not.toMatch(/\{\{|\}\}|inflowmerge/);
      expect(preview.text).toContain('Dana Reyes');
      // The preview frame applies only the inline styles the CSP lists (see email-styles.test.ts).
      const styles = new Set([...preview.previewHtml.matchAll(/ style="([^"]*)"/g)].map((match) => match[1]));
      expect([...styles].filter((style) => !Object.values<string>(EMAIL_STYLES).includes(style!))).toEqual([]);
      expect(preview.previewHtml).not.toContain('cid:');
    } catch (error) {
      // Only values this sample customer may lack (no promise, plan, dispute or discount on file).
      expect(error).toMatchObject({ code: 'CONFLICT' });
      const missing = (error as { details: { missing: string[] } }).details.missing;
      expect(missing.filter((name) => !/^(promise|plan|dispute|discount)\./.test(name))).toEqual([]);
    }
  });
});
