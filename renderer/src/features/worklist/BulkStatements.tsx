import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { call, newJobId } from '../../lib/api';
import { toApiError, type ApiError } from '../../lib/api-error';
import { plural } from '../../lib/format';
import { useJobProgress } from '../../lib/job-progress';
import { saveExportedFile } from '../../lib/save-file';

/**
 * Statements of account for the ticked customers, as one PDF to print: a long job in the core with
 * a progress bar and a cancel; the file is saved when it is done. Nothing in the book changes.
 */
export function BulkStatements({ customerIds, asOf, onClose }: { customerIds: number[]; asOf: string; onClose: () => void }) {
  const [jobId] = useState(() => newJobId());
  const progress = useJobProgress(jobId);
  const [state, setState] = useState<{ status: 'running' } | { status: 'done'; fileName: string; count: number } | { status: 'failed'; error: ApiError }>({
    status: 'running',
  });
  useEffect(() => {
    let live = true;
    call('documents.statements', { customerIds, asOf, jobId }).then(
      (file) => {
        if (!live) return;
        saveExportedFile(file);
        setState({ status: 'done', fileName: file.fileName, count: file.statements });
      },
      (error: unknown) => live && setState({ status: 'failed', error: toApiError(error) }),
    );
    return () => {
      live = false;
    };
  }, [customerIds, asOf, jobId]);
  return (
    <div className="bulk-statements" data-testid="bulk-statements" role="status">
      {state.status === 'running' && (
        <>
          <ProgressBar testId="bulk-statements-progress" progress={progress} label={`Making ${plural(customerIds.length, 'statement')}`} />
          <button type="button" className="button ghost small" onClick={() => void call('jobs.cancel', { jobId })}>
            Cancel
          </button>
        </>
      )}
      {state.status === 'done' && (
        <>
          <span>
            {plural(state.count, 'statement')} saved as <strong>{state.fileName}</strong>: one per customer, each from a new page.
          </span>
          <button type="button" className="button ghost small" onClick={onClose}>
            Close
          </button>
        </>
      )}
      {state.status === 'failed' && (
        <>
          <ErrorNotice error={state.error} title="The statements were not made; nothing was saved." />
          <button type="button" className="button ghost small" onClick={onClose}>
            Close
          </button>
        </>
      )}
    </div>
  );
}
