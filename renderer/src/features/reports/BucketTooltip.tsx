import type { TooltipContentProps } from 'recharts';
import { AGING_BUCKETS, type AgingAmounts, type AgingBucket } from '../../../../shared/aging';
import { Money } from '../../components/Money';

export interface BucketTooltipRow {
  title: string;
  currency: string;
  amounts: AgingAmounts;
  /** Each bucket's share, 0–100, when the chart shows shares (the 100% bar). */
  shares?: Record<string, number>;
}

type Props = Partial<TooltipContentProps<number, string>> & {
  labels: Record<AgingBucket, string>;
  /** The hovered datum as a row of buckets. */
  read(datum: never): BucketTooltipRow;
};

/** The hovered point's aging buckets as exact amounts (with shares when the chart shows shares), and the total. */
export function BucketTooltip({ active, payload, labels, read }: Props) {
  const datum: unknown = payload?.[0]?.payload;
  if (!active || datum === undefined) return null;
  const row = read(datum as never);
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{row.title}</div>
      <BucketTable labels={labels} currency={row.currency} amounts={row.amounts} shares={row.shares} />
    </div>
  );
}

/** Each bucket's amount (and share), the unapplied credits in them, and the total. */
export function BucketTable({ labels, currency, amounts, shares }: { labels: Record<AgingBucket, string>; currency: string; amounts: AgingAmounts; shares?: Record<string, number> | undefined }) {
  return (
    <table>
      <tbody>
        {AGING_BUCKETS.map((bucket, index) => (
          <tr key={bucket}>
            <th>
              <span className={`swatch bucket-${index}`} /> {labels[bucket]}
            </th>
            <td className="numeric">
              <Money minor={amounts[bucket]} currency={currency} />
            </td>
            {shares && <td className="numeric muted">{Math.round(shares[bucket] ?? 0)}%</td>}
          </tr>
        ))}
        {amounts.credits !== 0 && (
          <tr>
            <th>Unapplied credits (in the buckets)</th>
            <td className="numeric">
              <Money minor={amounts.credits} currency={currency} />
            </td>
            {shares && <td />}
          </tr>
        )}
        <tr>
          <th>Total</th>
          <td className="numeric">
            <Money minor={amounts.total} currency={currency} />
          </td>
          {shares && <td />}
        </tr>
      </tbody>
    </table>
  );
}
