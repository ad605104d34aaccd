import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { TimelineEntry } from '../../../../shared/activity';
import { Money } from '../../components/Money';
import { call } from '../../lib/api';
import { formatDate, localizeDates } from '../../lib/format';
import { ReasonForm } from './ReasonForm';
import './activity.css';

const ROW_HEIGHT = 43;

interface Props {
  entries: TimelineEntry[];
  /** Calls and notes can be corrected or withdrawn; after either the timeline is re-read. */
  onAmended?(): void;
}

type Amending = { entry: TimelineEntry; how: 'edit' | 'withdraw' };

/**
 * Everything that happened with the customer, newest first; virtualized, so years of history scroll
 * smoothly. Rows are measured: a long detail (a reminder's subject and address) wraps instead of
 * being cut.
 */
export function Timeline({ entries, onAmended }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [amending, setAmending] = useState<Amending | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders as documented.
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const done = (): void => {
    setAmending(null);
    onAmended?.();
  };
  // Focusable so a keyboard user can scroll the history with the arrow keys.
  return (
    <div className="timeline-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label="Timeline" data-testid="timeline">
      {amending && <AmendForm amending={amending} onSaved={done} onCancel={() => setAmending(null)} />}
      <ol className="timeline" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index]!;
          return (
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className={`timeline-entry kind-${entry.kind}${entry.edited ? ' edited' : ''}`}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <span className="timeline-date">{formatDate(entry.at.slice(0, 10))}</span>
              <span className="timeline-title">{entry.title}</span>
              <span className="timeline-detail" title={localizeDates(entry.detail)}>
                {localizeDates(entry.detail)}
              </span>
              <span className="timeline-end">
                {entry.amountMinor !== undefined && entry.currency && <Money minor={entry.amountMinor} currency={entry.currency} />}
                {onAmended && entry.text !== undefined && (
                  <span className="timeline-tools">
                    <button type="button" className="button ghost small" onClick={() => setAmending({ entry, how: 'edit' })}>
                      Edit
                    </button>
                    <button type="button" className="button ghost small" onClick={() => setAmending({ entry, how: 'withdraw' })}>
                      Withdraw
                    </button>
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
      {entries.length === 0 && <p className="muted">Nothing yet. Calls, notes, promises and payments will show here.</p>}
    </div>
  );
}

function AmendForm({ amending: { entry, how }, onSaved, onCancel }: { amending: Amending; onSaved(): void; onCancel(): void }) {
  const activityId = entry.activityId!;
  const what = entry.kind === 'call' ? 'call' : 'note';
  return how === 'edit' ? (
    <ReasonForm
      title={`Correct this ${what}`}
      label={what === 'call' ? 'Notes' : 'Note'}
      testId="amend-form"
      initial={entry.text}
      onSubmit={(text) => call('activity.edit', { activityId, text })}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  ) : (
    <ReasonForm
      title={`Withdraw this ${what}`}
      label="Why (kept in the audit trail)"
      testId="amend-form"
      onSubmit={(reason) => call('activity.delete', { activityId, reason })}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}
