import type { CustomerInvoice } from '../../../../shared/api';
import { Money } from '../../components/Money';
import { formatDate } from '../../lib/format';

interface Props {
  invoices: CustomerInvoice[];
  chosen: number[];
  onChange(ids: number[]): void;
  /** Invoices that cannot be chosen here, with why (e.g. already disputed). */
  unavailable?(invoice: CustomerInvoice): string | null;
  autoFocus?: boolean;
}

/** Tick the open invoices an action is about (Space ticks, Tab moves). */
export function InvoicePicker({ invoices, chosen, onChange, unavailable, autoFocus }: Props) {
  const toggle = (id: number): void => onChange(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  // Focus lands on the first invoice that can be ticked, so Space always ticks something.
  const first = invoices.findIndex((invoice) => (unavailable?.(invoice) ?? null) === null);
  return (
    <fieldset className="invoice-picker">
      <legend>Invoices</legend>
      {invoices.map((invoice, index) => {
        const why = unavailable?.(invoice) ?? null;
        return (
          <label key={invoice.id} className="checkbox">
            <input
              type="checkbox"
              autoFocus={autoFocus && index === first}
              checked={chosen.includes(invoice.id)}
              disabled={why !== null}
              onChange={() => toggle(invoice.id)}
            />
            {invoice.number} · due {formatDate(invoice.dueDate)} · <Money minor={invoice.openMinor} currency={invoice.currency} />
            {why && <span className="muted"> ({why})</span>}
          </label>
        );
      })}
      {invoices.length === 0 && <span className="muted">No open invoices.</span>}
    </fieldset>
  );
}
