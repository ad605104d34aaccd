import type { JobProgressEvent } from '../../../shared/core-events';
import './progress.css';

const PHASES: Record<JobProgressEvent['phase'], string> = {
  reading: 'Reading the file',
  validating: 'Checking every row',
  writing: 'Saving',
  replaying: 'Replaying the ladder day by day',
  done: 'Done',
};

interface Props {
  /** Null until the first event: shown as "Starting…" with a moving bar. */
  progress: JobProgressEvent | null;
  testId: string;
  /** Words for what is happening, when the job's phase names do not fit (e.g. "Sending"). */
  label?: string;
}

/** A long job's progress from its job.progress events; indeterminate until a total is known. */
export function ProgressBar({ progress, testId, label }: Props) {
  // "0 of 1" is how a job without countable steps reports itself: show movement, not a stuck 0%.
  const countable = progress !== null && (progress.total > 1 || progress.done >= progress.total);
  const fraction = countable && progress.total > 0 ? Math.min(progress.done / progress.total, 1) : null;
  const percent = fraction === null ? null : Math.round(fraction * 100);
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress-label">
        <span>{label ?? (progress ? (progress.step ?? PHASES[progress.phase]) : 'Starting…')}</span>
        <span className="num">{percent === null ? '' : `${percent}%`}</span>
      </div>
      <div
        className={fraction === null ? 'progress-track indeterminate' : 'progress-track'}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-label={label ?? (progress ? PHASES[progress.phase] : 'Starting')}
      >
        <div className="progress-fill" style={{ transform: `scaleX(${fraction ?? 0.3})` }} />
      </div>
    </div>
  );
}
