import { useState, type ReactNode } from 'react';
import type { Commitments, PromiseState } from '../../../../shared/commitments';
import { DateCell } from '../../components/DateCell';
import { Money } from '../../components/Money';
import { call } from '../../lib/api';
import { ReasonForm } from '../activity/ReasonForm';
import { DISPUTE_LABELS } from '../activity/dispute-labels';

const PROMISE_STATES: Record<PromiseState, { label: string; tone: string }> = {
  open: { label: 'Open', tone: 'info' },
  kept: { label: 'Kept', tone: 'good' },
  partially_kept: { label: 'Partly kept', tone: 'warn' },
  broken: { label: 'Broken', tone: 'warn' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

type Closing = { kind: 'promise' | 'plan' | 'dispute'; id: number };

interface Props {
  commitments: Commitments;
  numberOf(invoiceId: number): string;
  onChanged(): void;
}

/** Promises, plans and disputes with where they stand today; the running ones can be cancelled or resolved. */
export function CommitmentList({ commitments: { promises, plans, disputes }, numberOf, onChanged }: Props) {
  const [closing, setClosing] = useState<Closing | null>(null);
  // A promise naming no invoice covers the whole account (the send guard and the ladder read it so).
  const invoices = (ids: number[]): string => (ids.length ? ids.map(numberOf).join(', ') : 'all open invoices');
  const done = (): void => {
    setClosing(null);
    onChanged();
  };
  if (promises.length + plans.length + disputes.length === 0) return null;
  const rows: { key: string; running: boolean; node: ReactNode }[] = [
    ...disputes.map((dispute) => ({
      key: `d${dispute.id}`,
      running: dispute.status === 'open',
      node: (
        <>
          <span className={`chip ${dispute.status === 'open' ? 'warn' : 'neutral'}`}>{dispute.status === 'open' ? 'Disputed' : 'Resolved'}</span>
          <span>
            {DISPUTE_LABELS[dispute.reasonCode as keyof typeof DISPUTE_LABELS] ?? dispute.reasonCode} · {invoices(dispute.invoiceIds)}
          </span>
          <span className="muted">
            opened <DateCell date={dispute.openedDate} />
            {dispute.owner ? ` · ${dispute.owner}` : ''}
          </span>
          {dispute.status === 'open' && <CloseButton label="Resolve" onClick={() => setClosing({ kind: 'dispute', id: dispute.id })} />}
        </>
      ),
    })),
    ...plans.map((plan) => {
      const paid = plan.installments.filter((i) => i.state === 'paid').length;
      const missed = plan.installments.filter((i) => i.state === 'missed').length;
      const running = plan.cancelledDate === null && paid < plan.installments.length;
      return {
        key: `l${plan.id}`,
        running,
        node: (
          <>
            <span className={`chip ${missed > 0 && running ? 'warn' : running ? 'info' : 'neutral'}`}>
              {plan.cancelledDate ? 'Cancelled' : running ? plan.label : 'Completed'}
            </span>
            <span>
              {paid} of {plan.installments.length} paid{missed > 0 ? `, ${missed} missed` : ''} · {invoices(plan.invoiceIds)}
            </span>
            <span className="muted">
              <Money minor={plan.installments.reduce((sum, i) => sum + i.amountMinor, 0)} currency={plan.currency} />
            </span>
            {running && <CloseButton label="Cancel" onClick={() => setClosing({ kind: 'plan', id: plan.id })} />}
          </>
        ),
      };
    }),
    ...promises.map((promise) => ({
      key: `p${promise.id}`,
      running: promise.state === 'open',
      node: (
        <>
          <span className={`chip ${PROMISE_STATES[promise.state].tone}`}>{PROMISE_STATES[promise.state].label}</span>
          <span>
            <Money minor={promise.amountMinor} currency={promise.currency} /> by <DateCell date={promise.promisedDate} />
          </span>
          <span className="muted">
            {promise.paidMinor > 0 ? (
              <>
                paid <Money minor={promise.paidMinor} currency={promise.currency} /> ·{' '}
              </>
            ) : null}
            {invoices(promise.invoiceIds)}
          </span>
          {promise.state === 'open' && <CloseButton label="Cancel" onClick={() => setClosing({ kind: 'promise', id: promise.id })} />}
        </>
      ),
    })),
  ];
  const running = rows.filter((row) => row.running);
  const closed = rows.filter((row) => !row.running);
  const list = (items: typeof rows) => (
    <ul className="commitment-list">
      {items.map((row) => (
        <li key={row.key}>{row.node}</li>
      ))}
    </ul>
  );
  // What still runs is in view; what is settled (resolved, kept, cancelled) folds away, so the timeline keeps its room.
  return (
    <div className="commitments" data-testid="commitments">
      <h3>Promises, plans and disputes</h3>
      {closing && <CloseForm closing={closing} onSaved={done} onCancel={() => setClosing(null)} />}
      {running.length > 0 ? list(running) : <p className="muted commitments-none">Nothing running.</p>}
      {closed.length > 0 && (
        <details className="commitments-closed">
          <summary className="muted">{closed.length} settled (resolved, kept, completed or cancelled)</summary>
          {list(closed)}
        </details>
      )}
    </div>
  );
}

function CloseButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" className="button ghost small commitment-close" onClick={onClick}>
      {label}
    </button>
  );
}

function CloseForm({ closing: { kind, id }, onSaved, onCancel }: { closing: Closing; onSaved(): void; onCancel(): void }) {
  const common = { testId: 'close-form', onSaved, onCancel };
  if (kind === 'dispute') {
    return (
      <ReasonForm
        {...common}
        title="Resolve the dispute"
        label="How it was resolved"
        onSubmit={(resolutionNote) => call('activity.resolveDispute', { disputeId: id, resolutionNote })}
      />
    );
  }
  if (kind === 'plan')
    return <ReasonForm {...common} title="Cancel the plan" label="Why" onSubmit={(reason) => call('activity.cancelPlan', { planId: id, reason })} />;
  return <ReasonForm {...common} title="Cancel the promise" label="Why" onSubmit={(reason) => call('activity.cancelPromise', { promiseId: id, reason })} />;
}
