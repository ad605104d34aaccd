import { useState, type KeyboardEvent } from 'react';
import { LANGUAGE_NAMES } from '../../../../shared/customer-locale';
import { HOLD_LABELS } from '../../../../shared/outreach/guard-words';
import type { MessageDraftInput } from '../../../../shared/outreach/outbox';
import { Kbd } from '../../app/Kbd';
import { isTyping } from '../../app/use-command';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCoreQuery } from '../../lib/core-query';

const PARTS = { html: 'HTML', text: 'Text' } as const;
type Part = keyof typeof PARTS;

/**
 * One message exactly as it will go out: recipient, subject, and the HTML part or the plain-text
 * part (`t` switches while the preview has focus). The HTML is shown in a frame sandboxed with no
 * permissions at all, so nothing in a customer's data can run there, reach the window, or navigate.
 */
export function MessagePreview({
  draft,
  template,
  guardShown = false,
}: {
  draft: MessageDraftInput;
  template?: { subject: string; body: string };
  /** The send guard's word is already on screen (a bulk send's plan): do not repeat it here. */
  guardShown?: boolean;
}) {
  const preview = useCoreQuery('outreach.preview', { draft, ...(template ? { template } : {}) });
  const [part, setPart] = useState<Part>('html');
  if (preview.error) return <ErrorNotice error={preview.error} title="This message cannot be built." />;
  const p = preview.data;
  if (!p) return <div className="message-preview" />;
  if (p.guard.held === 'nothing_left') {
    return (
      <p className="notice" data-testid="preview-held">
        Nothing to preview for this customer. {p.heldMessage}
      </p>
    );
  }
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 't' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    // The window's own single-key shortcuts must not also act on it.
    event.preventDefault();
    event.stopPropagation();
    setPart(part === 'html' ? 'text' : 'html');
  };
  return (
    <article className="message-preview" data-testid="message-preview" tabIndex={0} aria-label="Message preview" onKeyDown={onKeyDown}>
      <dl className="message-head">
        <dt>From</dt>
        <dd data-testid="preview-from">
          {p.from.name}
          {p.from.address ? p.from.name ? ` <${p.from.address}>` : p.from.address : <span className="muted"> (no mailbox yet: Settings → Email)</span>}
        </dd>
        <dt>To</dt>
        <dd>{p.to ? `${p.to.name} <${p.to.address}>` : <span className="field-error">No contact with a valid address: this one will be skipped.</span>}</dd>
        <dt>Subject</dt>
        <dd>{p.subject}</dd>
        <dt>Language</dt>
        <dd data-testid="preview-language">{LANGUAGE_NAMES[p.language]}</dd>
      </dl>
      {!guardShown && p.heldMessage && (
        <p className="notice" data-testid="preview-held">
          This message would not go today. {p.heldMessage}
        </p>
      )}
      {!guardShown && p.guard.dropped.length > 0 && (
        <p className="muted" data-testid="preview-dropped">
          Left out: {p.guard.dropped.map((d) => `${d.number} (${HOLD_LABELS[d.reason].toLowerCase()})`).join(', ')}.
        </p>
      )}
      {p.problems.length > 0 ? (
        <ul className="field-error">
          {p.problems.map((problem) => (
            <li key={problem.tag + problem.message}>
              {problem.tag} {problem.message}
            </li>
          ))}
        </ul>
      ) : (
        <>
          <div className="message-parts">
            <div className="segmented" role="tablist" aria-label="Part of the message">
              {(Object.keys(PARTS) as Part[]).map((name) => (
                <button
                  key={name}
                  type="button"
                  role="tab"
                  aria-selected={part === name}
                  className={part === name ? 'segment-button active' : 'segment-button'}
                  onClick={() => setPart(name)}
                >
                  {PARTS[name]}
                </button>
              ))}
            </div>
            <span className="muted">
              <Kbd keys={['t']} /> switch
            </span>
          </div>
          {part === 'html' ? (
            <iframe
              className="message-frame"
              title="HTML part of the message"
              sandbox=""
              referrerPolicy="no-referrer"
              srcDoc={p.previewHtml}
              data-testid="message-frame"
            />
          ) : (
            <pre className="message-text" data-testid="message-text">
              {p.text}
            </pre>
          )}
        </>
      )}
    </article>
  );
}
