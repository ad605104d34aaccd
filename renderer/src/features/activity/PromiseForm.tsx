import { useState } from 'react';
import { addDays, isIsoDate } from '../../../../shared/dates';
import { call } from '../../lib/api';
import { formatDate, plural } from '../../lib/format';
import { ActionForm } from './ActionForm';
import { parseUserAmount } from './amount-input';
import { InvoicePicker } from './InvoicePicker';
import { useOpenInvoices } from './use-open-invoices';

interface Props {
  customerId: number;
  currency: string;
  today: string;
  /** Invoices already chosen (the selection on the customer page). */
  invoiceIds?: number[];
  onSaved(): void;
  onCancel(): void;
}

/**
 * Record a promise to pay: an amount in the customer's currency (parsed exactly, never as a float), a
 * date, and the invoices it covers; with none ticked it covers every open invoice in that currency.
 */
export function PromiseForm({ customerId, currency, today, invoiceIds = [], onSaved, onCancel }: Props) {
  const invoices = useOpenInvoices(customerId).filter((invoice) => invoice.currency === currency);
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(() => addDays(today, 7));
  const [chosen, setChosen] = useState(invoiceIds);
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title="Record a promise to pay"
      testId="promise-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => {
        const amountMinor = parseUserAmount(amount, currency);
        await call('activity.recordPromise', { customerId, amountMinor, currency, promisedDate: date, invoiceIds: chosen, note });
      }}
    >
      <div className="field-row">
        <label className="field">
          <span>Amount ({currency})</span>
          <input className="input" inputMode="decimal" autoFocus value={amount} onChange={(event) => setAmount(event.target.value)} />
        </label>
        <label className="field">
          <span>Pays by</span>
          <input className="input" type="date" min={today} value={date} onChange={(event) => setDate(event.target.value)} />
        </label>
      </div>
      {invoices.length > 0 && <InvoicePicker invoices={invoices} chosen={chosen} onChange={setChosen} />}
      {chosen.length === 0 && (
        <p className="muted" data-testid="promise-scope">
          No invoice ticked: the promise covers all {plural(invoices.length, `open ${currency} invoice`)}; reminders for them wait until {isIsoDate(date) ? formatDate(date) : 'the promised date'} and the customer leaves the queue until then.
        </p>
      )}
      <label className="field">
        <span>Note</span>
        <input className="input" value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
    </ActionForm>
  );
}
