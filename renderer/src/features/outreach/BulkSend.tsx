import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { localToday } from '../../../../shared/dates';
import type { SendPlan } from '../../../../shared/outreach/guard';
import { HOLD_LABELS } from '../../../../shared/outreach/guard-words';
import type { QueueResult } from '../../../../shared/outreach/outbox';
import { Kbd } from '../../app/Kbd';
import { useCommand } from '../../app/use-command';
import { ErrorNotice } from '../../components/ErrorNotice';
import { plural } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';
import { useOutcome } from '../../lib/use-outcome';
import { BatchProgress } from './BatchProgress';
import { goes, missingReason, planBulk, sendBulk, type BulkSource, type Override } from './bulk-plan';
import { PlannedDetail } from './PlannedDetail';
import { SendConfirm } from './SendConfirm';
import type { PickedCustomer } from './outreach-store';
import './send-preview.css';

/** The select's value for "each customer's next ladder step" (template ids are never empty). */
const LADDER_CHOICE = '';

interface Props {
  /** Customers ticked in the worklist; absent: every email step the ladder has due today (Outreach → Ladder). */
  customers?: PickedCustomer[];
  onDone(): void;
}

/**
 * A send in three steps: choose a template or the ladder's next step (and a video memo link),
 * preview every message as the send guard leaves it (j/k move, x skips one; what each leaves out and
 * why, who gets nothing and why), then confirm with the number of messages (typed for a big batch)
 * and send with progress and a summary. The ladder's "send now" starts at the preview.
 */
