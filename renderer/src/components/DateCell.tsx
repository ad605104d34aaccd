import { formatDate } from '../lib/format';

/** A business date (YYYY-MM-DD) in the user's locale, machine-readable underneath. */
export function DateCell({ date }: { date: string }) {
  return (
    <time className="date" dateTime={date}>
      {formatDate(date)}
    </time>
  );
}
