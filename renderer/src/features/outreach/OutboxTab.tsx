import { useState } from 'react';
import { useCommand } from '../../app/use-command';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { useCoreQuery } from '../../lib/core-query';
import { BulkSend } from './BulkSend';
import { FreshnessBanner } from './FreshnessBanner';
import { OUTBOX_ROW_HEIGHT, outboxColumns } from './outbox-columns';
import { useOutreachSelection } from './outreach-store';
import { SentMessage } from './SentMessage';

const COLUMNS = outboxColumns();
// With a message open beside it, the table gives up the problem column (the message shows it) so the subject keeps its room.
const NARROW = COLUMNS.filter((column) => column.id !== 'problem');

/**
 * A bulk send for the customers ticked in the worklist, and the outbox: what went out, what failed,
 * what needs a decision. Enter or a double click on a row shows the message as it was sent.
 */
export function OutboxTab() {
  const { customers, pick } = useOutreachSelection();
  const outbox = useCoreQuery('outbox.list', { limit: 5000 });
  const [open, setOpen] = useState<number | null>(null);
  useCommand('outbox.close', () => setOpen(null), open !== null);
  const rows = outbox.data ?? [];
  return (
    <>
      <FreshnessBanner />
      {customers.length > 0 && (
        <BulkSend
          key={customers.map((c) => c.customerId).join()}
          customers={customers}
          onDone={() => {
            pick([]);
            outbox.reload();
          }}
        />
      )}
      {rows.length === 0 && customers.length === 0 ? (
        <EmptyState title="Nothing sent yet">
          <p>
            In the worklist, tick customers with <kbd>x</kbd> and press <kbd>e</kbd> to email them; every message you send is listed here.
          </p>
        </EmptyState>
      ) : (
        <div className={open === null ? 'outbox-split' : 'outbox-split open'}>
          <section className="card outbox" aria-label="Outbox">
            <DataTable
              data={rows}
              columns={open === null ? COLUMNS : NARROW}
              rowHeight={OUTBOX_ROW_HEIGHT}
              label="Outbox"
              testId="outbox-table"
              filterPlaceholder="Filter by customer, subject or status…"
              initialSort={[{ id: 'when', desc: true }]}
              screenKeys={customers.length === 0}
              onActivate={(message) => setOpen(message.id)}
            />
          </section>
          {open !== null && <SentMessage key={open} messageId={open} onClose={() => setOpen(null)} onChanged={outbox.reload} />}
        </div>
      )}
    </>
  );
}
