import { useCoreQuery } from '../../lib/core-query';

/** Sends are held while the ERP data is old: say so before anyone builds a batch. */
export function FreshnessBanner() {
  const freshness = useCoreQuery('outreach.freshness', {}).data;
  if (!freshness?.message) return null;
  return (
    <p className="notice error" role="alert" data-testid="freshness-banner">
      {freshness.message}
    </p>
  );
}
