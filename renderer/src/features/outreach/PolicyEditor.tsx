import { useState, type KeyboardEvent } from 'react';
import { DEFAULT_POLICY } from '../../../../shared/outreach/default-policy';
import type { LadderPolicy } from '../../../../shared/outreach/ladder';
import type { PolicyIssue } from '../../../../shared/outreach/ladder-schema';
import { Kbd } from '../../app/Kbd';
import { modKey } from '../../app/key-caps';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { invalidate } from '../../lib/core-query';
import { noteOf, OverwriteNote, useOverwrites } from '../../components/OverwriteNote';
import { toApiError, type ApiError } from '../../lib/api-error';
import { byOffset, checkDraft, knownTemplateIds, nextStep, type PolicyDraft, type StepDraft, type TemplateChoices } from './policy-draft';
import { StepRow } from './StepRow';

interface Props {
  draft: PolicyDraft;
  /** The policy as the core has it; null for one not saved yet. */
  saved: LadderPolicy | null;
  policies: readonly LadderPolicy[];
  templates: TemplateChoices;
  segments: readonly string[];
  /** The draft differs from the saved policy. */
  dirty: boolean;
  status: string | null;
  onChange(draft: PolicyDraft): void;
  onDiscard(): void;
  onSaved(policy: LadderPolicy): void;
  onDeleted(policy: LadderPolicy): void;
  /** The core refused: the list and the dry run may be out of date (the CLI or another window changed a policy). */
  onRefused(): void;
}

/**
 * Edits one policy: name, the segments it is for, and its steps. Problems are found with the core's
 * own schema and conflict checks before anything is sent, shown from the first save attempt on and
 * updated as the collector types; whatever the core still refuses is shown the same way.
 */
