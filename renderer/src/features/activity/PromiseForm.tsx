import { useState } from 'react';
import { addDays } from '../../../../shared/dates';
import { currencyExponent, parseAmount } from '../../../../shared/money';
import { call } from '../../lib/api';
import { ActionForm } from './ActionForm';

interface Props {
  customerId: number;
  currency: string;
  today: string;
  onSaved(): void;
  onCancel(): void;
}

/** Record a promise to pay: an amount in the customer's currency (parsed exactly, never as a float) and a date. */
export function PromiseForm({ customerId, currency, today, onSaved, onCancel }: Props) {
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(() => addDays(today, 7));
  const [note, setNote] = useState('');
  const decimal = (1.5).toLocaleString(navigator.language).includes(',') ? ',' : '.';
  return (
    <ActionForm
      title="Record a promise to pay"
      testId="promise-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => {
        const parsed = parseAmount(amount, currencyExponent(currency), { decimalSeparator: decimal });
        if (!parsed.ok || parsed.value <= 0) throw new Error(`Amount: ${parsed.ok ? 'must be more than zero' : parsed.reason}.`);
        await call('activity.recordPromise', { customerId, amountMinor: parsed.value, currency, promisedDate: date, note });
      }}
    >
      <label className="field">
        <span>Amount ({currency})</span>
        <input className="input" inputMode="decimal" autoFocus value={amount} onChange={(event) => setAmount(event.target.value)} />
      </label>
      <label className="field">
        <span>Pays by</span>
        <input className="input" type="date" min={today} value={date} onChange={(event) => setDate(event.target.value)} />
      </label>
      <label className="field">
        <span>Note</span>
        <input className="input" value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
    </ActionForm>
  );
}
