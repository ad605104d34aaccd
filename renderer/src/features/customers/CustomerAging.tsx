import { AGING_BUCKETS, agingBucketLabels, type AgingCustomerRow, type AgingEdges } from '../../../../shared/aging';
import { Money } from '../../components/Money';
import { AgingBar } from '../reports/AgingBar';
import { withShares } from '../reports/aging-rows';

/** The customer's balance by age, one small stacked bar per currency with the amounts under it. */
export function CustomerAging({ rows, edges }: { rows: AgingCustomerRow[]; edges: AgingEdges }) {
  const labels = agingBucketLabels(edges);
  if (rows.length === 0) return <p className="muted">Nothing owed today.</p>;
  return (
    <div className="customer-aging" data-testid="customer-aging">
      {rows.map((row) => (
        <div key={row.currency} className="customer-aging-row">
          <AgingBar aging={withShares(row.currency, row)} labels={labels} />
          <dl className="aging-buckets">
            {AGING_BUCKETS.map((bucket, index) => (
              <div key={bucket} className={row[bucket] === 0 ? 'empty' : undefined}>
                <dt>
                  <span className={`swatch bucket-${index}`} aria-hidden="true" />
                  {labels[bucket]}
                </dt>
                <dd>
                  <Money minor={row[bucket]} currency={row.currency} />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}
