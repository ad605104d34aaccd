import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { describeReason, type WorklistRow } from '../../../../shared/worklist';
import { Money } from '../../components/Money';

const ROW_HEIGHT = 52;

interface Props {
  rows: WorklistRow[];
  selectedIndex: number;
  /** Customers ticked with x, for the bulk actions of the outreach screen. */
  ticked: ReadonlySet<number>;
  today: string;
  onSelect(row: WorklistRow): void;
}

/** The ranked queue, virtualized: a customer per two-line row with its first reason in words. */
export function QueueList({ rows, selectedIndex, ticked, today, onSelect }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders as documented.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  useEffect(() => {
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div className="queue-scroll" ref={scrollRef} role="listbox" aria-label="Worklist" data-testid="worklist-list">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const reason = row.reasons[0];
          return (
            <div
              key={`${row.customerId}-${row.currency}`}
              role="option"
              aria-selected={item.index === selectedIndex}
              data-testid="worklist-row"
              className={ticked.has(row.customerId) ? 'queue-row ticked' : 'queue-row'}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              onClick={() => onSelect(row)}
            >
              <span className="queue-rank">{ticked.has(row.customerId) ? <span aria-label="ticked">✓</span> : item.index + 1}</span>
              <span className="queue-name">{row.name}</span>
              <span className="queue-money"><Money minor={row.overdueMinor} currency={row.currency} /></span>
              <span className="queue-days">{row.oldestDaysPastDue > 0 ? `${row.oldestDaysPastDue}d` : ''}</span>
              <span className="queue-reason">{reason ? describeReason(reason, today, navigator.language) : ''}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
