import type { TooltipContentProps } from 'recharts';
import { AGING_BUCKETS, type AgingBucket } from '../../../../shared/aging';
import { Money } from '../../components/Money';
import type { CurrencyAging } from './aging-rows';

type Props = Partial<TooltipContentProps<number, string>> & { labels: Record<AgingBucket, string> };

/** The hovered currency's buckets as amounts (the bar shows shares). */
export function AgingTooltip({ active, payload, labels }: Props) {
  const row = payload?.[0]?.payload as CurrencyAging | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{row.currency}</div>
      <table>
        <tbody>
          {AGING_BUCKETS.map((bucket, index) => (
            <tr key={bucket}>
              <th>
                <span className={`swatch bucket-${index}`} /> {labels[bucket]}
              </th>
              <td className="numeric">
                <Money minor={row.amounts[bucket]} currency={row.currency} />
              </td>
              <td className="numeric muted">{Math.round(row.shares[bucket] ?? 0)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
