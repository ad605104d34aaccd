import { useState } from 'react';
import { addDays } from '../../../../shared/dates';
import { INSTALLMENT_INTERVALS, splitInstallments, type InstallmentInterval } from '../../../../shared/installments';
import { DateInput, dateProblem } from '../../components/DateInput';
import { Money } from '../../components/Money';
import { call } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { ActionForm } from './ActionForm';
import { amountText, parseUserAmount } from './amount-input';
import { InvoicePicker } from './InvoicePicker';
import { useOpenInvoices } from './use-open-invoices';

/** Plans differ only by their label: a pause without penalty and a downsized plan are plans too. */
const LABELS = ['Payment plan', 'No-penalty pause', 'Downsize'] as const;
const EVERY: Record<InstallmentInterval, string> = { weekly: 'Every week', fortnightly: 'Every two weeks', monthly: 'Every month' };

interface Props {
  customerId: number;
  currency: string;
  today: string;
  invoiceIds?: number[];
  onSaved(): void;
  onCancel(): void;
}

/** Agree a payment plan: the invoices it covers, a total split into equal installments, and when they fall due. */
export function PlanForm({ customerId, currency, today, invoiceIds = [], onSaved, onCancel }: Props) {
  const invoices = useOpenInvoices(customerId).filter((invoice) => invoice.currency === currency);
  const [label, setLabel] = useState<string>(LABELS[0]);
  const [chosen, setChosen] = useState(invoiceIds);
  const [total, setTotal] = useState('');
  const [count, setCount] = useState('3');
  const [first, setFirst] = useState<string | null>(() => addDays(today, 14));
  const [every, setEvery] = useState<InstallmentInterval>('monthly');
  const [note, setNote] = useState('');
  const chosenOpen = invoices.filter((invoice) => chosen.includes(invoice.id)).reduce((sum, invoice) => sum + invoice.openMinor, 0);
  // The total defaults to what the ticked invoices still owe.
  const totalText = total || (chosenOpen > 0 ? amountText(chosenOpen, currency) : '');
  const preview = first ? previewOf(totalText, Number(count), first, every, currency) : 'Type the first due date to see the installments.';

  return (
    <ActionForm
      title="Agree a payment plan"
      testId="plan-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => {
        const totalMinor = parseUserAmount(totalText, currency, 'Total');
        const problem = dateProblem('First due', first, today);
        if (problem || !first) throw new Error(problem ?? 'First due: a date is needed.');
        const installments = splitInstallments(totalMinor, Number(count), first, every);
        await call('activity.createPlan', { customerId, label, currency, invoiceIds: chosen, installments, note });
      }}
    >
      <label className="field">
        <span>Kind</span>
        <select className="input" autoFocus value={label} onChange={(event) => setLabel(event.target.value)}>
          {LABELS.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      </label>
      <InvoicePicker invoices={invoices} chosen={chosen} onChange={setChosen} />
      <div className="field-row">
        <label className="field">
          <span>Total ({currency})</span>
          <input className="input" inputMode="decimal" value={totalText} onChange={(event) => setTotal(event.target.value)} />
        </label>
        <label className="field">
          <span>Installments</span>
          <input className="input" type="number" min={1} max={120} value={count} onChange={(event) => setCount(event.target.value)} />
        </label>
      </div>
      <div className="field-row">
        <label className="field">
          <span>First due</span>
          <DateInput label="First due" value={first} onChange={setFirst} today={today} min={today} testId="plan-first-due" />
        </label>
        <label className="field">
          <span>Then</span>
          <select className="input" value={every} onChange={(event) => setEvery(event.target.value as InstallmentInterval)}>
            {INSTALLMENT_INTERVALS.map((option) => (
              <option key={option} value={option}>
                {EVERY[option]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {typeof preview === 'string' ? (
        <p className="muted">{preview}</p>
      ) : (
        <ol className="installments" aria-label="Installments" data-testid="plan-installments">
          {preview.map((installment) => (
            <li key={installment.dueDate}>
              {formatDate(installment.dueDate)} <Money minor={installment.amountMinor} currency={currency} />
            </li>
          ))}
        </ol>
      )}
      <label className="field">
        <span>Note</span>
        <input className="input" value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
    </ActionForm>
  );
}

/** The installments the fields describe, or what is missing to work them out. */
function previewOf(totalText: string, count: number, first: string, every: InstallmentInterval, currency: string) {
  if (!totalText) return 'Tick invoices or type a total to see the installments.';
  try {
    return splitInstallments(parseUserAmount(totalText, currency, 'Total'), count, first, every);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