export function BulkSend({ customers, onDone }: Props) {
  const wholeLadder = customers === undefined;
  const customerIds = customers?.map((c) => c.customerId) ?? [];
  const templates = useCoreQuery('templates.list', { language: 'en' }).data ?? [];
  const [templateId, setTemplateId] = useState('first-reminder');
  const [plan, setPlan] = useState<SendPlan | null>(null);
  const [videoMemoUrl, setVideoMemoUrl] = useState('');
  const [step, setStep] = useState<'choose' | 'preview' | 'sent'>(wholeLadder ? 'preview' : 'choose');
  const [cursor, setCursor] = useState(0);
  const [skipped, setSkipped] = useState<ReadonlySet<number>>(new Set());
  const [overrides, setOverrides] = useState<ReadonlyMap<number, Override>>(new Map());
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<QueueResult | null>(null);
  const { error, run } = useOutcome();
  const source: BulkSource = wholeLadder
    ? { kind: 'ladder' }
    : templateId === LADDER_CHOICE
      ? { kind: 'ladder', customerIds }
      : { kind: 'template', templateId, customerIds };
  const video = videoMemoUrl.trim();
  const messages = plan?.messages ?? [];
  const current = messages[cursor];
  const chosen = messages.filter((m) => !skipped.has(m.customerId) && goes(m, overrides.get(m.customerId)));
  const blocked = chosen.some((m) => missingReason(overrides.get(m.customerId)));
  const list = useRef<HTMLUListElement>(null);
  // j/k keep the message being previewed in view in a long list.
  useEffect(() => {
    list.current?.children[cursor]?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);
  useEffect(() => {
    if (step === 'preview') list.current?.focus();
  }, [step]);

  const previewing = step === 'preview' && !confirming;
  useCommand('bulk.next', () => previewing && setCursor((c) => Math.min(messages.length - 1, c + 1)));
  useCommand('bulk.previous', () => previewing && setCursor((c) => Math.max(0, c - 1)));
  useCommand('bulk.skip', () => {
    if (!previewing || !current) return;
    setSkipped((set) => {
      const next = new Set(set);
      if (!next.delete(current.customerId)) next.add(current.customerId);
      return next;
    });
  });

  // Esc leaves, as the Close button does (seen: it did nothing, and only the mouse got out); from the
  // confirmation it goes back to the preview first.
  useCommand('bulk.close', () => (confirming ? setConfirming(false) : onDone()));

  async function preview(): Promise<void> {
    await run(async () => {
      setPlan(await planBulk(source, video));
      setCursor(0);
      setStep('preview');
    });
  }

  // It opens on the preview (of the default template, or of the whole ladder), the keyboard on the
  // messages (j, k, x): a letter typed into the template list would have picked another template.
  // Back changes the template.
  const planOnOpen = useEffectEvent(() => void preview());
  useEffect(() => planOnOpen(), []);

  async function send(): Promise<void> {
    setConfirming(false);
    await run(async () => {
      const queued = await sendBulk(source, chosen, overrides, video);
      // Nothing was due after all (another run took the steps): a summary with nothing queued.
      setResult(queued ?? { batchId: '', queued: 0, duplicates: [], skipped: [], dropped: [] });
      setStep('sent');
    });
  }

  return (
    <section className="card bulk-send" aria-label={wholeLadder ? 'Send the ladder' : 'Bulk send'} data-testid="bulk-send">
      <div className="bulk-head">
        <strong>{wholeLadder ? 'Send today’s ladder emails' : `Send to ${plural(customerIds.length, 'customer')}`}</strong>
        <ol className="steps">
          {(['choose', 'preview', 'sent'] as const)
            .filter((name) => !wholeLadder || name !== 'choose')
            .map((name, index) => (
              <li key={name} aria-current={step === name ? 'step' : undefined}>
                {index + 1}. {{ choose: 'Choose', preview: 'Preview', sent: 'Send' }[name]}
              </li>
            ))}
        </ol>
        <span className="spacer" />
        <button type="button" className="button ghost small" onClick={onDone}>
          Close
        </button>
      </div>
      {step === 'choose' && (
        <form
          className="bulk-choose"
          onSubmit={(event) => {
            event.preventDefault();
            void preview();
          }}
        >
          <label className="field">
            <span>Template</span>
            <select
              className="input"
              autoFocus={plan !== null}
              value={templateId}
              onChange={(event) => setTemplateId(event.target.value)}
              aria-label="Template"
            >
              <option value={LADDER_CHOICE}>The ladder&rsquo;s next step for each customer</option>
              {templates.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Video memo link (optional)</span>
            <input
              className="input"
              type="url"
              placeholder="https://www.loom.com/share/…"
              value={videoMemoUrl}
              onChange={(event) => setVideoMemoUrl(event.target.value)}
            />
          </label>
          <button type="submit" className="button primary">
            Preview {plural(customerIds.length, 'message')}
          </button>
          {error && <ErrorNotice error={error} title="The messages cannot be prepared." />}
        </form>
      )}
      {step === 'preview' &&
        !plan &&
        (error ? <ErrorNotice error={error} title="The ladder could not be planned." /> : <p className="muted">Preparing every message…</p>)}
      {step === 'preview' && plan && messages.length === 0 && (
        <p className="muted" data-testid="bulk-nothing">
          No email step of the ladder is due today.
        </p>
      )}
      {step === 'preview' && plan && current && (
        <div className="bulk-preview">
          <ul className="bulk-list" aria-label="Messages" data-testid="bulk-list" ref={list} tabIndex={0}>
            {messages.map((message, index) => {
              const going = !skipped.has(message.customerId) && goes(message, overrides.get(message.customerId));
              return (
                <li
                  key={message.customerId}
                  aria-current={index === cursor ? 'true' : undefined}
                  className={going ? undefined : 'skipped'}
                  onClick={() => setCursor(index)}
                  title={message.verdict.held ? HOLD_LABELS[message.verdict.held] : undefined}
                >
                  {going ? '✓' : '✕'} {message.customerName}
                  {message.verdict.dropped.length > 0 && <span className="muted"> · {message.verdict.dropped.length} left out</span>}
                </li>
              );
            })}
          </ul>
          <PlannedDetail
            key={current.customerId}
            message={current}
            today={localToday()}
            canOverride={source.kind === 'template'}
            override={overrides.get(current.customerId)}
            onOverride={(override) => setOverrides((map) => new Map(map).set(current.customerId, override))}
          />
          {confirming ? (
            <div className="bulk-actions">
              <SendConfirm count={chosen.length} typedAbove={plan.typedConfirmAbove} onConfirm={() => void send()} onCancel={() => setConfirming(false)} />
            </div>
          ) : (
            <div className="bulk-actions">
              <span className="muted">
                <Kbd keys={['j', 'k']} /> move · <Kbd keys={['x']} /> skip · {plural(chosen.length, 'message')} to send
                {messages.length > chosen.length && ` · ${messages.length - chosen.length} not sent`}
                {blocked && ' · say why before sending a held message'}
              </span>
              {!wholeLadder && (
                <button type="button" className="button ghost" onClick={() => setStep('choose')}>
                  Back
                </button>
              )}
              <button type="button" className="button primary" disabled={chosen.length === 0 || blocked} onClick={() => setConfirming(true)}>
                Send {plural(chosen.length, 'message')}
              </button>
            </div>
          )}
          {error && (
            <div className="bulk-error">
              <ErrorNotice error={error} title="Nothing was queued." />
            </div>
          )}
        </div>
      )}
      {step === 'sent' && result && <SendSummary result={result} />}
    </section>
  );
}

function SendSummary({ result }: { result: QueueResult }) {
  return (
    <div className="bulk-result">
      {result.queued > 0 && <BatchProgress batchId={result.batchId} total={result.queued} />}
      {result.queued === 0 && result.duplicates.length === 0 && <p className="muted">Nothing to send.</p>}
      {result.duplicates.length > 0 && (
        <p className="muted">Already sent today, not queued again: {result.duplicates.map((d) => d.customerName).join(', ')}.</p>
      )}
      {result.dropped.length > 0 && (
        <p className="muted" data-testid="bulk-left-out">
          Left out of the messages: {result.dropped.map((d) => `${d.number} (${HOLD_LABELS[d.reason].toLowerCase()})`).join(', ')}.
        </p>
      )}
      {result.skipped.length > 0 && (
        <ul className="bulk-skipped" aria-label="Not queued">
          {result.skipped.map((s) => (
            <li key={s.customerId}>
              {s.customerName}: {s.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
