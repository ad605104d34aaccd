import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type MouseEvent, type RefObject } from 'react';
import { describeReason, type WorklistRow } from '../../../../shared/worklist';
import { Money } from '../../components/Money';
import type { WorklistPages } from './use-worklist-pages';

const ROW_HEIGHT = 52;

interface Props {
  queue: WorklistPages;
  total: number;
  selectedIndex: number;
  /** Changes when the collector moves the selection: only then is the list scrolled to it (not when a re-rank moves it). */
  revealKey: number;
  /** Customers ticked with x, for the bulk actions of the outreach screen. */
  ticked: ReadonlyMap<number, string>;
  today: string;
  onSelect(index: number): void;
  /** The list's element, which Esc from the filters focuses. */
  listRef?: RefObject<HTMLDivElement | null>;
}

interface RowProps {
  row: WorklistRow;
  index: number;
  top: number;
  selected: boolean;
  ticked: boolean;
  today: string;
}

/**
 * One customer in the queue; memoized, so scrolling renders only the rows that come into view. Its
 * props are all values (clicks are handled once, on the list), so the memo also holds when the
 * screen re-renders for a page arriving or the selection moving.
 */
const QueueRow = memo(function QueueRow({ row, index, top, selected, ticked, today }: RowProps) {
  const reason = row.reasons[0];
  return (
    <div
      role="option"
      id={`queue-row-${index}`}
      aria-selected={selected}
      data-testid="worklist-row"
      data-index={index}
      className={ticked ? 'queue-row ticked' : 'queue-row'}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <span className="queue-rank">{ticked ? <span aria-label="ticked">✓</span> : index + 1}</span>
      <span className="queue-name">{row.name}</span>
      <span className="queue-money">
        <Money minor={row.overdueMinor} currency={row.currency} />
      </span>
      <span className="queue-days">{row.oldestDaysPastDue > 0 ? `${row.oldestDaysPastDue}d` : ''}</span>
      <span className="queue-reason">{reason ? describeReason(reason, today, navigator.language) : ''}</span>
    </div>
  );
});

/** The ranked queue, virtualized and paged: a customer per two-line row with its first reason in words. */
export function QueueList({ queue, total, selectedIndex, revealKey, ticked, today, onSelect, listRef }: Props) {
  const ownRef = useRef<HTMLDivElement>(null);
  const scrollRef = listRef ?? ownRef;
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders as documented.
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    queue.want(first, last);
    // Only a new visible range (or a new queue) asks for pages; `queue` itself changes every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first, last, total]);
  useEffect(() => {
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    // Only a move by the collector scrolls; the index it moved to is read at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealKey, virtualizer]);

  // One handler for the whole list: a closure per row would be a new prop at every render of the screen.
  const click = (event: MouseEvent<HTMLDivElement>): void => {
    const row = (event.target as Element).closest<HTMLElement>('[data-index]');
    if (row) onSelect(Number(row.dataset.index));
  };

  return (
    <div
      className="queue-scroll"
      ref={scrollRef}
      role="listbox"
      tabIndex={0}
      aria-label="Worklist"
      aria-activedescendant={queue.rowAt(selectedIndex) ? `queue-row-${selectedIndex}` : undefined}
      data-testid="worklist-list"
      onClick={click}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = queue.rowAt(item.index);
          const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
          if (!row) return <div key={`loading-${item.index}`} className="queue-row loading" style={style} aria-hidden="true" />;
          return (
            <QueueRow
              key={`${row.customerId}-${row.currency}`}
              row={row}
              index={item.index}
              top={item.start}
              selected={item.index === selectedIndex}
              ticked={ticked.has(row.customerId)}
              today={today}
            />
          );
        })}
      </div>
    </div>
  );
}
