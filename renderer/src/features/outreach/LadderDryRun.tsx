import { Fragment } from 'react';
import { localToday } from '../../../../shared/dates';
import type { LadderPolicy } from '../../../../shared/outreach/ladder';
import type { ProcedureOutput } from '../../../../shared/api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate, plural } from '../../lib/format';
import type { CoreQuery } from '../../lib/core-query';
import { CHANNELS, REASONS } from './ladder-labels';

interface Props {
  asOf: string;
  onAsOf(date: string): void;
  /** Owned by the panel, which reloads it when a policy is saved or deleted. */
  run: CoreQuery<ProcedureOutput<'ladder.run'>>;
  policies: readonly LadderPolicy[];
  /** Opens the preview of today's email steps, where they are confirmed and sent. */
  onSend(): void;
}

/**
 * A dry run for any date showing exactly what the ladder would send and why each held-back invoice
 * is held. "Send" opens the same preview as a bulk send, where nothing is queued before confirming.
 */
export function LadderDryRun({ asOf, onAsOf, run, policies, onSend }: Props) {
  const emails = (run.data?.messages ?? []).filter((m) => m.step.channel === 'email').length;
  const stepLabel = (policyId: string, stepId: string): string =>
    policies.find((p) => p.id === policyId)?.steps.find((step) => step.id === stepId)?.label ?? stepId;

  return (
    <section className="card ladder-run" aria-label="Dry run">
      <div className="section-head">
        <label className="field inline">
          <span>Dry run as of</span>
          <input className="input" type="date" value={asOf} onChange={(event) => onAsOf(event.target.value)} />
        </label>
        <span className="muted">
          {plural(run.data?.messages.length ?? 0, 'message')} · {plural(run.data?.excluded.length ?? 0, 'invoice')} held back
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="button primary"
          disabled={emails === 0 || asOf !== localToday()}
          onClick={onSend}
          title="Opens the preview of every message: nothing is sent before you confirm"
        >
          Preview and send the {plural(emails, 'email')}
        </button>
      </div>
      {run.error && <ErrorNotice error={run.error} title="The ladder could not be run." />}
      <div className="ladder-tables">
        <table className="plain-table" aria-label="Would send" data-testid="ladder-messages">
          <thead>
            <tr>
              <th>Customer</th>
              <th>Step</th>
              <th>Invoices</th>
            </tr>
          </thead>
          <tbody>
            {(run.data?.messages ?? []).map((m) => (
              <tr key={`${m.customerId}-${m.step.channel}`}>
                <td title={m.customerExternalId}>{m.customerName}</td>
                <td className="nowrap">
                  {m.step.label} <span className="chip neutral">{CHANNELS[m.step.channel]}</span>
                </td>
                {/* An invoice number wraps between numbers, never at its own hyphen. */}
                <td>
                  {m.invoices.map((i, k) => (
                    <Fragment key={i.invoiceId}>
                      {k > 0 && ', '}
                      <span className="nowrap">{i.number}</span>
                    </Fragment>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="plain-table" aria-label="Held back" data-testid="ladder-excluded">
          <thead>
            <tr>
              <th>Invoice</th>
              <th>Customer</th>
              <th>Would be at</th>
              <th>Why not</th>
            </tr>
          </thead>
          <tbody>
            {(run.data?.excluded ?? []).map((e) => (
              <tr key={e.invoiceId}>
                <td className="nowrap">{e.number}</td>
                <td title={e.customerExternalId}>{e.customerName}</td>
                <td className="nowrap">{stepLabel(e.policyId, e.stepId)}</td>
                <td>{REASONS[e.reason]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        As of {formatDate(asOf)}. Steps are taken once per invoice; a late start joins at the current step but never opens with a final notice.
      </p>
    </section>
  );
}
