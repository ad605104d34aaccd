import { useNav } from '../../app/nav-store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { useJobProgress } from '../../lib/job-progress';
import { useSample } from './sample-store';

/** The home screen of an empty database: two ways to get receivables in. */
export function FirstRun() {
  const go = useNav((nav) => nav.go);
  const { jobId, error, load } = useSample();
  const progress = useJobProgress(jobId);
  return (
    <EmptyState
      title="No receivables yet"
      actions={
        jobId ? (
          <ProgressBar progress={progress} testId="sample-progress" />
        ) : (
          <>
            <button type="button" className="button primary" onClick={() => void load()}>
              Load the sample dataset
            </button>
            <button type="button" className="button" onClick={() => go('import')}>
              Import your ERP’s open invoices
            </button>
          </>
        )
      }
    >
      <p>
        Inflow builds your call list from open invoices. Try it with a realistic sample company, or bring in an export from QuickBooks, Xero, Odoo or any CSV.
      </p>
      <p className="muted">Everything stays on this computer, in an encrypted database.</p>
      {error && <ErrorNotice error={error} title="The sample could not be loaded." onRetry={() => void load()} />}
    </EmptyState>
  );
}
