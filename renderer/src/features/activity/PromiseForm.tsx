import { useState } from 'react';
import { addDays, isIsoDate } from '../../../../shared/dates';
import { DateInput, dateProblem } from '../../components/DateInput';
import { call } from '../../lib/api';
import { formatDate, plural } from '../../lib/format';
import { ActionForm } from './ActionForm';
import { amountText, parseUserAmount } from './amount-input';
import { InvoicePicker } from './InvoicePicker';
import { useOpenInvoices } from './use-open-invoices';

/** What a form opened from another one starts with (a call that ended in "promised to pay"). */
export interface PromisePrefill {
  /** What a reply named, read by the Inbox: the collector confirms or corrects it. */
  amount?: string;
  date?: string;
  note?: string;
  /** Tick the customer's overdue invoices, so the amount starts at what is overdue. */
  tickOverdue?: boolean;
}

interface Props {
  customerId: number;
  currency: string;
  today: string;
  /** Invoices already chosen (the selection on the customer page). */
  invoiceIds?: number[];
  prefill?: PromisePrefill | undefined;
  onSaved(): void;
  onCancel(): void;
}

/**
 * Record a promise to pay: an amount in the customer's currency (parsed exactly, never as a float;
 * it starts at what the ticked invoices still owe, as the plan form's total does), a date, and the
 * invoices it covers; with none ticked it covers every open invoice in that currency.
 */
export function PromiseForm({ customerId, currency, today, invoiceIds = [], prefill, onSaved, onCancel }: Props) {
  const invoices = useOpenInvoices(customerId).filter((invoice) => invoice.currency === currency);
  const [amount, setAmount] = useState(prefill?.amount ?? '');
  const [date, setDate] = useState<string | null>(() => (prefill?.date && prefill.date >= today ? prefill.date : addDays(today, 7)));
  const [picked, setPicked] = useState<number[] | null>(invoiceIds.length > 0 || !prefill?.tickOverdue ? invoiceIds : null);
  const [note, setNote] = useState(prefill?.note ?? '');
  // From a call, the overdue invoices are ticked once they have loaded, until the collector changes the ticks.
  const chosen = picked ?? invoices.filter((invoice) => invoice.dueDate < today).map((invoice) => invoice.id);
  const chosenOpen = invoices.filter((invoice) => chosen.includes(invoice.id)).reduce((sum, invoice) => sum + invoice.openMinor, 0);
  const shownAmount = amount || (chosenOpen > 0 ? amountText(chosenOpen, currency) : '');
  return (
    <ActionForm
      title="Record a promise to pay"
      testId="promise-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => {
        const amountMinor = parseUserAmount(shownAmount, currency);
        const problem = dateProblem('Pays by', date, today);
        if (problem || !date) throw new Error(problem ?? 'Pays by: a date is needed.');
        await call('activity.recordPromise', { customerId, amountMinor, currency, promisedDate: date, invoiceIds: chosen, note });
      }}
    >
      <div className="field-row">
        <label className="field">
          <span>Amount ({currency})</span>
          <input
            className="input"
            inputMode="decimal"
            autoFocus
            data-testid="promise-amount"
            value={shownAmount}
            onChange={(event) => setAmount(event.target.value)}
          />
        </label>
        <label className="field">
          <span>Pays by</span>
          <DateInput label="Pays by" value={date} onChange={setDate} today={today} min={today} testId="promise-date" />
        </label>
      </div>
      {invoices.length > 0 && <InvoicePicker invoices={invoices} chosen={chosen} onChange={setPicked} />}
      {chosen.length === 0 && (
        <p className="muted" data-testid="promise-scope">
          No invoice ticked: the promise covers all {plural(invoices.length, `open ${currency} invoice`)}; reminders for them wait until{' '}
          {date !== null && isIsoDate(date) ? formatDate(date) : 'the promised date'} and the customer leaves the queue until then.
        </p>
      )}
      <label className="field">
        <span>Note</span>
        <input className="input" value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
    </ActionForm>
  );
}
