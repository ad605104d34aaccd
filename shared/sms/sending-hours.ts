import { z } from 'zod';
import { addDays, dayNumber, toIsoDate, type IsoDate } from '../dates';

/**
 * Texts go only in the customer's own daytime: between `start` and `end` on the listed ISO weekdays
 * (1 Monday … 7 Sunday), on the wall clock of the customer's time zone, daylight saving included.
 */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time like 09:00');
export const sendingHoursSchema = z
  .object({
    start: clock.default('09:00'),
    end: clock.default('19:00'),
    days: z.array(z.number().int().min(1).max(7)).max(7).default([1, 2, 3, 4, 5]),
  })
  .refine((hours) => minutesOf(hours.start) < minutesOf(hours.end), { message: 'sending hours must end after they start', path: ['end'] });
export type SendingHours = z.output<typeof sendingHoursSchema>;

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

/** Whether the runtime knows this IANA zone ("Europe/Paris"). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
export const timeZoneSchema = z.string().max(64).refine(isTimeZone, 'a time zone like Europe/Paris');

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  return format;
}

export interface WallClock {
  date: IsoDate;
  /** Minutes since local midnight. */
  minutes: number;
  /** ISO weekday, 1 Monday … 7 Sunday. */
  weekday: number;
  /** "14:05". */
  time: string;
}

/** The customer's wall clock at an instant. */
export function wallClock(at: Date, zone: string): WallClock {
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const date = toIsoDate(Number(parts.year), Number(parts.month), Number(parts.day));
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  return { date, minutes, weekday: isoWeekday(date), time: `${parts.hour}:${parts.minute}` };
}

function isoWeekday(date: IsoDate): number {
  // Day 0 of dayNumber is 1970-01-01, a Thursday (ISO 4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function withinSendingHours(at: Date, zone: string, hours: SendingHours): boolean {
  const local = wallClock(at, zone);
  return hours.days.includes(local.weekday) && local.minutes >= minutesOf(hours.start) && local.minutes < minutesOf(hours.end);
}

/** The instant a wall-clock time on a date is in a zone (the offset read twice: once at a guess, once at the answer). */
function zonedInstant(date: IsoDate, minutes: number, zone: string): Date {
  const guess = dayNumber(date) * 86_400_000 + minutes * 60_000;
  const offset = (t: number): number => {
    const local = wallClock(new Date(t), zone);
    const seconds = new Date(t).getUTCSeconds() * 1000 + new Date(t).getUTCMilliseconds();
    return dayNumber(local.date) * 86_400_000 + local.minutes * 60_000 + seconds - t;
  };
  const first = guess - offset(guess);
  return new Date(guess - offset(first));
}

/** When the customer's sending hours next open: `at` itself inside them, null with no sending day at all. */
export function nextOpening(at: Date, zone: string, hours: SendingHours): Date | null {
  if (withinSendingHours(at, zone, hours)) return at;
  const today = wallClock(at, zone).date;
  for (let offset = 0; offset <= 7; offset += 1) {
    const date = addDays(today, offset);
    if (!hours.days.includes(isoWeekday(date))) continue;
    const opening = zonedInstant(date, minutesOf(hours.start), zone);
    if (opening.getTime() > at.getTime()) return opening;
  }
  return null;
}
