import { useState } from 'react';
import { call } from '../../lib/api';
import { saveBlob } from '../../lib/save-file';
import { useCoreQuery } from '../../lib/core-query';

/**
 * The original message: its HTML sanitised in the core and shown in a frame that runs nothing
 * (sandbox="") with its own CSP (no remote images), or its text; attachments listed, saved on demand.
 */
export function MessageBody({ id }: { id: number }) {
  const view = useCoreQuery('inbox.message', { id }).data;
  const [part, setPart] = useState<'html' | 'text'>('html');
  if (!view) return null;
  const html = part === 'html' && view.previewHtml;
  async function save(path: string): Promise<void> {
    const file = await call('inbox.attachment', { id, path });
    saveBlob(new Blob([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], { type: file.type }), file.filename);
  }
  return (
    <div className="inbox-message">
      {view.previewHtml && (
        <div className="segmented" role="tablist" aria-label="Part of the message">
          {(['html', 'text'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={part === name}
              className={part === name ? 'segment-button active' : 'segment-button'}
              onClick={() => setPart(name)}
            >
              {name === 'html' ? 'Formatted' : 'Text'}
            </button>
          ))}
        </div>
      )}
      {html ? (
        <iframe className="message-frame" title="The message as sent" sandbox="" referrerPolicy="no-referrer" srcDoc={html} data-testid="inbox-frame" />
      ) : (
        <pre className="inbox-text" data-testid="inbox-text">
          {view.text || '(no text)'}
        </pre>
      )}
      {view.attachments.length > 0 && (
        <ul className="inbox-attachments" aria-label="Attachments">
          {view.attachments.map((a) => (
            <li key={a.path}>
              <button type="button" className="link-button" onClick={() => void save(a.path)}>
                {a.filename}
              </button>{' '}
              <span className="muted">
                {a.type} · {Math.ceil(a.size / 1024)} KB
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
