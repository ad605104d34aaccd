import { useEffect, useRef } from 'react';
import type { ChargePush } from '../../../../shared/charges';
import { Kbd } from '../../app/Kbd';
import { DateCell } from '../../components/DateCell';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Money } from '../../components/Money';
import { call } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { useOutcome } from '../../lib/use-outcome';

const ERP_NAMES: Record<string, string> = { odoo: 'Odoo', qbo: 'QuickBooks' };

function status(push: ChargePush): string {
  if (push.pushedAt) return `${ERP_NAMES[push.connector] ?? push.connector} ${push.erpNumber ?? `#${push.erpId}`}`;
  return push.lastError ? `Waiting: ${push.lastError}` : 'Waiting to be sent';
}

/**
 * The customer's late-payment charges invoiced in the ERP, and the one way to invoice more: the
 * button (Shift+I focuses it, Enter presses it). Never automatic: the charges not yet invoiced go as
 * one ERP invoice per currency; one that cannot go now waits and goes with the next sync.
 */
export function ChargesPush({
  customerId,
  asOf,
  focus,
  readOnly,
}: {
  customerId: number;
  asOf: string;
  focus: number;
  readOnly: Record<string, unknown> | null;
}) {
  const pushes = useCoreQuery('charges.pushes', { customerId });
  const { error, message, run } = useOutcome();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus > 0) button.current?.focus();
  }, [focus]);
  const push = (): Promise<boolean> =>
    run(async () => {
      const result = await call('charges.push', { customerId, asOf });
      pushes.reload();
      const waiting = result.pushes.filter((p) => !p.pushedAt).length;
      if (result.created === 0 && waiting === 0) return 'Nothing new to invoice: every charge is waived or already in the ERP.';
      return waiting > 0 ? `${waiting} charges invoice(s) waiting for the ERP: see why below; the next sync sends them.` : 'Invoiced in the ERP.';
    });
  const rows = pushes.data ?? [];
  return (
    <div className="charges-push" data-testid="charges-push" aria-label="Charges invoiced in the ERP">
      <div className="section-head">
        <h4>Charges in the ERP</h4>
        <button ref={button} type="button" className="button small" {...readOnly} onClick={() => void push()}>
          <Kbd keys={['Shift', 'I']} /> Invoice charges in the ERP
        </button>
      </div>
      {message && (
        <p className="muted" role="status">
          {message}
        </p>
      )}
      {error && <ErrorNotice error={error} title="The charges were not invoiced." />}
      {pushes.error && <ErrorNotice error={pushes.error} title="The charges invoiced could not be loaded." onRetry={pushes.reload} />}
      {pushes.data && rows.length === 0 && (
        <p className="muted">
          None yet. Charges reach the ERP only when you invoice them here: one invoice per currency, of what is neither waived nor invoiced before.
        </p>
      )}
      {rows.length > 0 && (
        <table className="statement-lines">
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.ref}
                  <span className="muted">
                    {' '}
                    to <DateCell date={p.asOf} />
                  </span>
                </td>
                <td>{status(p)}</td>
                <td className="num">
                  <Money minor={p.totalMinor} currency={p.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
