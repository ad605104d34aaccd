import { z } from 'zod';
import type { TemplateLanguage } from '../../../shared/customer-locale';
import { TEMPLATE_PURPOSES, type EmailTemplate } from '../../../shared/outreach/template-fields';

const frontMatter = z.object({
  name: z.string().min(1),
  purpose: z.enum(TEMPLATE_PURPOSES),
  tone: z.enum(['friendly', 'firm', 'final']),
  subject: z.string().min(1),
  attachStatement: z.enum(['yes', 'no']).default('no'),
});

/**
 * A shipped template file: `key: value` lines between `---` fences, then the Markdown body. Strict on
 * purpose: these files seed every new database, so a typo should fail the test suite, not a send.
 */
export function parseTemplateFile(id: string, language: TemplateLanguage, source: string): EmailTemplate {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`Template ${language}/${id}: no front matter between --- lines.`);
  const fields = Object.fromEntries(
    match[1]!
      .split(/\r?\n/)
      .filter((line) => line.trim())
      .map((line) => {
        const colon = line.indexOf(':');
        if (colon < 1) throw new Error(`Template ${language}/${id}: "${line}" is not a "key: value" line.`);
        return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
      }),
  );
  const parsed = frontMatter.safeParse(fields);
  if (!parsed.success) throw new Error(`Template ${language}/${id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
  const { attachStatement, ...front } = parsed.data;
  return { id, language, ...front, attachStatement: attachStatement === 'yes', body: match[2]!.trim() + '\n', builtIn: true };
}
