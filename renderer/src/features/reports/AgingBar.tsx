import { useState } from 'react';
import { AGING_BUCKETS, type AgingBucket } from '../../../../shared/aging';
import type { CurrencyAging } from './aging-rows';
import { BucketTable } from './BucketTooltip';
import './aging-bar.css';

interface Props {
  aging: CurrencyAging;
  labels: Record<AgingBucket, string>;
}

/**
 * One currency's balance as a 100% bar stacked from current to oldest; hover (or focus) shows the
 * exact amounts. Plain boxes, not a chart library: the customer page draws it, and the charting
 * library stays in the Reports screen's own chunk.
 */
export function AgingBar({ aging, labels }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <div
      className="aging-bar"
      role="img"
      tabIndex={0}
      aria-label={`Aging of ${aging.currency} balances`}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
    >
      <div className="aging-bar-track">
        {AGING_BUCKETS.map((bucket, index) => {
          const share = aging.shares[bucket] ?? 0;
          return share > 0 ? <span key={bucket} className={`aging-bar-part bucket-${index}`} style={{ flexGrow: share }} /> : null;
        })}
      </div>
      {open && (
        <div className="chart-tooltip aging-bar-card">
          <div className="chart-tooltip-title">{aging.currency}</div>
          <BucketTable labels={labels} currency={aging.currency} amounts={aging.amounts} shares={aging.shares} />
        </div>
      )}
    </div>
  );
}
