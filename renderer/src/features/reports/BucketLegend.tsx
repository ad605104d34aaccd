import { AGING_BUCKETS, type AgingBucket } from '../../../../shared/aging';

/** The aging buckets' colours and names, shared by every chart drawn in them. */
export function BucketLegend({ labels }: { labels: Record<AgingBucket, string> }) {
  return (
    <ul className="chart-legend" aria-label="Days past due">
      {AGING_BUCKETS.map((bucket, index) => (
        <li key={bucket}>
          <span className={`swatch bucket-${index}`} /> {labels[bucket]}
        </li>
      ))}
    </ul>
  );
}
