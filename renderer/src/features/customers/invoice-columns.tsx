import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { OpenInvoice } from '../../../../shared/api';
import { DateCell } from '../../components/DateCell';
import { Money } from '../../components/Money';

const column = createColumnHelper<OpenInvoice>();

/** Open, partially paid or disputed, from the invoice's own figures. */
function statusOf(invoice: OpenInvoice): { label: string; tone: string } {
  if (invoice.disputed) return { label: 'Disputed', tone: 'warn' };
  if (invoice.openMinor < invoice.amountMinor) return { label: 'Partially paid', tone: 'info' };
  return { label: 'Open', tone: 'neutral' };
}

// Helper columns are typed by their value; the table takes them as one list (TanStack's documented widening).
export const invoiceColumns = [
  column.accessor('number', { header: 'Invoice', meta: { grow: true }, size: 140 }),
  column.accessor('dueDate', { header: 'Due', size: 110, cell: (info) => <DateCell date={info.getValue()} /> }),
  column.display({
    id: 'status',
    header: 'Status',
    size: 112,
    cell: (info) => {
      const status = statusOf(info.row.original);
      return <span className={`chip ${status.tone}`}>{status.label}</span>;
    },
  }),
  column.accessor('amountMinor', { header: 'Amount', size: 118, meta: { numeric: true }, cell: (info) => <Money minor={info.getValue()} currency={info.row.original.currency} /> }),
  column.accessor('openMinor', { header: 'Open', size: 118, meta: { numeric: true }, cell: (info) => <Money minor={info.getValue()} currency={info.row.original.currency} /> }),
] as ColumnDef<OpenInvoice>[];
