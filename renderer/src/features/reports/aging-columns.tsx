import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { AGING_BUCKETS, type AgingBucket, type AgingCustomerRow } from '../../../../shared/aging';
import { Money } from '../../components/Money';

const column = createColumnHelper<AgingCustomerRow>();

function moneyColumn(key: AgingBucket | 'total', header: string, size: number) {
  return column.accessor(key, {
    header,
    size,
    meta: { numeric: true },
    cell: (info) => <Money minor={info.getValue()} currency={info.row.original.currency} />,
  });
}

/** Customer, currency, one column per bucket (labelled by the current edges), total. */
export function agingColumns(labels: Record<AgingBucket, string>): ColumnDef<AgingCustomerRow>[] {
  // Helper columns are typed by their value; the table takes them as one list (TanStack's documented widening).
  return [
    column.accessor('name', {
      header: 'Customer',
      meta: { grow: true },
      cell: (info) => (
        <span className="customer-cell">
          {info.getValue()} <span className="muted">{info.row.original.externalId}</span>
        </span>
      ),
    }),
    column.accessor('currency', { header: 'Currency', size: 76 }),
    ...AGING_BUCKETS.map((bucket) => moneyColumn(bucket, labels[bucket], 102)),
    moneyColumn('total', 'Total', 118),
  ] as ColumnDef<AgingCustomerRow>[];
}
