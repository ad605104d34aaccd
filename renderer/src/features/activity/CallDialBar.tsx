import { useState } from 'react';
import { formatDuration, type DialTarget } from './call-dial';
import type { CallTimer } from './use-call-timer';

interface Props {
  target: DialTarget | null;
  /** The desktop app dialled through the system; a browser page shows the number to dial by hand. */
  desktop: boolean;
  timer: CallTimer;
}

/** Above the call form opened by Shift+C: whom it called (or the number to dial and copy) and the running timer. */
export function CallDialBar({ target, desktop, timer }: Props) {
  const [copied, setCopied] = useState<string | null>(null);
  if (!target) {
    return (
      <p className="call-dial muted" data-testid="call-dial">
        No contact has a number to dial: add one on the customer page, then log the call here.
      </p>
    );
  }
  const copy = (): void => {
    navigator.clipboard.writeText(target.e164).then(
      () => setCopied('Copied.'),
      () => setCopied(`Copy failed: dial ${target.e164}.`),
    );
  };
  return (
    <div className="call-dial" data-testid="call-dial">
      {desktop ? (
        <span>
          Calling <strong>{target.name}</strong> on{' '}
          <a className="phone-link" href={`tel:${target.e164}`}>
            {target.shown}
          </a>
        </span>
      ) : (
        <span>
          Dial <strong>{target.name}</strong> on{' '}
          <a className="phone-link" href={`tel:${target.e164}`}>
            {target.shown}
          </a>{' '}
          <button type="button" className="button ghost small" onClick={copy}>
            Copy number
          </button>
          {copied && (
            <span className="muted" role="status">
              {' '}
              {copied}
            </span>
          )}
        </span>
      )}
      <span className="spacer" />
      <span className="call-timer num" data-testid="call-timer">
        {formatDuration(timer.seconds ?? 0)}
      </span>
      <button type="button" className="button ghost small" disabled={!timer.running} onClick={timer.stop}>
        {timer.running ? 'End call' : 'Ended'}
      </button>
    </div>
  );
}
