import { useState, type FormEvent } from 'react';
import { agingBucketLabels, agingEdgesSchema, AGING_BUCKETS, DEFAULT_AGING_EDGES, type AgingEdges } from '../../../../shared/aging';
import { refreshStatus } from '../../app/use-app-status';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { useOutcome } from '../../lib/use-outcome';

const EDGE_NAMES = ['First', 'Second', 'Third', 'Fourth'];

function problemOf(draft: string[]): string | null {
  const numbers = draft.map((value) => (/^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN));
  if (numbers.some((n) => !Number.isInteger(n) || n < 1)) return 'Each edge is a whole number of days, 1 or more.';
  return agingEdgesSchema.safeParse(numbers).success ? null : 'Each edge must be larger than the one before.';
}

/** The four upper edges (days past due) of the middle aging buckets; labels follow them everywhere. */
export function AgingEdgesSetting({ edges }: { edges: AgingEdges }) {
  const [draft, setDraft] = useState<string[]>(edges.map(String));
  const { error, runInPlace } = useOutcome();
  const [saved, setSaved] = useState(false);
  const problem = problemOf(draft);
  const valid = problem === null ? (draft.map(Number) as AgingEdges) : null;

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!valid) return;
    await runInPlace(async () => {
      await call('settings.setAgingEdges', { edges: valid });
      setSaved(true);
      void refreshStatus();
    });
  }

  function edit(next: string[]): void {
    setDraft(next);
    setSaved(false);
  }

  return (
    <form className="setting" onSubmit={(event) => void save(event)} noValidate>
      <fieldset>
        <legend>Aging buckets</legend>
        <p className="muted">Days past due where each bucket ends. Reports and the worklist use these.</p>
        <div className="edges">
          {draft.map((value, index) => (
            <label key={EDGE_NAMES[index]} className="field">
              <span>{EDGE_NAMES[index]}</span>
              <input
                className="input num"
                inputMode="numeric"
                value={value}
                aria-invalid={problem !== null}
                aria-describedby="edges-message"
                onChange={(event) => edit(draft.map((old, i) => (i === index ? event.target.value : old)))}
              />
            </label>
          ))}
        </div>
        <p id="edges-message" className={valid ? 'edges-preview muted' : 'field-error'} aria-live="polite">
          {valid ? `Buckets: ${AGING_BUCKETS.map((bucket) => agingBucketLabels(valid)[bucket]).join(' · ')} days` : problem}
        </p>
        <div className="setting-actions">
          <button type="submit" className="button primary" aria-disabled={!valid}>
            Save buckets
          </button>
          <button type="button" className="button ghost" onClick={() => edit(DEFAULT_AGING_EDGES.map(String))}>
            Reset to 30 / 60 / 90 / 120
          </button>
          {saved && <span className="saved">Saved</span>}
        </div>
      </fieldset>
      {error && <ErrorNotice error={error} title="The buckets were not saved." />}
    </form>
  );
}
