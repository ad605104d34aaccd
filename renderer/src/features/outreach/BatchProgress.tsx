import { ProgressBar } from '../../components/ProgressBar';
import { call } from '../../lib/api';
import { plural } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';

/** A batch going out: a progress bar over sent, failed and uncertain messages, live from the outbox (its outbox.changed events). */
export function BatchProgress({ batchId, total }: { batchId: string; total: number }) {
  const counts = useCoreQuery('outbox.counts', { batchId });
  const c = counts.data;
  const done = c ? c.sent + c.failed + c.uncertain + c.cancelled : 0;
  return (
    <div className="batch-progress" data-testid="batch-progress">
      <ProgressBar
        testId="batch-progress-bar"
        label={c?.paused ? 'Paused' : done >= total ? 'Done' : 'Sending'}
        progress={{ type: 'job.progress', jobId: batchId, phase: done >= total ? 'done' : 'writing', done, total: Math.max(total, 1) }}
      />
      {c && done < total && (
        <div className="batch-actions">
          <button type="button" className="button small" onClick={() => void call('outbox.pause', { paused: !c.paused }).then(counts.reload)}>
            {c.paused ? 'Resume' : 'Pause'}
          </button>
          <button type="button" className="button ghost small" onClick={() => void call('outbox.cancel', { batchId }).then(counts.reload)}>
            Cancel the rest
          </button>
        </div>
      )}
      {c && (
        <p className="muted" data-testid="batch-summary">
          {plural(c.sent, 'sent', 'sent')} · {c.queued + c.sending} waiting · {c.failed} failed · {c.uncertain} uncertain
          {c.cancelled ? ` · ${c.cancelled} cancelled` : ''}
        </p>
      )}
    </div>
  );
}
