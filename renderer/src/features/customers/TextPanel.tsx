import { useState, type KeyboardEvent } from 'react';
import { HOLD_LABELS } from '../../../../shared/outreach/guard-words';
import { countSegments } from '../../../../shared/sms/segments';
import { MAX_TEXT_LENGTH } from '../../../../shared/sms/sms-api';
import { Kbd } from '../../app/Kbd';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { useOutcome } from '../../lib/use-outcome';

/**
 * Text the customer: a template, its words as the send guard lets them go (editable, with the parts
 * they cost counted as you type), whom it goes to and the customer's own clock, or why it would not
 * go (no mobile, no consent, opted out, outside sending hours) with what to do. Sending queues it in
 * the outbox like an email; the guard looks again just before it goes. In the worklist's pane it
 * opens on a key with focus on the template, and Esc (from any of its fields) closes it.
 */
export function TextPanel({ customerId, onSent, onClose }: { customerId: number; onSent: () => void; onClose?: () => void }) {
  const templates = useCoreQuery('sms.templates', {});
  const [templateId, setTemplateId] = useState('payment-link');
  // Edited words belong to the template they were edited from: another template starts from its own.
  const [edited, setEdited] = useState<{ templateId: string; text: string } | null>(null);
  const text = edited?.templateId === templateId ? edited.text : null;
  const setText = (value: string): void => setEdited({ templateId, text: value });
  const preview = useCoreQuery('sms.preview', { draft: { customerId, templateId } });
  const outcome = useOutcome();
  const p = preview.data;
  const words = text ?? p?.text ?? '';
  const count = countSegments(words);
  const consentMissing = p?.hold === 'no_consent' ? p.reach?.skipped.find((contact) => contact.reason.startsWith('no consent')) : undefined;

  const send = (): Promise<boolean> =>
    outcome.run(async () => {
      const result = await call('sms.queue', { messages: [{ customerId, templateId, ...(text !== null ? { text } : {}) }] });
      onSent();
      preview.reload();
      if (result.skipped[0]) throw new Error(result.skipped[0].reason);
      return result.duplicates.length > 0 ? 'Already sent today: not sent again.' : 'Queued: it goes in a moment (see Outreach → Outbox).';
    });
  const recordConsent = (contactId: number): Promise<boolean> =>
    outcome.run(async () => {
      await call('contacts.smsConsent', { contactId, consent: true, note: 'Recorded on the customer page' });
      preview.reload();
      return 'Consent recorded.';
    });

  return (
    <section
      className="text-panel"
      aria-label="Text message"
      data-testid="text-panel"
      onKeyDown={onClose ? (event) => closeOnEscape(event, onClose) : undefined}
    >
      <div className="section-head">
        <h3>Text message</h3>
        <select
          className="input small"
          value={templateId}
          onChange={(event) => setTemplateId(event.target.value)}
          aria-label="Text template"
          autoFocus={onClose !== undefined}
        >
          {(templates.data ?? []).map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
            </option>
          ))}
        </select>
        {onClose && (
          <button type="button" className="button ghost small" onClick={onClose}>
            Close <Kbd keys={['Esc']} />
          </button>
        )}
      </div>
      {preview.error && <ErrorNotice error={preview.error} onRetry={preview.reload} />}
      {p && (
        <>
          <p className="muted text-to">
            {p.to ? (
              <>
                To <strong>{p.to.name}</strong> {p.to.number}
              </>
            ) : (
              'Nobody to text'
            )}
            {p.reach && (
              <>
                {' '}
                · their time {p.reach.localTime} ({p.reach.timeZone.zone})
              </>
            )}
          </p>
          {p.heldMessage && (
            <div className="notice warn" role="status">
              <strong>{HOLD_LABELS[p.hold ?? 'nothing_left']}.</strong> {p.heldMessage}
              {p.reach?.opensAt && <> Sending hours open {new Date(p.reach.opensAt).toLocaleString()}.</>}
              {consentMissing && (
                <button type="button" className="button ghost small" onClick={() => void recordConsent(consentMissing.contactId)}>
                  {consentMissing.name} agreed to texts
                </button>
              )}
            </div>
          )}
          {(p.reach?.skipped.length ?? 0) > 0 && (
            <ul className="muted text-skipped">
              {p.reach!.skipped.map((contact) => (
                <li key={contact.contactId}>
                  {contact.name}: {contact.reason}
                </li>
              ))}
            </ul>
          )}
          <textarea
            className="input text-body"
            rows={4}
            value={words}
            maxLength={MAX_TEXT_LENGTH}
            aria-label="Text"
            onChange={(event) => setText(event.target.value)}
          />
          <div className="setting-actions">
            <span className={count.segments > 2 ? 'chip warn' : 'chip'} aria-live="polite" data-testid="segments">
              {count.units} / {count.perSegment * Math.max(1, count.segments)} · {count.segments} {count.segments === 1 ? 'part' : 'parts'} · {count.encoding}
            </span>
            {count.nonGsm.length > 0 && <span className="muted">{count.nonGsm.join(' ')} make it UCS-2 (70 a part)</span>}
            <button
              type="button"
              className="button primary"
              aria-disabled={p.hold !== null || words.trim() === ''}
              onClick={() => p.hold === null && void send()}
            >
              Send text
            </button>
            {outcome.message && <span className="saved">{outcome.message}</span>}
          </div>
          {outcome.error && <ErrorNotice error={outcome.error} />}
        </>
      )}
    </section>
  );
}

function closeOnEscape(event: KeyboardEvent, close: () => void): void {
  if (event.key !== 'Escape') return;
  event.preventDefault();
  close();
}
