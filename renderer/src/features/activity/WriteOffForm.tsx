import { useState } from 'react';
import { call } from '../../lib/api';
import { formatAmount } from '../../lib/format';
import { ActionForm } from './ActionForm';
import { parseUserAmount } from './amount-input';
import { InvoicePicker } from './InvoicePicker';
import { useOpenInvoices } from './use-open-invoices';

interface Props {
  customerId: number;
  /** Invoices ticked on the customer page: the first one is pre-chosen. */
  invoiceIds?: number[];
  onSaved(): void;
  onCancel(): void;
}

/**
 * Write off what is left of one invoice, or part of it, saying why: out of the chase at once, while
 * the ledger keeps the ERP's balance until its credit note. Beyond the collector's limit on a team
 * desk the form answers that a manager decides (the request is filed).
 */
export function WriteOffForm({ customerId, invoiceIds = [], onSaved, onCancel }: Props) {
  const invoices = useOpenInvoices(customerId);
  const [chosen, setChosen] = useState(invoiceIds.slice(0, 1));
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const invoice = invoices.find((i) => i.id === chosen[0]);
  return (
    <ActionForm
      title="Write off"
      testId="write-off-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => {
        if (!invoice) throw new Error('Tick the invoice to write off.');
        if (!reason.trim()) throw new Error('Reason: say why it is written off.');
        const amountMinor = amount.trim() ? parseUserAmount(amount, invoice.currency) : undefined;
        await call('activity.writeOff', { invoiceId: invoice.id, reason, ...(amountMinor === undefined ? {} : { amountMinor }) });
      }}
    >
      {/* One invoice at a time: ticking another moves the choice. */}
      <InvoicePicker invoices={invoices} chosen={chosen} onChange={(ids) => setChosen(ids.slice(-1))} autoFocus={invoiceIds.length === 0} />
      <label className="field">
        <span>Amount{invoice ? ` (${invoice.currency})` : ''}</span>
        <input
          className="input"
          inputMode="decimal"
          autoFocus={invoiceIds.length > 0}
          placeholder={invoice ? `All that is left, up to ${formatAmount(invoice.openMinor, invoice.currency)}` : 'All that is left'}
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
        />
      </label>
      <label className="field">
        <span>Reason</span>
        <input
          className="input"
          placeholder="Recorded on the timeline and sent to the ERP"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
    </ActionForm>
  );
}
