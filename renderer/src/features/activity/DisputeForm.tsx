import { useState } from 'react';
import { DISPUTE_REASONS } from '../../../../shared/activity';
import { call } from '../../lib/api';
import { ActionForm } from './ActionForm';
import { DISPUTE_LABELS } from './dispute-labels';
import { InvoicePicker } from './InvoicePicker';
import { useOpenInvoices } from './use-open-invoices';

interface Props {
  customerId: number;
  /** Invoices already chosen (the selection on the customer page). */
  invoiceIds?: number[];
  onSaved(): void;
  onCancel(): void;
}

/** Open a dispute on one or more of the customer's open invoices (Space ticks an invoice). */
export function DisputeForm({ customerId, invoiceIds = [], onSaved, onCancel }: Props) {
  const invoices = useOpenInvoices(customerId);
  const [chosen, setChosen] = useState(invoiceIds);
  const [reason, setReason] = useState<(typeof DISPUTE_REASONS)[number]>('pricing');
  const [owner, setOwner] = useState('');
  const [slaDays, setSlaDays] = useState('14');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title="Open a dispute"
      testId="dispute-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => {
        if (chosen.length === 0) throw new Error('Tick at least one invoice.');
        await call('activity.openDispute', {
          customerId,
          invoiceIds: chosen,
          reasonCode: reason,
          slaDays: Number(slaDays),
          note,
          ...(owner.trim() ? { owner } : {}),
        });
      }}
    >
      <InvoicePicker
        invoices={invoices}
        chosen={chosen}
        onChange={setChosen}
        autoFocus={invoiceIds.length === 0}
        unavailable={(invoice) => (invoice.disputed ? 'already disputed' : null)}
      />
      <div className="field-row">
        <label className="field">
          <span>Reason</span>
          <select className="input" autoFocus={invoiceIds.length > 0} value={reason} onChange={(event) => setReason(event.target.value as typeof reason)}>
            {DISPUTE_REASONS.map((code) => (
              <option key={code} value={code}>
                {DISPUTE_LABELS[code]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Resolve within (days)</span>
          <input className="input" type="number" min={1} max={365} value={slaDays} onChange={(event) => setSlaDays(event.target.value)} />
        </label>
      </div>
      <label className="field">
        <span>Owner</span>
        <input className="input" placeholder="Who resolves it (sales, warehouse …)" value={owner} onChange={(event) => setOwner(event.target.value)} />
      </label>
      <label className="field">
        <span>Note</span>
        <input className="input" value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
    </ActionForm>
  );
}
