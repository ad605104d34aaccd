import { useState, type KeyboardEvent } from 'react';
import { localToday } from '../../../../shared/dates';
import { policyOrder, type LadderPolicy } from '../../../../shared/outreach/ladder';
import { plural } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';
import { BulkSend } from './BulkSend';
import { LadderDryRun } from './LadderDryRun';
import { offsetLabel } from './ladder-labels';
import { PolicyEditor } from './PolicyEditor';
import { copyOf, draftOf, type PolicyDraft } from './policy-draft';

/** The selection of a policy not saved yet (not a valid policy id, so it never collides with one). */
const NEW = '+new';

/**
 * The escalation ladder: its policies to pick from, the picked one's editor, and the dry run under
 * it, which reloads after every save or delete so the collector sees what the change does. Edits
 * are kept per policy while the collector looks at another one. Sending today's emails opens their
 * preview in place of both.
 */
export function LadderPanel() {
  const [asOf, setAsOf] = useState(() => localToday());
  const loaded = useCoreQuery('ladder.policies', {});
  // The editor waits for the templates too: without them every step's template would read as missing.
  const emailTemplates = useCoreQuery('templates.list', { language: 'en' }).data;
  const smsTemplates = useCoreQuery('sms.templates', {}).data;
  const templates = emailTemplates && smsTemplates ? { email: emailTemplates, sms: smsTemplates } : undefined;
  const segments = useCoreQuery('customers.segments', {}).data ?? [];
  const run = useCoreQuery('ladder.run', { asOf, dryRun: true });
  const [selected, setSelected] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, PolicyDraft>>({});
  const [status, setStatus] = useState<string | null>(null);
  // Sending today's emails: the preview takes the whole panel until it is closed.
  const [sending, setSending] = useState(false);
  // The policy just saved, shown at once: the list reloads a moment later and would otherwise flash the old one.
  const [justSaved, setJustSaved] = useState<LadderPolicy | null>(null);
  // Only until the reload lands: after that the stored list is the truth (another window may edit it).
  const policies = withSaved(loaded.data ?? [], loaded.loading ? justSaved : null);

  const current = selected === NEW ? null : (policies.find((policy) => policy.id === selected) ?? policies[0] ?? null);
  const key = selected === NEW ? NEW : current?.id;
  const draft = key === undefined ? undefined : (drafts[key] ?? (current ? draftOf(current) : undefined));
  const dirty = key !== undefined && key in drafts && (current === null || JSON.stringify(drafts[key]) !== JSON.stringify(draftOf(current)));

  function select(id: string | null): void {
    setSelected(id);
    setStatus(null);
  }
  function forget(id: string): void {
    setDrafts(({ [id]: _gone, ...rest }) => rest);
  }
  function reload(): void {
    loaded.reload();
    run.reload();
  }
  function startNew(): void {
    const from = current ?? policies.find((policy) => policy.segments.length === 0);
    if (from && !(NEW in drafts)) setDrafts({ ...drafts, [NEW]: copyOf(from) });
    select(NEW);
  }

  return (
    <div className="ladder" data-testid="ladder">
      <nav className="ladder-policies" aria-label="Policies">
        <button type="button" className="button small" onClick={startNew} title="Starts as a copy of the selected policy">
          New policy
        </button>
        <ul className="policy-list" onKeyDown={moveWithArrows}>
          {policies.map((policy) => (
            <PolicyItem key={policy.id} policy={policy} current={policy.id === key} edited={policy.id in drafts} onSelect={() => select(policy.id)} />
          ))}
          {NEW in drafts && (
            <li aria-current={key === NEW ? 'true' : undefined}>
              <button type="button" className="policy-pick" onClick={() => select(NEW)}>
                <span className="policy-pick-name">
                  {drafts[NEW].name || 'New policy'} <span className="chip info">unsaved</span>
                </span>
              </button>
            </li>
          )}
        </ul>
      </nav>
      <div className="ladder-main">
        {sending && (
          <BulkSend
            onDone={() => {
              setSending(false);
              run.reload();
            }}
          />
        )}
        {!sending && draft && templates && key !== undefined && (
          <PolicyEditor
            key={key}
            draft={draft}
            saved={current}
            policies={policies}
            templates={templates}
            segments={segments}
            dirty={dirty}
            status={status}
            onChange={(next) => {
              setDrafts({ ...drafts, [key]: next });
              setStatus(null);
            }}
            onDiscard={() => {
              forget(key);
              if (key === NEW) select(null);
            }}
            onSaved={(policy) => {
              forget(key);
              setJustSaved(policy);
              setSelected(policy.id);
              setStatus('Saved. The dry run below uses it now.');
              reload();
            }}
            onDeleted={(policy) => {
              forget(policy.id);
              if (justSaved?.id === policy.id) setJustSaved(null);
              setSelected(null);
              setStatus(`Deleted “${policy.name}”.`);
              reload();
            }}
            onRefused={reload}
          />
        )}
        {!sending && <LadderDryRun asOf={asOf} onAsOf={setAsOf} run={run} policies={policies} onSend={() => setSending(true)} />}
      </div>
    </div>
  );
}

function PolicyItem({ policy, current, edited, onSelect }: { policy: LadderPolicy; current: boolean; edited: boolean; onSelect(): void }) {
  const first = Math.min(...policy.steps.map((step) => step.offsetDays));
  return (
    <li aria-current={current ? 'true' : undefined}>
      <button type="button" className="policy-pick" onClick={onSelect}>
        <span className="policy-pick-name">
          {policy.name} {edited && <span className="chip info">edited</span>}
        </span>
        <span className="muted">{policy.segments.length ? policy.segments.join(', ') : 'Everyone else'}</span>
        <span className="muted">
          {plural(policy.steps.length, 'step')} · from {offsetLabel(first)}
        </span>
      </button>
    </li>
  );
}

/** ↑/↓ move through the list, choosing as they go, like the worklist's j/k. */
function moveWithArrows(event: KeyboardEvent<HTMLUListElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...event.currentTarget.querySelectorAll('button')];
  const next = buttons[buttons.indexOf(event.target as HTMLButtonElement) + (event.key === 'ArrowDown' ? 1 : -1)];
  if (!next) return;
  event.preventDefault();
  next.focus();
  next.click();
}

/** The loaded list with the policy just saved in it (replacing its old version, or added where the core will list it). */
function withSaved(policies: readonly LadderPolicy[], saved: LadderPolicy | null): LadderPolicy[] {
  if (!saved) return [...policies];
  if (policies.some((policy) => policy.id === saved.id)) return policies.map((policy) => (policy.id === saved.id ? saved : policy));
  return [...policies, saved].sort(policyOrder);
}
