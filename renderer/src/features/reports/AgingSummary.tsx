import { AGING_BUCKETS, type AgingBucket, type AgingEdges } from '../../../../shared/aging';
import type { CurrencyAging } from './aging-rows';
import { AgingTile } from './AgingTile';

interface Props {
  currencies: CurrencyAging[];
  labels: Record<AgingBucket, string>;
  edges: AgingEdges;
}

/** A tile per currency (largest first), each with its own aging bar, under one legend. */
export function AgingSummary({ currencies, labels, edges }: Props) {
  return (
    <section className="aging-summary" data-testid="aging-chart" aria-label="Aging by currency">
      <ul className="chart-legend" aria-label="Days past due">
        {AGING_BUCKETS.map((bucket, index) => (
          <li key={bucket}>
            <span className={`swatch bucket-${index}`} /> {labels[bucket]}
          </li>
        ))}
      </ul>
      <div className="tiles">
        {currencies.map((aging) => (
          <AgingTile key={aging.currency} aging={aging} labels={labels} edges={edges} />
        ))}
      </div>
    </section>
  );
}
