import { useState } from 'react';
import { LANGUAGE_NAMES, TEMPLATE_LANGUAGES, type TemplateLanguage } from '../../../../shared/customer-locale';
import { localToday } from '../../../../shared/dates';
import type { EmailTemplate } from '../../../../shared/outreach/template-fields';
import { TEMPLATE_FIELDS } from '../../../../shared/outreach/template-fields';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { invalidate, useCoreQuery } from '../../lib/core-query';
import { noteOf, OverwriteNote, useOverwrites } from '../../components/OverwriteNote';
import { useOutcome } from '../../lib/use-outcome';
import { MessagePreview } from './MessagePreview';

/**
 * Edit a template with its problems listed as you type (unknown fields, blocks in the wrong braces)
 * and the message it makes for a real customer beside it. Saving refuses a template with problems.
 * Each template has a version per language; customers get theirs, or the English one.
 */
export function TemplateEditor() {
  const templates = useCoreQuery('templates.list', {});
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [language, setLanguage] = useState<TemplateLanguage>('en');
  const versions = templates.data ?? [];
  const english = versions.filter((t) => t.language === 'en').sort((a, b) => a.name.localeCompare(b.name));
  const selected = english.find((t) => t.id === selectedId) ?? english[0];
  const languagesOf = (id: string): TemplateLanguage[] => TEMPLATE_LANGUAGES.filter((code) => versions.some((t) => t.id === id && t.language === code));
  const version = selected && (versions.find((t) => t.id === selected.id && t.language === language) ?? null);
  return (
    <div className="template-editor">
      <ul className="template-list" aria-label="Templates" data-testid="template-list">
        {english.map((template) => (
          <li key={template.id} aria-current={template.id === selected?.id ? 'true' : undefined}>
            <button type="button" className="link-button" onClick={() => setSelectedId(template.id)}>
              {template.name}
            </button>
            <span className="template-languages muted" aria-label="Languages">
              {languagesOf(template.id)
                .map((l) => l.toUpperCase())
                .join(' ')}
            </span>
          </li>
        ))}
      </ul>
      {selected && (
        <div className="template-side">
          <div className="segmented" role="tablist" aria-label="Language">
            {TEMPLATE_LANGUAGES.map((code) => (
              <button
                key={code}
                type="button"
                role="tab"
                aria-selected={language === code}
                className={language === code ? 'segment-button active' : 'segment-button'}
                onClick={() => setLanguage(code)}
              >
                {LANGUAGE_NAMES[code]}
                {languagesOf(selected.id).includes(code) ? '' : ' (none)'}
              </button>
            ))}
          </div>
          {/* A missing version starts as a copy of the English one; saving creates it. */}
          <TemplateForm
            key={`${selected.id}:${language}`}
            template={version ?? { ...selected, language, builtIn: false }}
            exists={version !== null}
            onSaved={templates.reload}
          />
        </div>
      )}
    </div>
  );
}

function TemplateForm({ template, exists, onSaved }: { template: EmailTemplate; exists: boolean; onSaved(): void }) {
  const [draft, setDraft] = useState(template);
  // Not the outcome's message: the last line stays up until the next action's replaces it.
  const [status, setStatus] = useState<string | null>(null);
  const outcome = useOutcome();
  const problems = useCoreQuery('templates.check', { subject: draft.subject, body: draft.body }).data ?? [];
  const customers = useCoreQuery('worklist.list', { asOf: localToday(), limit: 50 }).data?.rows ?? [];
  const [customerId, setCustomerId] = useState<number | null>(null);
  const previewCustomer = customerId ?? customers[0]?.customerId;
  const overwrite = noteOf(useOverwrites({ entity: 'template' }), 'template', `${template.id}|${template.language}`);

  async function run(work: () => Promise<string>): Promise<void> {
    await outcome.run(async () => {
      setStatus(await work());
      onSaved();
      void invalidate('team.overwrites');
    });
  }

  return (
    <div className="template-form" data-testid="template-form">
      {overwrite && <OverwriteNote note={overwrite} subject="this template's" />}
      {!exists && (
        <p className="notice" data-testid="template-no-version">
          No {LANGUAGE_NAMES[template.language]} version yet: customers who read {LANGUAGE_NAMES[template.language]} get the English one. This starts from the
          English text; translate it and save to create it.
        </p>
      )}
      <div className="field-row">
        <label className="field">
          <span>Name</span>
          <input className="input" value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </label>
        <label className="field">
          <span>Preview for</span>
          <select className="input" value={previewCustomer ?? ''} onChange={(event) => setCustomerId(Number(event.target.value))}>
            {customers.map((row) => (
              <option key={row.customerId} value={row.customerId}>
                {row.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>Subject</span>
        <input className="input" value={draft.subject} onChange={(event) => setDraft({ ...draft, subject: event.target.value })} aria-label="Subject" />
      </label>
      <label className="field">
        <span>
          Body (Markdown; fields in {'{{…}}'}, tables and cards in {'{{{…}}}'})
        </span>
        <textarea
          className="input template-body"
          rows={14}
          value={draft.body}
          onChange={(event) => setDraft({ ...draft, body: event.target.value })}
          aria-label="Body"
          spellCheck
          lang={template.language}
        />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={draft.attachStatement} onChange={(event) => setDraft({ ...draft, attachStatement: event.target.checked })} />
        Attach the statement of account (a PDF made as each email goes, from the book that day)
      </label>
      {problems.length > 0 && (
        <ul className="field-error" data-testid="template-problems">
          {problems.map((p) => (
            <li key={p.part + p.tag + p.message}>
              {p.part}: {p.tag} — {p.message}
            </li>
          ))}
        </ul>
      )}
      <details className="field-help">
        <summary>Merge fields</summary>
        <dl>
          {Object.entries(TEMPLATE_FIELDS).map(([name, info]) => (
            <div key={name}>
              <dt>
                <code>{'block' in info ? `{{{${name}}}}` : `{{${name}}}`}</code>
              </dt>
              <dd>{info.description}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="setting-actions">
        <button
          type="button"
          className="button primary"
          disabled={problems.length > 0}
          onClick={() =>
            void run(async () => {
              await call('templates.save', draft);
              return 'Saved';
            })
          }
        >
          Save template
        </button>
        {template.builtIn && (
          <button
            type="button"
            className="button ghost"
            onClick={() =>
              void run(async () => {
                setDraft(await call('templates.reset', { id: template.id, language: template.language }));
                return 'Back to the shipped version';
              })
            }
          >
            Reset to shipped
          </button>
        )}
        {status && <span className="saved">{status}</span>}
      </div>
      {outcome.error && <ErrorNotice error={outcome.error} title="The template was not saved." />}
      {previewCustomer !== undefined && problems.length === 0 && (
        <MessagePreview draft={{ customerId: previewCustomer, templateId: draft.id }} template={{ subject: draft.subject, body: draft.body }} />
      )}
    </div>
  );
}
