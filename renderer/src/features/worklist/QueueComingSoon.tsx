import type { AppStatus } from '../../../../shared/api';
import { useNav } from '../../app/nav-store';
import { EmptyState } from '../../components/EmptyState';
import { plural } from '../../lib/format';

/** Until the prioritized queue lands: what is loaded, and where to look at it today. */
export function QueueComingSoon({ status }: { status: AppStatus }) {
  const go = useNav((nav) => nav.go);
  return (
    <EmptyState
      title="Your prioritized queue is coming"
      actions={
        <>
          <button type="button" className="button primary" onClick={() => go('reports')}>
            Open the aging report
          </button>
          <button type="button" className="button" onClick={() => go('customers')}>
            Browse customers
          </button>
        </>
      }
    >
      <p>
        {plural(status.customers, 'customer')} and {plural(status.openInvoices, 'open invoice')} are loaded
        {status.currencies.length > 0 && ` in ${status.currencies.join(', ')}`}. Soon this screen will rank who to call
        next, with the reason in plain words.
      </p>
    </EmptyState>
  );
}
