import { useState } from 'react';
import { DISPUTE_REASONS } from '../../../../shared/activity';
import { Money } from '../../components/Money';
import { call } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { ActionForm } from './ActionForm';

const LABELS: Record<(typeof DISPUTE_REASONS)[number], string> = {
  pricing: 'Pricing', quantity: 'Quantity', quality: 'Quality', not_received: 'Not received', duplicate_billing: 'Duplicate billing',
  po_missing: 'PO missing', other: 'Other',
};

interface Props {
  customerId: number;
  onSaved(): void;
  onCancel(): void;
}

/** Open a dispute on one or more of the customer's open invoices (Space ticks an invoice). */
export function DisputeForm({ customerId, onSaved, onCancel }: Props) {
  const invoices = useApi('customer.openInvoices', { customerId });
  const [chosen, setChosen] = useState<number[]>([]);
  const [reason, setReason] = useState<(typeof DISPUTE_REASONS)[number]>('pricing');
  const [slaDays, setSlaDays] = useState('14');
  const [note, setNote] = useState('');
  const toggle = (id: number): void => setChosen((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  return (
    <ActionForm
      title="Open a dispute"
      testId="dispute-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => {
        if (chosen.length === 0) throw new Error('Tick at least one invoice.');
        await call('activity.openDispute', { customerId, invoiceIds: chosen, reasonCode: reason, slaDays: Number(slaDays), note });
      }}
    >
      <fieldset className="dispute-invoices">
        <legend>Invoices</legend>
        {(invoices.data ?? []).map((invoice, index) => (
          <label key={invoice.id} className="checkbox">
            <input type="checkbox" autoFocus={index === 0} checked={chosen.includes(invoice.id)} disabled={invoice.disputed} onChange={() => toggle(invoice.id)} />
            {invoice.number} · due {formatDate(invoice.dueDate)} · <Money minor={invoice.openMinor} currency={invoice.currency} />
            {invoice.disputed && <span className="muted"> (already disputed)</span>}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Reason</span>
        <select className="input" value={reason} onChange={(event) => setReason(event.target.value as typeof reason)}>
          {DISPUTE_REASONS.map((code) => <option key={code} value={code}>{LABELS[code]}</option>)}
        </select>
      </label>
      <label className="field">
        <span>Resolve within (days)</span>
        <input className="input" type="number" min={1} max={365} value={slaDays} onChange={(event) => setSlaDays(event.target.value)} />
      </label>
      <label className="field">
        <span>Note</span>
        <input className="input" value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
    </ActionForm>
  );
}
