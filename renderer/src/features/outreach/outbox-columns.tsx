import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { OutboxMessage, OutboxStatus } from '../../../../shared/outreach/outbox';
import { describeSendError } from '../../../../shared/outreach/send-error';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/format';

const column = createColumnHelper<OutboxMessage>();

export const OUTBOX_STATUS: Record<OutboxStatus, { label: string; tone: string }> = {
  queued: { label: 'Queued', tone: 'neutral' },
  sending: { label: 'Sending', tone: 'info' },
  sent: { label: 'Sent', tone: 'good' },
  failed: { label: 'Failed', tone: 'warn' },
  uncertain: { label: 'Uncertain', tone: 'warn' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

/** Failed and uncertain messages wait for a person: send again, mark as sent (found in the Sent folder), or drop. */
export function Decide({ message, onDone }: { message: OutboxMessage; onDone(): void }) {
  if (message.status !== 'failed' && message.status !== 'uncertain') return null;
  const resolve = (action: 'mark_sent' | 'send_again' | 'cancel') => () => void call('outbox.resolve', { messageId: message.id, action }).then(onDone);
  return (
    <span className="row-actions">
      <button type="button" className="button ghost small" onClick={resolve('send_again')}>
        Send again
      </button>
      {message.status === 'uncertain' && (
        <button type="button" className="button ghost small" onClick={resolve('mark_sent')}>
          It was sent
        </button>
      )}
      <button type="button" className="button ghost small" onClick={resolve('cancel')}>
        Drop
      </button>
    </span>
  );
}

/** When it went (or was queued, until it goes). */
const whenOf = (message: OutboxMessage): string => message.sentAt ?? message.createdAt;

/** Rows are two lines tall, like a mail client's list: the subject, then who it went to. */
export const OUTBOX_ROW_HEIGHT = 46;

/**
 * Sent (or queued) time, status, the message (subject over customer and address, the rest of the
 * width, so neither is cut), and the problem in words with the server's text on hover. Enter or a
 * double click opens the message as sent, with what to do about a failed one.
 */
export function outboxColumns(): ColumnDef<OutboxMessage>[] {
  // Helper columns are typed by their value; the table takes them as one list (TanStack's documented widening).
  return [
    column.accessor(whenOf, {
      id: 'when',
      header: 'Sent',
      size: 150,
      cell: (info) => (
        <time dateTime={info.getValue()} title={info.row.original.sentAt ? 'Sent' : 'Queued'}>
          {formatDateTime(info.getValue())}
        </time>
      ),
    }),
    column.accessor('status', {
      header: 'Status',
      size: 92,
      cell: (info) => <span className={`chip ${OUTBOX_STATUS[info.getValue()].tone}`}>{OUTBOX_STATUS[info.getValue()].label}</span>,
    }),
    column.accessor((message) => `${message.subject} ${message.customerName} ${message.to}`, {
      id: 'message',
      header: 'Message',
      meta: { grow: true },
      cell: (info) => {
        const message = info.row.original;
        return (
          <span className="outbox-message" title={`${message.subject}\n${message.customerName} <${message.to}>`}>
            <span className="outbox-subject">{message.subject}</span>
            <span className="outbox-to">
              {message.customerName} · {message.to}
            </span>
          </span>
        );
      },
    }),
    column.accessor((message) => (message.lastError ? describeSendError(message.lastError) : ''), {
      id: 'problem',
      header: 'Problem',
      size: 300,
      cell: (info) => (
        <span className="outbox-problem" title={info.row.original.lastError ?? undefined} data-testid="outbox-problem">
          {info.getValue()}
        </span>
      ),
    }),
  ] as ColumnDef<OutboxMessage>[];
}
