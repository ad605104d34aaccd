import type { TimelineEntry } from '../../../../shared/activity';
import { Money } from '../../components/Money';
import { formatDate } from '../../lib/format';

/** Everything that happened with the customer, newest first. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol className="timeline" aria-label="Timeline" data-testid="timeline">
      {entries.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className={`timeline-entry kind-${entry.kind}`}>
          <span className="timeline-date">{formatDate(entry.at.slice(0, 10))}</span>
          <span className="timeline-title">{entry.title}</span>
          <span className="timeline-detail">{entry.detail}</span>
          {entry.amountMinor !== undefined && entry.currency && <Money minor={entry.amountMinor} currency={entry.currency} />}
        </li>
      ))}
      {entries.length === 0 && <li className="muted">Nothing yet.</li>}
    </ol>
  );
}
