import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { useApi } from '../../lib/use-api';
import { BulkSend } from './BulkSend';
import { FreshnessBanner } from './FreshnessBanner';
import { outboxColumns } from './outbox-columns';
import { useOutreachSelection } from './outreach-store';
import { useOutboxChanges } from './use-outbox-changes';

/** A bulk send for the customers ticked in the worklist, and the outbox: what went out, what failed, what needs a decision. */
export function OutboxTab() {
  const { customers, pick } = useOutreachSelection();
  const outbox = useApi('outbox.list', { limit: 5000 });
  useOutboxChanges(() => outbox.reload());
  const rows = outbox.data ?? [];
  return (
    <>
      <FreshnessBanner />
      {customers.length > 0 && (
        <BulkSend key={customers.map((c) => c.customerId).join()} customers={customers} onDone={() => { pick([]); outbox.reload(); }} />
      )}
      {rows.length === 0 && customers.length === 0 ? (
        <EmptyState title="Nothing sent yet">
          <p>In the worklist, tick customers with <kbd>x</kbd> and press <kbd>e</kbd> to email them; every message you send is listed here.</p>
        </EmptyState>
      ) : (
        <section className="card outbox" aria-label="Outbox">
          <DataTable data={rows} columns={outboxColumns(outbox.reload)} label="Outbox" testId="outbox-table" filterPlaceholder="Filter by customer, subject or status…" />
        </section>
      )}
    </>
  );
}
