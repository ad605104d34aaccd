import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { AGING_BUCKETS, type AgingAmounts, type AgingBucket, type AgingCustomerRow } from '../../../../shared/aging';
import { withinCurrency } from '../../components/within-currency';
import { formatAmount, formatPlainAmount } from '../../lib/format';
import type { ExportColumn } from './export-table';

const column = createColumnHelper<AgingCustomerRow>();

/** Wide enough for the longest amount in the column (rows and totals), so none is cut; tabular digits are even. */
function widthFor(amounts: readonly number[], currencies: readonly string[]): number {
  const longest = amounts.reduce((max, minor, index) => Math.max(max, formatPlainAmount(minor, currencies[index]!).length), 4);
  return Math.max(84, Math.ceil(longest * 7.6) + 22);
}

/** A plain amount (the currency has its column), quiet at zero. */
function Amount({ minor, currency }: { minor: number; currency: string }) {
  return <span className={`money${minor === 0 ? ' zero' : minor < 0 ? ' negative' : ''}`}>{formatPlainAmount(minor, currency)}</span>;
}

type AmountKey = AgingBucket | 'total';

/** Customer, currency, one column per bucket (labelled by the current edges), total; widths from the data. */
export function agingColumns(labels: Record<AgingBucket, string>, rows: readonly AgingCustomerRow[], totals: Record<string, AgingAmounts>): ColumnDef<AgingCustomerRow>[] {
  const totalRows = Object.entries(totals);
  const currencies = [...rows.map((row) => row.currency), ...totalRows.map(([currency]) => currency)];
  const amountColumn = (key: AmountKey, header: string) =>
    column.accessor(key, {
      header,
      size: widthFor([...rows.map((row) => row[key]), ...totalRows.map(([, amounts]) => amounts[key])], currencies),
      sortingFn: withinCurrency<AgingCustomerRow>(),
      meta: { numeric: true },
      cell: (info) => {
        const row = info.row.original;
        const credit = key === 'total' && row.credits !== 0 ? `Includes unapplied credits of ${formatAmount(row.credits, row.currency)}` : undefined;
        return <span title={credit}><Amount minor={info.getValue()} currency={row.currency} />{credit && <span className="credit-mark" aria-label={credit}>*</span>}</span>;
      },
    });
  // Helper columns are typed by their value; the table takes them as one list (TanStack's documented widening).
  return [
    column.accessor('name', {
      header: 'Customer',
      meta: { grow: true },
      cell: (info) => (
        <span className="customer-cell" title={`${info.getValue()} · ${info.row.original.externalId}`}>
          {info.getValue()} <span className="muted">{info.row.original.externalId}</span>
        </span>
      ),
    }),
    column.accessor('currency', { header: 'Currency', size: 78 }),
    ...AGING_BUCKETS.map((bucket) => amountColumn(bucket, labels[bucket])),
    amountColumn('total', 'Total'),
  ] as ColumnDef<AgingCustomerRow>[];
}

/** One totals row per currency under the table: the sheet's bottom line, with its unapplied credits named. */
export function agingFooter(totals: Record<string, AgingAmounts>) {
  return Object.entries(totals).map(([currency, amounts]) => ({
    id: currency,
    cells: {
      name: (
        <span title={amounts.credits !== 0 ? `Includes unapplied credits of ${formatAmount(amounts.credits, currency)}` : undefined}>
          Total {currency}
          {amounts.credits !== 0 && <span className="muted"> (credits {formatPlainAmount(amounts.credits, currency)})</span>}
        </span>
      ),
      currency,
      ...Object.fromEntries([...AGING_BUCKETS, 'total' as const].map((key) => [key, <Amount key={key} minor={amounts[key]} currency={currency} />])),
    },
  }));
}

/** The table as exported: plain amounts (the core writes them in the currency's decimals) beside their currency, credits in their own column. */
export function agingExportColumns(labels: Record<AgingBucket, string>): ExportColumn<AgingCustomerRow>[] {
  return [
    { header: 'Customer', kind: 'text', value: (row) => row.name },
    { header: 'Customer ID', kind: 'text', value: (row) => row.externalId },
    { header: 'Currency', kind: 'text', value: (row) => row.currency },
    ...AGING_BUCKETS.map((bucket): ExportColumn<AgingCustomerRow> => ({ header: labels[bucket], kind: 'money', currencyColumn: 2, value: (row) => row[bucket] })),
    { header: 'Unapplied credits (in the buckets)', kind: 'money', currencyColumn: 2, value: (row) => row.credits },
    { header: 'Total', kind: 'money', currencyColumn: 2, value: (row) => row.total },
  ];
}
