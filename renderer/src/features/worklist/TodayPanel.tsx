import { useState } from 'react';
import type { TodayItem, TodayList } from '../../../../shared/worklist';
import { Money } from '../../components/Money';
import { formatDate } from '../../lib/format';

interface Props {
  today: TodayList | undefined;
  /** A click on an item: the customer in the queue if it is there, else its page. */
  onOpen(item: TodayItem): void;
}

/**
 * Today's plate above the queue: follow-ups, promises and installments due, the ladder's tasks,
 * and the customers worked today, each ticked once done; collapsible so the queue keeps its room.
 */
export function TodayPanel({ today, onOpen }: Props) {
  const [open, setOpen] = useState(true);
  const items = today?.items ?? [];
  const done = items.filter((item) => item.done).length;
  return (
    <section className="today-panel" aria-label="Today" data-testid="today-panel">
      <button type="button" className="today-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="today-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <strong>Today</strong>
        <span className="muted" data-testid="today-count">
          {items.length === 0 ? 'nothing due yet' : `${done} of ${items.length} done`}
        </span>
      </button>
      {open && items.length > 0 && (
        <ul className="today-list">
          {items.map((item) => (
            <li key={`${item.kind}-${item.customerId}`} className={item.done ? 'done' : undefined} data-testid="today-item" data-done={item.done}>
              <button type="button" className="today-item" onClick={() => onOpen(item)} title={item.detail}>
                <span className="today-tick" aria-label={item.done ? 'done' : 'to do'}>
                  {item.done ? '✓' : '○'}
                </span>
                <span className="today-name">{item.name}</span>
                <span className="today-detail">
                  {item.detail}
                  {item.amountMinor !== undefined && item.currency && (
                    <>
                      {' '}
                      · <Money minor={item.amountMinor} currency={item.currency} />
                    </>
                  )}
                  {item.dueDate < (today?.date ?? item.dueDate) && <> · since {formatDate(item.dueDate)}</>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
