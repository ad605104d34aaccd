import { readdirSync, readFileSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { EmailTemplate } from '../../../shared/outreach/template-fields';
import { resourcePath } from '../resources';
import { checkTemplate } from '../mail/template-check';
import { parseTemplateFile } from '../mail/template-file';
import { renderTemplate, type MergeValues } from '../mail/template-render';

let shipped: Map<string, EmailTemplate> | null = null;

/**
 * The text templates shipped in resources/sms-templates: the email templates' format and merge
 * fields, read as plain text. Checked once when first read, like a saved email template: a broken
 * shipped file fails the tests, never a send.
 */
export function smsTemplates(): Map<string, EmailTemplate> {
  if (shipped) return shipped;
  const dir = resourcePath('sms-templates');
  const templates = new Map<string, EmailTemplate>();
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .sort()) {
    const template = parseTemplateFile(name.slice(0, -3), 'en', readFileSync(`${dir}/${name}`, 'utf8'));
    const problems = checkTemplate(template.subject, template.body);
    if (problems.length > 0 || template.body.includes('{{{'))
      throw new Error(`Text template ${name}: ${problems.map((p) => `${p.tag} ${p.message}`).join('; ') || 'blocks are for email'}.`);
    templates.set(template.id, template);
  }
  shipped = templates;
  return templates;
}

export function getSmsTemplate(id: string): EmailTemplate {
  const template = smsTemplates().get(id);
  if (!template) throw new AppError('NOT_FOUND', `No text template "${id}" (the text templates are: ${[...smsTemplates().keys()].join(', ')}).`);
  return template;
}

/** A text's words: the template's plain-text rendering on one paragraph per line, no trailing space. */
export function renderSms(template: Pick<EmailTemplate, 'subject' | 'body'>, values: MergeValues): string {
  return renderTemplate(template, values)
    .text.replace(/[ \t]+\n/g, '\n')
    .trim();
}
