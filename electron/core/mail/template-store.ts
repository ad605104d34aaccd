import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { TEMPLATE_LANGUAGES, type TemplateLanguage } from '../../../shared/customer-locale';
import { TEMPLATE_PURPOSES, TEMPLATE_TONES, type EmailTemplate } from '../../../shared/outreach/template-fields';
import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { columns, type ColumnsRow } from '../../db/typed-row';
import { resourcePath } from '../resources';
import { queueTeamEdit } from '../settings';
import { checkTemplate } from './template-check';
import { parseTemplateFile } from './template-file';

const TEMPLATE = ['id', 'language', 'name', 'purpose', 'tone', 'subject', 'body', 'attach_statement', 'built_in'] as const;
type TemplateRow = ColumnsRow<'email_templates', (typeof TEMPLATE)[number]>;
const SELECT = `SELECT ${columns('email_templates', 't', TEMPLATE)} FROM email_templates t`;
// language, purpose and tone are TEXT in the schema: parsed, so a value the app doesn't know fails here.
const storedKinds = z.object({ language: z.enum(TEMPLATE_LANGUAGES), purpose: z.enum(TEMPLATE_PURPOSES), tone: z.enum(TEMPLATE_TONES) });
const toTemplate = (row: TemplateRow): EmailTemplate => ({
  ...row,
  ...storedKinds.parse(row),
  attachStatement: row.attachStatement === 1,
  builtIn: row.builtIn === 1,
});
const key = (id: string, language: TemplateLanguage): string => `${id}|${language}`;

/**
 * The templates shipped in resources/templates, by id and language: English files at the top, each
 * other language in its own folder (de/, fr/, es/) under the same file names.
 */
export function builtInTemplates(): Map<string, EmailTemplate> {
  const shipped = new Map<string, EmailTemplate>();
  for (const language of TEMPLATE_LANGUAGES) {
    const dir = language === 'en' ? resourcePath('templates') : `${resourcePath('templates')}/${language}`;
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.md') && file !== 'README.md')) {
      const template = parseTemplateFile(name.slice(0, -3), language, readFileSync(`${dir}/${name}`, 'utf8'));
      shipped.set(key(template.id, language), template);
    }
  }
  return shipped;
}

/** The shipped version of one template in one language. */
export function builtInTemplate(id: string, language: TemplateLanguage): EmailTemplate | undefined {
  return builtInTemplates().get(key(id, language));
}

/** Copies shipped templates the database does not have yet; edited ones are left alone. */
export function seedTemplates(sqlite: SqliteDb, now: string): void {
  const insert =
    sqlite.prepare(`INSERT OR IGNORE INTO email_templates (id, language, name, purpose, tone, subject, body, attach_statement, built_in, updated_at)
    VALUES (@id, @language, @name, @purpose, @tone, @subject, @body, @attach, 1, @now)`);
  sqlite.transaction(() => {
    for (const template of builtInTemplates().values()) insert.run({ ...template, attach: template.attachStatement ? 1 : 0, now });
  })();
}

/** Every version of every template (English first within a template), or every template's version in one language. */
export function listTemplates(sqlite: SqliteDb, language?: TemplateLanguage): EmailTemplate[] {
  const rows = language
    ? sqlite.prepare(`${SELECT} WHERE language = ? ORDER BY name`).all(language)
    : sqlite.prepare(`${SELECT} ORDER BY id, language != 'en', language`).all();
  return (rows as TemplateRow[]).map(toTemplate);
}

/** The template in that language, or its English version when it has none. */
export function getTemplate(sqlite: SqliteDb, id: string, language: TemplateLanguage = 'en'): EmailTemplate {
  const row = prepareCached(sqlite, `${SELECT} WHERE id = ? AND language IN (?, 'en') ORDER BY language = 'en' LIMIT 1`).get(id, language) as
    TemplateRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No template "${id}".`);
  return toTemplate(row);
}

/** Saves a template only when every merge tag is valid: a typo is caught here, not in 500 sent emails. */
export function saveTemplate(sqlite: SqliteDb, template: Omit<EmailTemplate, 'builtIn'>, now: string): void {
  const problems = checkTemplate(template.subject, template.body);
  if (problems.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `The template has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${problems.map((p) => `${p.tag || p.part} — ${p.message}`).join('; ')}.`,
      { problems },
    );
  }
  if (template.language !== 'en' && !prepareCached(sqlite, "SELECT 1 FROM email_templates WHERE id = ? AND language = 'en'").get(template.id)) {
    throw new AppError('INVALID_INPUT', `"${template.id}" has no English version yet; save that first (messages fall back to it).`);
  }
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO email_templates (id, language, name, purpose, tone, subject, body, attach_statement, built_in, updated_at)
      VALUES (@id, @language, @name, @purpose, @tone, @subject, @body, @attach, 0, @now)
      ON CONFLICT (id, language) DO UPDATE SET name = excluded.name, purpose = excluded.purpose, tone = excluded.tone, subject = excluded.subject, body = excluded.body,
        attach_statement = excluded.attach_statement, updated_at = excluded.updated_at`,
      )
      .run({
        id: template.id,
        language: template.language,
        name: template.name,
        purpose: template.purpose,
        tone: template.tone,
        subject: template.subject,
        body: template.body,
        attach: template.attachStatement ? 1 : 0,
        now,
      });
    sqlite
      .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'user', 'template.save', 'template', ?, ?)")
      .run(
        now,
        template.id,
        JSON.stringify({ language: template.language, subject: template.subject, body: template.body, attachStatement: template.attachStatement }),
      );
    const { id, language, name, purpose, tone, subject, body, attachStatement } = template;
    queueTeamEdit(sqlite, 'template', `${id}|${language}`, { id, language, name, purpose, tone, subject, body, attachStatement }, now);
  })();
}