export function PolicyEditor({ draft, saved, policies, templates, segments, dirty, status, onChange, onDiscard, onSaved, onDeleted, onRefused }: Props) {
  const [tried, setTried] = useState(false);
  const [refusal, setRefusal] = useState<{ action: 'save' | 'delete'; error: ApiError; issues: PolicyIssue[] } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const templateIds = knownTemplateIds(templates);
  const local = checkDraft(draft, policies, templateIds);
  const issues = tried && local.issues.length > 0 ? local.issues : (refusal?.issues ?? []);
  const fallback = policies.find((policy) => policy.segments.length === 0 && policy.id !== saved?.id);
  const shipped = saved !== null && !fallback && JSON.stringify(saved) === JSON.stringify(DEFAULT_POLICY);

  function edit(next: PolicyDraft): void {
    setRefusal(null);
    setConfirming(false);
    onChange(next);
  }
  const editStep = (index: number, step: StepDraft) => edit({ ...draft, steps: draft.steps.map((s, i) => (i === index ? step : s)) });
  /** The draft with its steps in day order: the same object when they already are, so nothing is marked edited. */
  const ordered = (): PolicyDraft => {
    const steps = byOffset(draft.steps);
    return steps.some((step, i) => step !== draft.steps[i]) ? { ...draft, steps } : draft;
  };
  const sortSteps = () => {
    const next = ordered();
    if (next !== draft) edit(next);
  };

  async function save(): Promise<void> {
    const next = ordered();
    if (next !== draft) onChange(next);
    setTried(true);
    const { policy } = checkDraft(next, policies, templateIds);
    if (!policy || busy) return;
    await request('save', async () => {
      await call('ladder.savePolicy', policy);
      setTried(false);
      onSaved(policy);
      void invalidate('team.overwrites');
    });
  }

  async function remove(policy: LadderPolicy): Promise<void> {
    await request('delete', async () => {
      await call('ladder.deletePolicy', { id: policy.id });
      onDeleted(policy);
    });
  }

  async function request(action: 'save' | 'delete', work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setRefusal(null);
    try {
      await work();
    } catch (failure) {
      const error = toApiError(failure);
      setRefusal({ action, error, issues: issuesIn(error) });
      onRefused();
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  function keys(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape' && confirming) {
      event.preventDefault();
      setConfirming(false);
    }
  }

  const toggleSegment = (segment: string, on: boolean) =>
    edit({ ...draft, segments: on ? [...draft.segments, segment] : draft.segments.filter((s) => s !== segment) });
  const choices = [...new Set([...segments, ...draft.segments])];
  const policyIssues = issues.filter((issue) => !/^(steps(\.\d+)?|name|segments)(\.|$)/.test(issue.path));
  const problemCount = issues.length;
  const overwrite = noteOf(useOverwrites({ entity: 'ladder_policy' }), 'ladder_policy', saved?.id ?? '');

  return (
    <form
      className="card policy-editor"
      aria-label="Policy editor"
      data-testid="policy-editor"
      onKeyDown={keys}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {overwrite && <OverwriteNote note={overwrite} subject="this policy's" />}
      <div className="policy-head">
        <label className="field policy-name">
          <span>Name</span>
          <input
            className="input"
            value={draft.name}
            maxLength={80}
            aria-label="Policy name"
            {...invalidIf(issues, 'name', 'policy-name-issues')}
            onChange={(event) => edit({ ...draft, name: event.target.value })}
          />
          <FieldIssues id="policy-name-issues" issues={issues} prefix="name" />
        </label>
        <fieldset className="field policy-segments">
          <legend>Applies to</legend>
          <div className="segment-choices">
            {choices.map((segment) => {
              const owner = policies.find((policy) => policy.id !== saved?.id && policy.segments.includes(segment));
              return (
                <label key={segment} className="checkbox">
                  <input type="checkbox" checked={draft.segments.includes(segment)} onChange={(event) => toggleSegment(segment, event.target.checked)} />
                  {segment}
                  {owner && <span className="muted">· on {owner.name}</span>}
                </label>
              );
            })}
            <span className="muted segment-hint">{draft.segments.length === 0 ? 'No segment ticked: everyone else.' : ''}</span>
          </div>
          <FieldIssues id="policy-segments-issues" issues={issues} prefix="segments" />
        </fieldset>
      </div>

      <div className="step-row step-head" aria-hidden="true">
        <span>#</span>
        <span>Day</span>
        <span>Label</span>
        <span>Channel</span>
        <span>Template</span>
        <span>Sent by</span>
        <span>Tone</span>
        <span />
      </div>
      <ol className="step-list" aria-label="Steps">
        {draft.steps.map((step, index) => (
          <StepRow
            key={step.key}
            index={index}
            step={step}
            templates={templates}
            issues={stepIssues(issues, index)}
            autoFocus={step.key === added}
            onChange={(next) => editStep(index, next)}
            onDayCommitted={sortSteps}
            onRemove={() => edit({ ...draft, steps: draft.steps.filter((_, i) => i !== index) })}
          />
        ))}
      </ol>
      <FieldIssues id="policy-steps-issues" issues={issues} prefix="steps" exact />
      {policyIssues.length > 0 && (
        <ul className="field-error">
          {policyIssues.map((issue) => (
            <li key={issue.path}>{issue.message}</li>
          ))}
        </ul>
      )}

      <div className="policy-actions">
        <button
          type="button"
          className="button small"
          disabled={draft.steps.length >= 20}
          onClick={() => {
            const step = nextStep(draft.steps);
            setAdded(step.key);
            edit({ ...draft, steps: [...draft.steps, step] });
          }}
        >
          Add step
        </button>
        <span className="spacer" />
        {problemCount > 0 && (
          <span className="field-error" role="status">
            {problemCount === 1 ? '1 problem' : `${problemCount} problems`} to fix before saving
          </span>
        )}
        {problemCount === 0 && status && (
          <span className="saved" role="status">
            {status}
          </span>
        )}
        {confirming && saved ? (
          <span className="policy-confirm" role="alert">
            Delete “{saved.name}”? {fallback ? `Its customers move to “${fallback.name}”.` : 'Everyone else goes back to the shipped Standard ladder.'}
            <button type="button" className="button small danger" autoFocus onClick={() => void remove(saved)}>
              Delete
            </button>
            <button type="button" className="button ghost small" onClick={() => setConfirming(false)}>
              Keep <Kbd keys={['Esc']} />
            </button>
          </span>
        ) : (
          <>
            {(saved === null || dirty) && (
              <button
                type="button"
                className="button ghost small"
                onClick={() => {
                  setTried(false);
                  setRefusal(null);
                  onDiscard();
                }}
              >
                {saved ? 'Discard changes' : 'Discard'}
              </button>
            )}
            {saved && (
              <button
                type="button"
                className="button ghost small"
                disabled={shipped}
                onClick={() => setConfirming(true)}
                title={shipped ? 'This is the shipped Standard ladder: it applies while no other policy covers everyone else.' : undefined}
              >
                Delete policy
              </button>
            )}
          </>
        )}
        <button type="submit" className="button primary small" disabled={busy}>
          Save policy <Kbd keys={[modKey, 'Enter']} />
        </button>
      </div>
      {refusal && <ErrorNotice error={refusal.error} title={refusal.action === 'delete' ? 'The policy was not deleted.' : 'The policy was not saved.'} />}
    </form>
  );
}

/** The core's INVALID_INPUT details carry { issues: [{ path, message }] }; anything else has none. */
function issuesIn(error: ApiError): PolicyIssue[] {
  const details = error.details as { issues?: unknown } | undefined;
  if (error.code !== 'INVALID_INPUT' || !Array.isArray(details?.issues)) return [];
  const issues: unknown[] = details.issues;
  return issues.filter((issue): issue is PolicyIssue => {
    const candidate = issue as Partial<PolicyIssue> | null;
    return typeof candidate?.path === 'string' && typeof candidate.message === 'string';
  });
}

/** Step `index`'s problems by field ("" when about the step itself). */
function stepIssues(issues: readonly PolicyIssue[], index: number): Map<string, string> {
  const prefix = `steps.${index}`;
  return new Map(
    issues
      .filter((issue) => issue.path === prefix || issue.path.startsWith(`${prefix}.`))
      .map((issue) => [issue.path.slice(prefix.length + 1).split('.')[0] ?? '', issue.message]),
  );
}

const at = (issues: readonly PolicyIssue[], prefix: string, exact = false) =>
  issues.filter((issue) => issue.path === prefix || (!exact && issue.path.startsWith(`${prefix}.`)));

const invalidIf = (issues: readonly PolicyIssue[], prefix: string, id: string) =>
  at(issues, prefix).length > 0 ? { 'aria-invalid': true, 'aria-describedby': id } : {};

function FieldIssues({ id, issues, prefix, exact = false }: { id: string; issues: readonly PolicyIssue[]; prefix: string; exact?: boolean }) {
  const mine = at(issues, prefix, exact);
  if (mine.length === 0) return null;
  return (
    <ul className="field-error field-issues" id={id}>
      {mine.map((issue) => (
        <li key={issue.path}>{issue.message}</li>
      ))}
    </ul>
  );
}
