import type { ErrorCode } from '../../../shared/errors';
import type { ApiError } from '../lib/api-error';

/** What the user can do about each kind of failure. */
const NEXT_STEP: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Check the values and try again.',
  NOT_FOUND: 'It may have been removed. Refresh and try again.',
  IMPORT_REJECTED: 'Fix the file and import it again.',
  DB_CANNOT_OPEN: 'Restart Inflow. If this keeps happening, restore the latest backup.',
  DB_WRONG_KEY: 'This is not the key the database was written with. Nothing was changed.',
  DB_CORRUPT: 'The database file is damaged: restore the latest backup (Settings → Data and backups).',
  DB_TOO_NEW: 'This database was written by a newer Inflow: update Inflow to open it.',
  CANCELLED: 'Nothing was changed.',
  // Refused in the state things are in; each such message says what has to happen first.
  CONFLICT: 'Nothing was changed.',
  SEND_FAILED: 'Check the mail server settings (Settings → Email) and try again.',
  SYNC_FAILED: 'Check the ERP connection (Settings → ERP connection) and try again.',
  MAILBOX_FAILED: 'Check the mailbox settings (Settings → Inbox) and try again.',
  OFFLINE: 'Inflow will keep trying on its own; your work is saved meanwhile.',
  NEEDS_APPROVAL: 'A manager sees the request on their worklist; the timeline notes their answer.',
  INTERNAL: 'Try again. If it keeps happening, restart Inflow.',
};

interface Props {
  error: ApiError;
  title?: string;
  onRetry?: () => void;
}

export function ErrorNotice({ error, title = 'That did not work.', onRetry }: Props) {
  return (
    <div className="notice error" role="alert">
      <div>
        <strong>{title}</strong> {error.message}
        <div className="muted">{NEXT_STEP[error.code]}</div>
      </div>
      {onRetry && (
        <button type="button" className="button small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
