import { addDays, addMonths, dayNumber, isValidYmd, toIsoDate, type IsoDate } from './dates';

/** The order day, month and year are written in the user's locale (12/28 in the US, 28/12 in the UK). */
export type DateOrder = 'mdy' | 'dmy' | 'ymd';

export interface DateInputContext {
  today: IsoDate;
  order: DateOrder;
  /**
   * Which year a date typed without one falls in: `future` (due dates, follow-ups) the next time it
   * comes, today included; `nearest` (an "as of" date) whichever of last, this or next year is closest.
   */
  prefer: 'future' | 'nearest';
  /** Month names the user may type besides English ones, lower case, January first. */
  monthNames?: readonly string[];
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const UNITS: Record<string, 'd' | 'w' | 'm'> = {
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  wk: 'w',
  week: 'w',
  weeks: 'w',
  m: 'm',
  mo: 'm',
  month: 'm',
  months: 'm',
};

/**
 * A date as a collector types it, to an ISO date, or null when it is not one. Accepts "2026-12-28",
 * "12/28", "12/28/26", "28.12.2026" (in the locale's order), "Dec 28", "28 December 2026", "today",
 * "tomorrow", "+3d", "+2w", "+1m" (a bare "+3" is days), and a weekday ("fri", "next friday": the next
 * one after today). A date without a year picks its year by `prefer`.
 */
export function parseDateInput(text: string, context: DateInputContext): IsoDate | null {
  const input = text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/,/g, '');
  if (input === '') return null;
  const { today } = context;
  if (input === 'today' || input === 'tod' || input === 'now') return today;
  if (input === 'tomorrow' || input === 'tom' || input === 'tmr') return addDays(today, 1);
  if (input === 'yesterday') return addDays(today, -1);

  const relative = /^([+-])\s?(\d{1,4})\s?([a-z]*)$/.exec(input);
  if (relative) {
    const unit = relative[3] === '' ? 'd' : UNITS[relative[3]!];
    if (!unit) return null;
    const amount = Number(relative[2]) * (relative[1] === '-' ? -1 : 1);
    return unit === 'm' ? addMonths(today, amount) : addDays(today, unit === 'w' ? amount * 7 : amount);
  }

  const weekday = /^(?:next )?([a-z]{2,})$/.exec(input);
  if (weekday) {
    const index = WEEKDAYS.findIndex((day) => weekday[1]!.startsWith(day) && weekdayName(day).startsWith(weekday[1]!));
    if (index >= 0) {
      const todayIndex = (dayNumber(today) + 4) % 7; // 1970-01-01 was a Thursday
      return addDays(today, ((index - todayIndex + 6) % 7) + 1);
    }
  }

  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(input);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const named = monthNamed(input, context.monthNames);
  if (named) return named.year === null ? withYear(named.month, named.day, context) : valid(named.year, named.month, named.day);

  const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?\.?$/.exec(input);
  if (!numeric) return null;
  const [first, second] = [Number(numeric[1]), Number(numeric[2])];
  const [month, day] = context.order === 'dmy' ? [second, first] : [first, second];
  if (numeric[3] === undefined) return withYear(month, day, context);
  return valid(fullYear(numeric[3]), month, day);
}

function weekdayName(short: string): string {
  return { sun: 'sunday', mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday' }[short]!;
}

function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function valid(year: number, month: number, day: number): IsoDate | null {
  return isValidYmd(year, month, day) ? toIsoDate(year, month, day) : null;
}

/** "dec 28", "28 december", "28 dec 2026", "december 28 2026" (English or the locale's month names). */
function monthNamed(input: string, localNames: readonly string[] = []): { month: number; day: number; year: number | null } | null {
  const match = /^(?:(\d{1,2})\.? ([\p{L}]{3,})\.?|([\p{L}]{3,})\.? (\d{1,2}))(?: (\d{4}))?$/u.exec(input);
  if (!match) return null;
  const name = match[2] ?? match[3]!;
  const month = monthIndex(name, localNames);
  if (month === null) return null;
  return { month, day: Number(match[1] ?? match[4]), year: match[5] ? Number(match[5]) : null };
}

function monthIndex(name: string, localNames: readonly string[]): number | null {
  const english = MONTHS.findIndex((short) => name.startsWith(short));
  if (english >= 0) return english + 1;
  const local = localNames.findIndex((full) => full.startsWith(name) || name.startsWith(full.slice(0, 3)));
  return local >= 0 ? local + 1 : null;
}

/** A month and day without a year: the year `prefer` asks for (Feb 29 only in a leap year). */
function withYear(month: number, day: number, { today, prefer }: DateInputContext): IsoDate | null {
  const year = Number(today.slice(0, 4));
  const candidates = [year - 1, year, year + 1, year + 2].map((y) => valid(y, month, day)).filter((date): date is IsoDate => date !== null);
  if (candidates.length === 0) return null;
  if (prefer === 'future') return candidates.find((date) => date >= today) ?? null;
  const distance = (date: IsoDate): number => Math.abs(dayNumber(date) - dayNumber(today));
  return candidates.reduce((best, date) => (distance(date) < distance(best) ? date : best));
}

/** The locale's order of day, month and year, read from how it writes a date. */
export function dateOrderOf(parts: readonly { type: string }[]): DateOrder {
  const order = parts
    .filter((part) => part.type === 'day' || part.type === 'month' || part.type === 'year')
    .map((part) => part.type[0])
    .join('');
  return order === 'dmy' || order === 'ymd' ? order : 'mdy';
}
