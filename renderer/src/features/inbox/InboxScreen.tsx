import { useState } from 'react';
import { INBOX_FILTERS, type InboxFilter } from '../../../../shared/inbox';
import { Kbd } from '../../app/Kbd';
import { useCommand } from '../../app/use-command';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { plural } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';
import { useOutcome } from '../../lib/use-outcome';
import { InboxList } from './InboxList';
import { InboxPane, type InboxForm } from './InboxPane';
import './inbox.css';

const FILTER_LABELS: Record<InboxFilter | 'all', string> = {
  all: 'All open',
  reply: 'Replies',
  auto_reply: 'Out of office',
  bounce: 'Bounces',
  unmatched: 'Unmatched',
  other: 'Other',
};

/**
 * Triage of what came back: the same split view as the worklist. j/k move; t in transit, p promise,
 * d dispute, c new contact, a assign to a customer, e done; f reads the mailbox now.
 */
export function InboxScreen() {
  const [filter, setFilter] = useState<InboxFilter | 'all'>('all');
  const list = useCoreQuery('inbox.list', filter === 'all' ? {} : { filter });
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [form, setForm] = useState<InboxForm | null>(null);
  const fetching = useOutcome();
  const items = list.data ?? [];
  const index = Math.max(
    0,
    items.findIndex((item) => item.id === selectedId),
  );
  const selected = items[index];

  const select = (next: number): void => {
    const bounded = Math.max(0, Math.min(items.length - 1, next));
    setSelectedId(items[bounded]?.id ?? null);
    setForm(null);
  };
  useCommand('inbox.next', () => select(index + 1));
  useCommand('inbox.previous', () => select(index - 1));
  useCommand('inbox.fetch', () => void fetchNow());
  useCommand('inbox.close', () => setForm(null));

  async function fetchNow(): Promise<void> {
    await fetching.run(async () => {
      const result = await call('inbox.fetch', {});
      list.reload();
      return result.fetched === 0
        ? 'Nothing new.'
        : `${plural(result.fetched, 'new message')}: ${result.replies} replies, ${result.bounces} bounces, ${result.autoReplies} out of office.`;
    });
  }

  /** A handled message leaves the open list: the next one is the one to work on. */
  function handled(): void {
    setSelectedId(items[index + 1]?.id ?? items[index - 1]?.id ?? null);
    setForm(null);
    list.reload();
  }

  const settings = useCoreQuery('inbox.settings.get', {});
  if (list.error && !list.data) return <ErrorNotice error={list.error} title="The Inbox could not be read." onRetry={list.reload} />;
  if (settings.data === null) {
    return (
      <EmptyState title="No mailbox connected">
        <p>
          Connect the mailbox your reminders are sent from (Settings → Inbox) and Inflow reads the replies, bounces and out-of-office answers that come back.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="inbox">
      <div className="inbox-head">
        <div className="segmented" role="tablist" aria-label="Show">
          {(['all', ...INBOX_FILTERS.filter((f) => f !== 'other')] as const).map((value) => (
            <button
              key={value}
              type="button"
              role="tab"
              aria-selected={filter === value}
              className={filter === value ? 'segment-button active' : 'segment-button'}
              onClick={() => setFilter(value)}
            >
              {FILTER_LABELS[value]}
            </button>
          ))}
        </div>
        <span className="spacer" />
        {fetching.message && (
          <span className="muted" role="status">
            {fetching.message}
          </span>
        )}
        {fetching.error && (
          <span className="field-error" role="alert">
            {fetching.error.message}
          </span>
        )}
        <button type="button" className="button" onClick={() => void fetchNow()}>
          Check mail <Kbd keys={['f']} />
        </button>
      </div>
      {items.length === 0 && list.data ? (
        <EmptyState title={filter === 'all' ? 'Nothing waiting' : `No ${FILTER_LABELS[filter].toLowerCase()} waiting`}>
          <p>
            Replies, bounces and out-of-office answers to your reminders appear here as they arrive. Press <Kbd keys={['f']} /> to check now.
          </p>
        </EmptyState>
      ) : (
        <div className="inbox-split">
          <InboxList items={items} selectedIndex={index} onSelect={select} />
          {selected && <InboxPane key={selected.id} item={selected} form={form} onForm={setForm} onHandled={handled} onChanged={list.reload} />}
        </div>
      )}
    </div>
  );
}
