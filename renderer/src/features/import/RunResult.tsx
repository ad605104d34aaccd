import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { useJobProgress } from '../../lib/job-progress';
import { useImportRun } from './import-run-store';
import { ImportErrors } from './ImportErrors';
import { ImportSummaryView } from './ImportSummaryView';

/** The running import's progress with Cancel, then its summary, its problems, or why it failed. */
export function RunResult() {
  const { jobId, outcome, cancel } = useImportRun();
  const progress = useJobProgress(jobId);
  if (jobId) {
    return (
      <section className="card run-progress" aria-label="Import progress">
        <ProgressBar progress={progress} testId="import-progress" />
        <button type="button" className="button" onClick={() => void cancel()}>
          Cancel
        </button>
      </section>
    );
  }
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'imported':
      return <ImportSummaryView summary={outcome.summary} />;
    case 'rejected':
      return <ImportErrors problems={outcome.problems} problemCount={outcome.problemCount} />;
    case 'failed':
      return outcome.error.code === 'CANCELLED' ? (
        <div className="notice" role="status">
          <span>
            <strong>Import cancelled.</strong> <span className="muted">Nothing was written.</span>
          </span>
        </div>
      ) : (
        <ErrorNotice error={outcome.error} title="The import failed." />
      );
  }
}
