import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { OutboxMessage, OutboxStatus } from '../../../../shared/outreach/outbox';
import { call } from '../../lib/api';

const column = createColumnHelper<OutboxMessage>();

const STATUS: Record<OutboxStatus, { label: string; tone: string }> = {
  queued: { label: 'Queued', tone: 'neutral' }, sending: { label: 'Sending', tone: 'info' }, sent: { label: 'Sent', tone: 'good' },
  failed: { label: 'Failed', tone: 'warn' }, uncertain: { label: 'Uncertain', tone: 'warn' }, cancelled: { label: 'Cancelled', tone: 'neutral' },
};

/** Failed and uncertain messages wait for a person: send again, mark as sent (found in the Sent folder), or drop. */
function Decide({ message, onDone }: { message: OutboxMessage; onDone(): void }) {
  if (message.status !== 'failed' && message.status !== 'uncertain') return null;
  const resolve = (action: 'mark_sent' | 'send_again' | 'cancel') => () => void call('outbox.resolve', { messageId: message.id, action }).then(onDone);
  return (
    <span className="row-actions">
      <button type="button" className="button ghost small" onClick={resolve('send_again')}>Send again</button>
      {message.status === 'uncertain' && <button type="button" className="button ghost small" onClick={resolve('mark_sent')}>It was sent</button>}
      <button type="button" className="button ghost small" onClick={resolve('cancel')}>Drop</button>
    </span>
  );
}

export function outboxColumns(onChanged: () => void): ColumnDef<OutboxMessage>[] {
  // Helper columns are typed by their value; the table takes them as one list (TanStack's documented widening).
  return [
    column.accessor('status', {
      header: 'Status', size: 96,
      cell: (info) => <span className={`chip ${STATUS[info.getValue()].tone}`}>{STATUS[info.getValue()].label}</span>,
    }),
    column.accessor('customerName', { header: 'Customer', size: 150 }),
    column.accessor('subject', { header: 'Subject', meta: { grow: true }, cell: (info) => <span title={info.row.original.lastError ?? undefined}>{info.getValue()}</span> }),
    column.accessor('to', { header: 'To', size: 170 }),
    column.accessor('lastError', { header: 'Last problem', size: 150, cell: (info) => <span className="muted" title={info.getValue() ?? undefined}>{info.getValue() ?? ''}</span> }),
    column.display({ id: 'decide', header: '', size: 200, cell: (info) => <Decide message={info.row.original} onDone={onChanged} /> }),
  ] as ColumnDef<OutboxMessage>[];
}
