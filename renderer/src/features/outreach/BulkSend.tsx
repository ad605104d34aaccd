import { useEffect, useRef, useState } from 'react';
import type { QueueResult } from '../../../../shared/outreach/outbox';
import { Kbd } from '../../app/Kbd';
import { useShortcut } from '../../app/use-shortcut';
import { ErrorNotice } from '../../components/ErrorNotice';
import { plural } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { useOutcome } from '../../lib/use-outcome';
import { BatchProgress } from './BatchProgress';
import { planBulk, sendBulk, type BulkChoice, type BulkPlan } from './bulk-plan';
import { MessagePreview } from './MessagePreview';
import type { PickedCustomer } from './outreach-store';

/** The select's value for "each customer's next ladder step" (template ids are never empty). */
const LADDER_CHOICE = '';

interface Props {
  customers: PickedCustomer[];
  onDone(): void;
}

/**
 * A bulk send in three steps: choose a template or the ladder's next step (and a video memo link),
 * preview every message (j/k move, x skips one), then send with progress and a summary of what was
 * not queued and why.
 */
export function BulkSend({ customers, onDone }: Props) {
  const customerIds = customers.map((c) => c.customerId);
  const templates = useApi('templates.list', { language: 'en' }).data ?? [];
  const [templateId, setTemplateId] = useState('first-reminder');
  const [plan, setPlan] = useState<BulkPlan | null>(null);
  const [videoMemoUrl, setVideoMemoUrl] = useState('');
  const [step, setStep] = useState<'choose' | 'preview' | 'sent'>('choose');
  const [cursor, setCursor] = useState(0);
  const [skipped, setSkipped] = useState<ReadonlySet<number>>(new Set());
  const [result, setResult] = useState<QueueResult | null>(null);
  const { error, run } = useOutcome();
  const current = customerIds[cursor];
  const choice: BulkChoice = templateId === LADDER_CHOICE ? { kind: 'ladder' } : { kind: 'template', templateId };
  const video = videoMemoUrl.trim();
  const isHeld = (customerId: number): boolean => plan?.held.has(customerId) ?? false;
  const list = useRef<HTMLUListElement>(null);
  // j/k keep the message being previewed in view in a long list.
  useEffect(() => {
    list.current?.children[cursor]?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  useShortcut('j', () => step === 'preview' && setCursor((c) => Math.min(customerIds.length - 1, c + 1)));
  useShortcut('k', () => step === 'preview' && setCursor((c) => Math.max(0, c - 1)));
  useShortcut('x', () => {
    if (step !== 'preview' || current === undefined) return;
    setSkipped((set) => {
      const next = new Set(set);
      if (!next.delete(current)) next.add(current);
      return next;
    });
  });

  async function preview(): Promise<void> {
    await run(async () => {
      setPlan(await planBulk(choice, customerIds, video));
      setStep('preview');
    });
  }

  async function send(): Promise<void> {
    if (!plan) return;
    await run(async () => {
      const queued = await sendBulk(choice, plan, customerIds.filter((id) => !skipped.has(id)), video);
      // Nothing was due after all (another run took the steps): a summary with nothing queued.
      setResult(queued ?? { batchId: '', queued: 0, duplicates: [], skipped: [] });
      setStep('sent');
    });
  }

  const sending = customerIds.filter((id) => !skipped.has(id) && !isHeld(id)).length;
  const draft = current === undefined ? undefined : plan?.drafts.get(current);
  return (
    <section className="card bulk-send" aria-label="Bulk send" data-testid="bulk-send">
      <div className="bulk-head">
        <strong>Send to {plural(customerIds.length, 'customer')}</strong>
        <ol className="steps">
          {(['choose', 'preview', 'sent'] as const).map((name, index) => (
            <li key={name} aria-current={step === name ? 'step' : undefined}>{index + 1}. {{ choose: 'Choose', preview: 'Preview', sent: 'Send' }[name]}</li>
          ))}
        </ol>
        <span className="spacer" />
        <button type="button" className="button ghost small" onClick={onDone}>Close</button>
      </div>
      {step === 'choose' && (
        <form className="bulk-choose" onSubmit={(event) => { event.preventDefault(); void preview(); }}>
          <label className="field">
            <span>Template</span>
            <select className="input" autoFocus value={templateId} onChange={(event) => setTemplateId(event.target.value)} aria-label="Template">
              <option value={LADDER_CHOICE}>The ladder&rsquo;s next step for each customer</option>
              {templates.map((template) => <option key={template.id} value={template.id}>{template.name}</option>)}
            </select>
          </label>
          <label className="field">
            <span>Video memo link (optional)</span>
            <input className="input" type="url" placeholder="https://www.loom.com/share/…" value={videoMemoUrl} onChange={(event) => setVideoMemoUrl(event.target.value)} />
          </label>
          <button type="submit" className="button primary">Preview {plural(customerIds.length, 'message')}</button>
          {error && <ErrorNotice error={error} title="The messages cannot be prepared." />}
        </form>
      )}
      {step === 'preview' && current !== undefined && (
        <div className="bulk-preview">
          <ul className="bulk-list" aria-label="Messages" data-testid="bulk-list" ref={list}>
            {customers.map(({ customerId: id, name }, index) => (
              <li key={id} aria-current={index === cursor ? 'true' : undefined} className={skipped.has(id) || isHeld(id) ? 'skipped' : undefined} onClick={() => setCursor(index)}>
                {skipped.has(id) || isHeld(id) ? '✕' : '✓'} {name}
              </li>
            ))}
          </ul>
          {draft ? <MessagePreview draft={draft} /> : <p className="notice" data-testid="bulk-held">Nothing goes to this customer: {plan?.held.get(current)}.</p>}
          <div className="bulk-actions">
            <span className="muted"><Kbd keys={['j', 'k']} /> move · <Kbd keys={['x']} /> skip · {plural(sending, 'message')} to send</span>
            <button type="button" className="button ghost" onClick={() => setStep('choose')}>Back</button>
            <button type="button" className="button primary" disabled={sending === 0} onClick={() => void send()}>Send {plural(sending, 'message')}</button>
          </div>
          {error && <div className="bulk-error"><ErrorNotice error={error} title="Nothing was queued." /></div>}
        </div>
      )}
      {step === 'sent' && result && (
        <div className="bulk-result">
          {result.queued > 0 && <BatchProgress batchId={result.batchId} total={result.queued} />}
          {result.queued === 0 && result.duplicates.length === 0 && <p className="muted">Nothing to send.</p>}
          {result.duplicates.length > 0 && <p className="muted">Already sent today, not queued again: {result.duplicates.map((d) => d.customerName).join(', ')}.</p>}
          {result.skipped.length > 0 && (
            <ul className="bulk-skipped" aria-label="Not queued">
              {result.skipped.map((s) => <li key={s.customerId}>{s.customerName}: {s.reason}</li>)}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
