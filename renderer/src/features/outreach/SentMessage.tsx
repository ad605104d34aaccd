import { describeSendError } from '../../../../shared/outreach/send-error';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';
import { Decide, OUTBOX_STATUS } from './outbox-columns';

/**
 * One outbox message as it went out: who it was from and to, when, its subject, the HTML part in a
 * frame sandboxed with no permissions (as the bulk preview shows it) and the plain-text part.
 */
export function SentMessage({ messageId, onClose, onChanged }: { messageId: number; onClose(): void; onChanged(): void }) {
  const message = useCoreQuery('outbox.message', { messageId });
  const m = message.data;
  return (
    <aside className="card sent-message" aria-label="Message as sent" data-testid="sent-message">
      <header className="sent-message-head">
        <strong>{m?.subject ?? ''}</strong>
        <span className="spacer" />
        <button type="button" className="button ghost small" onClick={onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </header>
      {message.error && <ErrorNotice error={message.error} title="This message cannot be shown." />}
      {m && (
        <>
          <dl className="message-head">
            <dt>From</dt>
            <dd>{m.from}</dd>
            <dt>To</dt>
            <dd>
              {m.to}
              {m.bcc ? ` (bcc ${m.bcc})` : ''}
            </dd>
            <dt>{m.sentAt ? 'Sent' : 'Queued'}</dt>
            <dd>
              {formatDateTime(m.sentAt ?? m.createdAt)} · {OUTBOX_STATUS[m.status].label}
            </dd>
            {m.lastError && (
              <>
                <dt>Problem</dt>
                <dd title={m.lastError}>{describeSendError(m.lastError)}</dd>
              </>
            )}
          </dl>
          <Decide
            message={m}
            onDone={() => {
              message.reload();
              onChanged();
            }}
          />
          <iframe
            className="message-frame"
            title="HTML part of the message as sent"
            sandbox=""
            referrerPolicy="no-referrer"
            srcDoc={m.previewHtml}
            data-testid="sent-message-frame"
          />
          <details>
            <summary>Plain-text part</summary>
            <pre className="message-text">{m.text}</pre>
          </details>
        </>
      )}
    </aside>
  );
}
