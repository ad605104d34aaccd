import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AGING_BUCKETS, type AgingBucket } from '../../../../shared/aging';
import type { CurrencyAging } from './aging-rows';
import { BucketTooltip } from './BucketTooltip';
import './aging-bar.css';

interface Props {
  aging: CurrencyAging;
  labels: Record<AgingBucket, string>;
}

/**
 * One currency's balance as a 100% bar stacked from current to oldest. Amounts in different
 * currencies never add up, so each currency gets its own bar; hover shows the amounts.
 */
export function AgingBar({ aging, labels }: Props) {
  return (
    <div className="aging-bar" aria-label={`Aging of ${aging.currency} balances`}>
      <ResponsiveContainer width="100%" height={12}>
        <BarChart data={[aging]} layout="vertical" margin={{ top: 0, right: 0, bottom: 0, left: 0 }} barCategoryGap={0}>
          <XAxis type="number" domain={[0, 100]} hide />
          <YAxis type="category" dataKey="currency" hide />
          <Tooltip
            content={<BucketTooltip labels={labels} read={(row: CurrencyAging) => ({ title: row.currency, currency: row.currency, amounts: row.amounts, shares: row.shares })} />}
            cursor={false}
            isAnimationActive={false}
            allowEscapeViewBox={{ x: true, y: true }}
            wrapperStyle={{ zIndex: 5 }}
          />
          {AGING_BUCKETS.map((bucket, index) => (
            <Bar
              key={bucket}
              dataKey={(row: CurrencyAging) => row.shares[bucket] ?? 0}
              name={labels[bucket]}
              stackId="aging"
              className={`bucket-${index}`}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
