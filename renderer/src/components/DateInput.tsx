import { useId, useRef, useState } from 'react';
import { dateOrderOf, parseDateInput } from '../../../shared/date-input';
import { formatDate } from '../lib/format';
import './date-input.css';

const locale = typeof navigator === 'undefined' ? 'en-US' : navigator.language;
const order = dateOrderOf(new Intl.DateTimeFormat(locale).formatToParts(new Date(Date.UTC(2026, 11, 28))));
const monthNames = Array.from({ length: 12 }, (_, m) =>
  new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, m, 1))).toLowerCase(),
);
/** The field shows a date in the screen's one style (formatDate), which the parser reads back. */
const written = formatDate;

interface Props {
  /** An ISO date, '' when empty; null while the text typed is not a date. */
  value: string | null;
  onChange(value: string | null): void;
  today: string;
  /** Due dates look ahead; an "as of" date takes the nearest year. */
  prefer?: 'future' | 'nearest';
  min?: string;
  label: string;
  autoFocus?: boolean;
  testId?: string;
}

/**
 * One text field for a date, one Tab stop: "12/28" (in the locale's order), "Dec 28", "+3d", "+2w",
 * "fri", "tomorrow" or an ISO date; the date it reads is shown beside it in words. Ctrl+Enter inside
 * it reaches the form (it is a plain input), and the calendar button opens the browser's picker.
 */
export function DateInput({ value, onChange, today, prefer = 'future', min, label, autoFocus, testId }: Props) {
  const [text, setText] = useState(value ? written(value) : '');
  const picker = useRef<HTMLInputElement>(null);
  const hint = useId();
  const read = (typed: string): string | null => (typed.trim() === '' ? '' : parseDateInput(typed, { today, order, prefer, monthNames }));
  // What the text reads as now (the parent may keep its last good date meanwhile).
  const shown = read(text);
  const early = shown && min && shown < min ? `on or after ${formatDate(min)}` : null;
  const change = (typed: string): void => {
    setText(typed);
    onChange(read(typed));
  };
  return (
    <span className="date-input">
      <input
        className="input"
        aria-label={label}
        aria-describedby={hint}
        aria-invalid={shown === null || early !== null}
        autoFocus={autoFocus}
        data-testid={testId}
        placeholder={order === 'dmy' ? '28/12, +3d, fri' : order === 'ymd' ? '2026-12-28, +3d, fri' : '12/28, +3d, fri'}
        value={text}
        onChange={(event) => change(event.target.value)}
        // The date it reads is written back in the locale's style, so the field shows what will be saved.
        onBlur={() => shown && setText(written(shown))}
      />
      <button
        type="button"
        className="date-input-pick"
        tabIndex={-1}
        aria-label="Open a calendar"
        title={`Pick the date from a calendar`}
        onClick={() => picker.current?.showPicker()}
      >
        ▾
      </button>
      <input
        ref={picker}
        type="date"
        className="date-input-native"
        tabIndex={-1}
        aria-hidden="true"
        value={value ?? ''}
        min={min}
        onChange={(event) => {
          if (!event.target.value) return;
          setText(written(event.target.value));
          onChange(event.target.value);
        }}
      />
      <span id={hint} className={shown === null || early ? 'date-input-hint field-error' : 'date-input-hint muted'} role="status">
        {shown === null ? 'Not a date' : early ? early : shown ? weekdayDate(shown) : ''}
      </span>
    </span>
  );
}

const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
/** "Fri, Dec 28, 2026": the date read, with its weekday, so "fri" or "+3d" can be checked at a glance. */
function weekdayDate(iso: string): string {
  return `${weekday.format(new Date(`${iso}T00:00:00Z`))}, ${formatDate(iso)}`;
}

/** The message a form shows when a date field does not hold a date. */
export function dateProblem(field: string, value: string | null, min?: string): string | null {
  if (value === null) return `${field}: type a date like ${order === 'dmy' ? '28/12' : '12/28'}, +3d or fri.`;
  if (value && min && value < min) return `${field}: on or after ${formatDate(min)}.`;
  return null;
}
