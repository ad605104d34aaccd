import { useRef, type KeyboardEvent } from 'react';
import type { Reason, WorklistRow } from '../../../../shared/worklist';
import { AGING_BUCKETS, DEFAULT_AGING_EDGES, agingBucketLabels, type AgingBucket } from '../../../../shared/aging';
import { useAppStatus } from '../../app/use-app-status';
import { useCommand } from '../../app/use-command';

export interface Filters {
  collector?: string;
  segment?: string;
  currency?: string;
  bucket?: AgingBucket;
  reason?: Reason['code'];
}

const REASONS: { code: Reason['code']; label: string }[] = [
  { code: 'promise_broken', label: 'Broken promise' },
  { code: 'promise_due', label: 'Promise due' },
  { code: 'installment_missed', label: 'Missed installment' },
  { code: 'dispute_past_sla', label: 'Dispute past SLA' },
  { code: 'escalation_due', label: 'Ladder step due' },
  { code: 'overdue_over', label: 'Over 60 days' },
  { code: 'no_touch', label: 'Not contacted lately' },
];

type Field = 'collector' | 'segment' | 'currency';

interface Props {
  pages: (readonly WorklistRow[])[];
  filters: Filters;
  /** This desk's collector on a team desk: the filter names it "mine". */
  me?: string | null;
  onChange(filters: Filters): void;
  /** Esc (or Enter on a chosen value) hands the keyboard back to the list. */
  onLeave(): void;
}

/**
 * Collector, segment, currency, age (the bucket of the oldest overdue invoice) and reason filters;
 * `/` jumps to the first, Esc goes back to the list. The selects pass letters and arrows to the
 * worklist (j, k, c … act on the queue, never pick an option): Space or Alt+↓ opens one to choose.
 * Choices are the values the queue has shown.
 */
export function QueueFilters({ pages, filters, me = null, onChange, onLeave }: Props) {
  const first = useRef<HTMLSelectElement>(null);
  const edges = useAppStatus().data?.agingEdges ?? DEFAULT_AGING_EDGES;
  const labels = agingBucketLabels(edges);
  const seen = useRef<Record<Field, Set<string>>>({ collector: new Set(), segment: new Set(), currency: new Set() });
  // Only pages not read before: scrolling a 50,000-row queue would otherwise re-read every loaded row at each new page.
  const read = useRef(new WeakSet<readonly WorklistRow[]>());
  for (const rows of pages) {
    if (read.current.has(rows)) continue;
    read.current.add(rows);
    for (const row of rows) {
      for (const field of ['collector', 'segment', 'currency'] as const) {
        const value = row[field];
        if (value) seen.current[field].add(value);
      }
    }
  }
  useCommand('worklist.filter', () => first.current?.focus());
  const set = (field: keyof Filters, value: string): void => {
    const next = { ...filters };
    if (value) (next as Record<string, string>)[field] = value;
    else delete next[field];
    onChange(next);
  };
  const keys = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape') return;
    // Handled here: the worklist's own Esc (clear the ticks) must not also run.
    event.preventDefault();
    onLeave();
  };
  const common = { className: 'input', 'data-shortcuts': 'pass' } as const;
  // Mine stays on the list even before a row of mine has loaded.
  if (me) seen.current.collector.add(me);
  const select = (field: Field, label: string, all: string, ref?: typeof first) => (
    <select ref={ref} {...common} aria-label={`Filter by ${label}`} value={filters[field] ?? ''} onChange={(event) => set(field, event.target.value)}>
      <option value="">{all}</option>
      {[...seen.current[field]].sort().map((value) => (
        <option key={value} value={value}>
          {field === 'collector' && value === me ? `Mine (${value})` : value}
        </option>
      ))}
    </select>
  );
  return (
    <div className="queue-filters" role="group" aria-label="Filters" onKeyDown={keys}>
      {select('collector', 'collector', 'All collectors', first)}
      {select('segment', 'segment', 'All segments')}
      {select('currency', 'currency', 'All currencies')}
      <select {...common} aria-label="Filter by age" value={filters.bucket ?? ''} onChange={(event) => set('bucket', event.target.value)}>
        <option value="">Any age</option>
        {AGING_BUCKETS.filter((bucket) => bucket !== 'current').map((bucket) => (
          <option key={bucket} value={bucket}>
            Oldest {labels[bucket]} days
          </option>
        ))}
      </select>
      <select {...common} aria-label="Filter by reason" value={filters.reason ?? ''} onChange={(event) => set('reason', event.target.value)}>
        <option value="">All reasons</option>
        {REASONS.map((reason) => (
          <option key={reason.code} value={reason.code}>
            {reason.label}
          </option>
        ))}
      </select>
    </div>
  );
}
