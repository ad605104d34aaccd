import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { CustomerInvoice } from '../../../../shared/api';
import { DateCell } from '../../components/DateCell';
import { Money } from '../../components/Money';

const column = createColumnHelper<CustomerInvoice>();

type Chip = { label: string; tone: 'neutral' | 'info' | 'warn' | 'good' };

/** What is going on with an invoice: its balance state first, then what a collector agreed or contests. */
export function invoiceChips(invoice: CustomerInvoice): Chip[] {
  const chips: Chip[] = [];
  if (invoice.status === 'paid') chips.push({ label: 'Paid', tone: 'good' });
  else if (invoice.status === 'closed') chips.push({ label: 'Closed', tone: 'neutral' });
  else if (invoice.openMinor < invoice.amountMinor) chips.push({ label: 'Part paid', tone: 'info' });
  else chips.push({ label: 'Open', tone: 'neutral' });
  if (invoice.writtenOffMinor > 0) {
    chips.push(invoice.writtenOffMinor >= invoice.openMinor ? { label: 'Written off', tone: 'neutral' } : { label: 'Part written off', tone: 'info' });
  }
  if (invoice.disputed) chips.push({ label: 'Disputed', tone: 'warn' });
  if (invoice.inPlan) chips.push({ label: 'In plan', tone: 'info' });
  if (invoice.promised) chips.push({ label: 'Promised', tone: 'info' });
  return chips;
}

/**
 * The page's default order: what is still owed first, the longest overdue at the top (oldest due
 * date), then settled invoices, the most recent first. A click on a header sorts by that column instead.
 */
export function worstFirst(invoices: readonly CustomerInvoice[]): CustomerInvoice[] {
  const owed = (invoice: CustomerInvoice): boolean => invoice.status === 'open' && invoice.openMinor !== 0;
  return [...invoices].sort(
    (a, b) =>
      Number(owed(b)) - Number(owed(a)) ||
      (owed(a) ? a.dueDate.localeCompare(b.dueDate) : b.dueDate.localeCompare(a.dueDate)) ||
      a.number.localeCompare(b.number),
  );
}

// Helper columns are typed by their value; the table takes them as one list (TanStack's documented widening).
export const invoiceColumns = [
  column.accessor('number', { header: 'Invoice', size: 104 }),
  column.accessor('dueDate', { header: 'Due', size: 100, cell: (info) => <DateCell date={info.getValue()} /> }),
  column.accessor(
    (invoice) =>
      invoiceChips(invoice)
        .map((chip) => chip.label)
        .join(' '),
    {
      id: 'status',
      header: 'Status',
      meta: { grow: true },
      cell: (info) => (
        <span className="chips">
          {invoiceChips(info.row.original).map((chip) => (
            <span key={chip.label} className={`chip ${chip.tone}`}>
              {chip.label}
            </span>
          ))}
        </span>
      ),
    },
  ),
  column.accessor('amountMinor', {
    header: 'Amount',
    size: 104,
    meta: { numeric: true },
    cell: (info) => <Money minor={info.getValue()} currency={info.row.original.currency} />,
  }),
  column.accessor('openMinor', {
    header: 'Open',
    size: 104,
    meta: { numeric: true },
    cell: (info) => <Money minor={info.getValue()} currency={info.row.original.currency} />,
  }),
] as ColumnDef<CustomerInvoice>[];
