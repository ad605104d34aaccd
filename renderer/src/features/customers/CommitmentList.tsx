import { useState } from 'react';
import type { Commitments, PromiseState } from '../../../../shared/commitments';
import { DateCell } from '../../components/DateCell';
import { Money } from '../../components/Money';
import { call } from '../../lib/api';
import { ReasonForm } from '../activity/ReasonForm';
import { DISPUTE_LABELS } from '../activity/dispute-labels';

const PROMISE_STATES: Record<PromiseState, { label: string; tone: string }> = {
  open: { label: 'Open', tone: 'info' }, kept: { label: 'Kept', tone: 'good' }, partially_kept: { label: 'Partly kept', tone: 'warn' },
  broken: { label: 'Broken', tone: 'warn' }, cancelled: { label: 'Cancelled', tone: 'neutral' },
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
  return (
    <div className="commitments" data-testid="commitments">
      <h3>Promises, plans and disputes</h3>
      {closing && <CloseForm closing={closing} onSaved={done} onCancel={() => setClosing(null)} />}
      <ul className="commitment-list">
        {disputes.map((dispute) => (
          <li key={`d${dispute.id}`}>
            <span className={`chip ${dispute.status === 'open' ? 'warn' : 'neutral'}`}>{dispute.status === 'open' ? 'Disputed' : 'Resolved'}</span>
            <span>{DISPUTE_LABELS[dispute.reasonCode as keyof typeof DISPUTE_LABELS] ?? dispute.reasonCode} · {invoices(dispute.invoiceIds)}</span>
            <span className="muted">opened <DateCell date={dispute.openedDate} />{dispute.owner ? ` · ${dispute.owner}` : ''}</span>
            {dispute.status === 'open' && <CloseButton label="Resolve" onClick={() => setClosing({ kind: 'dispute', id: dispute.id })} />}
          </li>
        ))}
        {plans.map((plan) => {
          const paid = plan.installments.filter((i) => i.state === 'paid').length;
          const missed = plan.installments.filter((i) => i.state === 'missed').length;
          const running = plan.cancelledDate === null && paid < plan.installments.length;
          return (
            <li key={`l${plan.id}`}>
              <span className={`chip ${missed > 0 && running ? 'warn' : running ? 'info' : 'neutral'}`}>{plan.cancelledDate ? 'Cancelled' : running ? plan.label : 'Completed'}</span>
              <span>{paid} of {plan.installments.length} paid{missed > 0 ? `, ${missed} missed` : ''} · {invoices(plan.invoiceIds)}</span>
              <span className="muted"><Money minor={plan.installments.reduce((sum, i) => sum + i.amountMinor, 0)} currency={plan.currency} /></span>
              {running && <CloseButton label="Cancel" onClick={() => setClosing({ kind: 'plan', id: plan.id })} />}
            </li>
          );
        })}
        {promises.map((promise) => (
          <li key={`p${promise.id}`}>
            <span className={`chip ${PROMISE_STATES[promise.state].tone}`}>{PROMISE_STATES[promise.state].label}</span>
            <span><Money minor={promise.amountMinor} currency={promise.currency} /> by <DateCell date={promise.promisedDate} /></span>
            <span className="muted">{promise.paidMinor > 0 ? <>paid <Money minor={promise.paidMinor} currency={promise.currency} /> · </> : null}{invoices(promise.invoiceIds)}</span>
            {promise.state === 'open' && <CloseButton label="Cancel" onClick={() => setClosing({ kind: 'promise', id: promise.id })} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function CloseButton({ label, onClick }: { label: string; onClick(): void }) {
  return <button type="button" className="button ghost small commitment-close" onClick={onClick}>{label}</button>;
}

function CloseForm({ closing: { kind, id }, onSaved, onCancel }: { closing: Closing; onSaved(): void; onCancel(): void }) {
  const common = { testId: 'close-form', onSaved, onCancel };
  if (kind === 'dispute') {
    return <ReasonForm {...common} title="Resolve the dispute" label="How it was resolved" onSubmit={(resolutionNote) => call('activity.resolveDispute', { disputeId: id, resolutionNote })} />;
  }
  if (kind === 'plan') return <ReasonForm {...common} title="Cancel the plan" label="Why" onSubmit={(reason) => call('activity.cancelPlan', { planId: id, reason })} />;
  return <ReasonForm {...common} title="Cancel the promise" label="Why" onSubmit={(reason) => call('activity.cancelPromise', { promiseId: id, reason })} />;
}
