import { useEffect, useRef } from 'react';
import type { InboxItem } from '../../../../shared/inbox';
import { timeAgo } from '../../../../shared/worklist';

const KIND_LABELS: Record<InboxItem['kind'], string> = { reply: 'Reply', auto_reply: 'Out of office', bounce: 'Bounce', other: 'Other' };

interface Props {
  items: InboxItem[];
  selectedIndex: number;
  onSelect(index: number): void;
}

/** Newest first: who it is from, the customer it is about (or "unmatched"), and one line of reading. */
export function InboxList({ items, selectedIndex, onSelect }: Props) {
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>(`[data-index="${selectedIndex}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedIndex]);
  const now = new Date();
  return (
    <div className="inbox-list" role="listbox" aria-label="Messages" ref={list} data-testid="inbox-list">
      {items.map((item, index) => (
        <div
          key={item.id}
          role="option"
          aria-selected={index === selectedIndex}
          data-index={index}
          className={`inbox-row kind-${item.kind}`}
          onClick={() => onSelect(index)}
        >
          <span className="inbox-kind">{KIND_LABELS[item.kind]}</span>
          <span className="inbox-customer">{item.customerName ?? <em className="muted">unmatched</em>}</span>
          <span className="inbox-when muted">{timeAgo(item.receivedAt, now)}</span>
          <span className="inbox-summary">{item.summary}</span>
        </div>
      ))}
    </div>
  );
}
