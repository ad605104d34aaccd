import type { AgingBucket, AgingEdges } from '../../../../shared/aging';
import type { CurrencyAging } from './aging-rows';
import { AgingTile } from './AgingTile';
import { BucketLegend } from './BucketLegend';

interface Props {
  currencies: CurrencyAging[];
  labels: Record<AgingBucket, string>;
  edges: AgingEdges;
}

/** A tile per currency (largest first), each with its own aging bar, under one legend. */
export function AgingSummary({ currencies, labels, edges }: Props) {
  return (
    <section className="aging-summary" data-testid="aging-chart" aria-label="Aging by currency">
      <BucketLegend labels={labels} />
      <div className="tiles">
        {currencies.map((aging) => (
          <AgingTile key={aging.currency} aging={aging} labels={labels} edges={edges} />
        ))}
      </div>
    </section>
  );
}
