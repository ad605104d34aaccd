import { readdirSync, readFileSync } from 'node:fs';
import type { EmailTemplate } from '../../../shared/outreach/template-fields';
import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { resourcePath } from '../resources';
import { checkTemplate } from './template-check';
import { parseTemplateFile } from './template-file';

type TemplateRow = Omit<EmailTemplate, 'builtIn'> & { builtIn: number };
const SELECT = 'SELECT id, name, purpose, tone, subject, body, built_in AS builtIn FROM email_templates';
const toTemplate = (row: TemplateRow): EmailTemplate => ({ ...row, builtIn: row.builtIn === 1 });

/** The templates shipped in resources/templates, by id. */
export function builtInTemplates(): Map<string, EmailTemplate> {
  const dir = resourcePath('templates');
  return new Map(readdirSync(dir).filter((name) => name.endsWith('.md') && name !== 'README.md').map((name) => {
    const id = name.slice(0, -3);
    return [id, parseTemplateFile(id, readFileSync(`${dir}/${name}`, 'utf8'))];
  }));
}

/** Copies shipped templates the database does not have yet; edited ones are left alone. */
export function seedTemplates(sqlite: SqliteDb, now: string): void {
  const insert = sqlite.prepare(`INSERT OR IGNORE INTO email_templates (id, name, purpose, tone, subject, body, built_in, updated_at)
    VALUES (@id, @name, @purpose, @tone, @subject, @body, 1, @now)`);
  sqlite.transaction(() => {
    for (const template of builtInTemplates().values()) insert.run({ ...template, now });
  })();
}

export function listTemplates(sqlite: SqliteDb): EmailTemplate[] {
  return (sqlite.prepare(`${SELECT} ORDER BY name`).all() as TemplateRow[]).map(toTemplate);
}

export function getTemplate(sqlite: SqliteDb, id: string): EmailTemplate {
  const row = prepareCached(sqlite, `${SELECT} WHERE id = ?`).get(id) as TemplateRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No template "${id}".`);
  return toTemplate(row);
}

/** Saves a template only when every merge tag is valid: a typo is caught here, not in 500 sent emails. */
export function saveTemplate(sqlite: SqliteDb, template: Omit<EmailTemplate, 'builtIn'>, now: string): void {
  const problems = checkTemplate(template.subject, template.body);
  if (problems.length > 0) {
    throw new AppError('INVALID_INPUT', `The template has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${problems.map((p) => `${p.tag || p.part} — ${p.message}`).join('; ')}.`, { problems });
  }
  sqlite.transaction(() => {
    sqlite.prepare(`INSERT INTO email_templates (id, name, purpose, tone, subject, body, built_in, updated_at) VALUES (@id, @name, @purpose, @tone, @subject, @body, 0, @now)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, purpose = excluded.purpose, tone = excluded.tone, subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at`)
      .run({ ...template, now });
    sqlite.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'user', 'template.save', 'template', ?, ?)")
      .run(now, template.id, JSON.stringify({ subject: template.subject, body: template.body }));
  })();
}
