import { useMemo, useState, type FormEvent } from 'react';
import { addDays, localToday } from '../../../../../shared/dates';
import { DEFAULT_POLICY } from '../../../../../shared/outreach/default-policy';
import { useNav } from '../../../app/nav-store';
import { useAppStatus } from '../../../app/use-app-status';
import { DateInput, dateProblem } from '../../../components/DateInput';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { ProgressBar } from '../../../components/ProgressBar';
import { useJobProgress } from '../../../lib/job-progress';
import { useCoreQuery } from '../../../lib/core-query';
import { ReportTabs, type ReportTab } from '../AgingToolbar';
import { BacktestResults } from './BacktestResults';
import { useBacktest, type BacktestInput } from './backtest-store';
import { stepNames } from './backtest-rows';
import './backtest.css';

/** The company's own policies, each for its segments: what the ladder does today. */
const OWN = '';
const NONE = '-';

/**
 * Reports → Backtest: replays a ladder policy (and a second to compare) day by day over a period of
 * the book's own history, from what was known on each day, and sets the results side by side.
 * Nothing is sent or written.
 */
export function BacktestView({ onTab }: { onTab(tab: ReportTab): void }) {
  const [today] = useState(() => localToday());
  const hasData = useAppStatus().data?.hasData ?? false;
  const go = useNav((nav) => nav.go);
  const stored = useCoreQuery('ladder.policies', {});
  const { jobId, asked, report, error, run, cancel } = useBacktest();
  const progress = useJobProgress(jobId);
  const [from, setFrom] = useState<string | null>(asked?.from ?? addDays(today, -90));
  const [to, setTo] = useState<string | null>(asked?.to ?? addDays(today, -1));
  const [policy, setPolicy] = useState(OWN);
  const [compare, setCompare] = useState('standard');
  const policies = useMemo(() => {
    const list = stored.data ?? [];
    return list.some((p) => p.id === DEFAULT_POLICY.id) ? list : [...list, DEFAULT_POLICY];
  }, [stored.data]);
  const names = useMemo(() => stepNames(policies), [policies]);
  const problem = dateProblem('From', from) ?? dateProblem('To', to, from ?? undefined)
    ?? (to && to >= today ? 'To: a day that has ended (yesterday at the latest).' : null);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (problem || !from || !to) return;
    const input: BacktestInput = { from, to, ...(policy !== OWN ? { policy } : {}), ...(compare !== NONE && compare !== policy ? { compare } : {}) };
    void run(input);
  };
  // The company's own set can lead but not be compared with (the procedure names a second policy or none).
  const choice = (value: string, onChange: (value: string) => void, label: string, first: { value: string; label: string }) => (
    <label className="field inline">
      <span>{label}</span>
      <select className="input" value={value} onChange={(event) => onChange(event.target.value)} disabled={jobId !== null}>
        <option value={first.value}>{first.label}</option>
        {policies.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </select>
    </label>
  );

  return (
    <div className="screen-scroll backtest">
      <div className="screen-toolbar">
        <ReportTabs tab="backtest" onTab={onTab} />
      </div>
      <form className="backtest-form card" onSubmit={submit} aria-label="Backtest a ladder policy">
        <label className="field inline">
          <span>From</span>
          <DateInput label="From" value={from} onChange={setFrom} today={today} prefer="nearest" testId="backtest-from" />
        </label>
        <label className="field inline">
          <span>To</span>
          <DateInput label="To" value={to} onChange={setTo} today={today} prefer="nearest" min={from ?? undefined} testId="backtest-to" />
        </label>
        {choice(policy, setPolicy, 'Policy', { value: OWN, label: 'Our policies (each for its segments)' })}
        {choice(compare, setCompare, 'Compare with', { value: NONE, label: 'Nothing' })}
        {jobId ? (
          <button type="button" className="button" onClick={cancel} data-testid="backtest-cancel">Cancel</button>
        ) : (
          <button type="submit" className="button primary" disabled={!hasData || problem !== null} data-testid="backtest-run">Run backtest</button>
        )}
        {problem && <span className="field-error" role="alert">{problem}</span>}
      </form>
      {jobId && <ProgressBar progress={progress} testId="backtest-progress" />}
      {!hasData ? (
        <EmptyState title="Import your ERP’s invoices and payments to backtest a policy" actions={<button type="button" className="button primary" onClick={() => go('import')}>Import invoices</button>}>
          <p>A backtest replays the ladder over your own book’s history, so it needs invoices with their payment dates.</p>
        </EmptyState>
      ) : error ? (
        error.code === 'CANCELLED'
          ? <p className="muted" role="status">The backtest was cancelled; nothing was changed. Run it again, perhaps over a shorter period.</p>
          : <ErrorNotice error={error} title="The backtest could not be run." {...(asked ? { onRetry: () => void run(asked) } : {})} />
      ) : report ? (
        <BacktestResults report={report} names={names} />
      ) : (
        !jobId && (
          <EmptyState title="What would a ladder policy have done?">
            <p>
              Pick a period that has ended and a policy, and optionally a second one to compare. The ladder is replayed day by day on your
              book as it stood each day, from what was known then: nothing is sent and nothing is written. A year takes up to a minute on a big book.
            </p>
          </EmptyState>
        )
      )}
    </div>
  );
}
