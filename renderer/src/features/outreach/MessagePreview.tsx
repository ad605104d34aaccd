import type { MessageDraftInput } from '../../../../shared/outreach/outbox';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApi } from '../../lib/use-api';

/**
 * One message exactly as it will go out: recipient, subject and the plain-text part (the HTML part
 * carries the same words). Shown as text, so nothing in a customer's data can run in the window.
 */
export function MessagePreview({ draft, template }: { draft: MessageDraftInput; template?: { subject: string; body: string } }) {
  const preview = useApi('outreach.preview', { draft, ...(template ? { template } : {}) });
  if (preview.error) return <ErrorNotice error={preview.error} title="This message cannot be built." />;
  const p = preview.data;
  if (!p) return <div className="message-preview" />;
  return (
    <article className="message-preview" data-testid="message-preview">
      <dl className="message-head">
        <dt>To</dt>
        <dd>{p.to ? `${p.to.name} <${p.to.address}>` : <span className="field-error">No contact with a valid address: this one will be skipped.</span>}</dd>
        <dt>Subject</dt>
        <dd>{p.subject}</dd>
      </dl>
      {p.missing.length > 0 && (
        <p className="notice" data-testid="preview-missing">
          No value for {p.missing.map((name) => `{{${name}}}`).join(', ')} for this customer: the message will have a gap there.
          Sender and company come from Settings → Email.
        </p>
      )}
      {p.problems.length > 0 ? (
        <ul className="field-error">{p.problems.map((problem) => <li key={problem.tag + problem.message}>{problem.tag} {problem.message}</li>)}</ul>
      ) : (
        <pre className="message-text">{p.text}</pre>
      )}
    </article>
  );
}
