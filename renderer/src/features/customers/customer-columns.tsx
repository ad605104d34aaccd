import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { CustomerListRow } from '../../../../shared/api';
import { Money } from '../../components/Money';
import { withinCurrency } from '../../components/within-currency';
import { formatCount } from '../../lib/format';

const column = createColumnHelper<CustomerListRow>();

// Helper columns are typed by their value; the table takes them as one list (TanStack's documented widening).
export const customerColumns = [
  column.accessor('name', { header: 'Customer', meta: { grow: true }, size: 260 }),
  column.accessor('externalId', { header: 'ID', size: 120, cell: (info) => <span className="muted">{info.getValue()}</span> }),
  column.accessor('currency', { header: 'Currency', size: 90 }),
  column.accessor('openInvoices', { header: 'Open invoices', size: 120, meta: { numeric: true }, cell: (info) => formatCount(info.getValue()) }),
  column.accessor('openMinor', {
    header: 'Open balance',
    size: 150,
    meta: { numeric: true },
    sortingFn: withinCurrency<CustomerListRow>(),
    cell: (info) => <Money minor={info.getValue()} currency={info.row.original.currency} />,
  }),
  column.accessor('overdueMinor', {
    header: 'Overdue',
    size: 150,
    meta: { numeric: true },
    sortingFn: withinCurrency<CustomerListRow>(),
    cell: (info) => <Money minor={info.getValue()} currency={info.row.original.currency} />,
  }),
  column.accessor('creditsMinor', {
    header: () => <span title="Credit notes and payments not yet applied to an invoice; already netted in Open and Overdue.">Unapplied credits</span>,
    size: 150,
    meta: { numeric: true },
    sortingFn: withinCurrency<CustomerListRow>(),
    cell: (info) => <Money minor={info.getValue()} currency={info.row.original.currency} />,
  }),
] as ColumnDef<CustomerListRow>[];
