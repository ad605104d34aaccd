import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useCommand } from '../../app/use-command';
import { DateInput } from '../../components/DateInput';
import { formatDate } from '../../lib/format';
import { pastDay, useAsOf } from './as-of-store';
import { AS_OF_BANNER_ID } from './read-only';
import './as-of.css';

/** How long a typed date rests before the screens are read for it (each read of a past day builds its queue). */
const SETTLE_MS = 500;

interface Props {
  today: string;
  /** What the row shows on today's book (the worklist's done count); a past day's banner takes its place. */
  children?: ReactNode;
}

/**
 * The "as of" row: a date field (h focuses it) and, for a past day, the banner saying the screen is
 * read-only, with "Back to today". The banner replaces the row's usual text in the same row, so
 * nothing below moves when it appears.
 */
export function AsOfControl({ today, children }: Props) {
  const { day, refused, resets, show, backToToday } = useAsOf();
  const past = pastDay(day, today);
  const [typed, setTyped] = useState<string | null>(day ?? today);
  const field = useRef<HTMLSpanElement>(null);
  useCommand('history.asOf', () => field.current?.querySelector('input')?.focus());
  useEffect(() => {
    if (!typed || typed === (day ?? today)) return;
    const timer = setTimeout(() => show(typed >= today ? null : typed), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [typed, day, today, show]);
  return (
    <div className={past ? 'as-of-row past' : 'as-of-row'} data-testid="as-of-row">
      {past ? (
        <p className="as-of-banner" data-testid="as-of-banner">
          <strong id={AS_OF_BANNER_ID}>As of {formatDate(past)}, read-only: the book as it stood at the end of that day.</strong>
          <span className="as-of-refused" role="status" data-testid="as-of-refused">
            {refused ? `“${refused}” is off on a past day.` : ''}
          </span>
          <button
            type="button"
            className="button small"
            onClick={() => {
              backToToday();
              setTyped(today);
            }}
            data-testid="as-of-today"
          >
            Back to today
          </button>
        </p>
      ) : (
        children
      )}
      <span className="spacer" />
      <span className="field inline as-of-field" ref={field}>
        <span aria-hidden="true">As of</span>
        <DateInput key={resets} label="As of (h)" value={day ?? today} prefer="nearest" today={today} onChange={setTyped} testId="as-of-date" />
      </span>
    </div>
  );
}
