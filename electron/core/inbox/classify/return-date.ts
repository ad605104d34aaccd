import { addDays, dayNumber, isValidYmd, toIsoDate, type IsoDate } from '../../../../shared/dates';

/** Month names and their usual abbreviations in the seven languages Inflow reads, to month numbers. */
const MONTHS: Record<string, number> = {};
const NAMES: string[][] = [
  ['january jan januar jänner jän janvier janv enero ene januari gennaio gen janeiro'],
  ['february feb februar février fevrier févr fevr febrero februari febbraio fevereiro fev'],
  ['march mar märz maerz mär mars marzo maart mrt março marco'],
  ['april apr avril avr abril aprile'],
  ['may mai mayo mei maggio mag maio'],
  ['june jun juni juin junio giugno giu junho'],
  ['july jul juli juillet juil julio luglio lug julho'],
  ['august aug août aout agosto augustus ago'],
  ['september sep sept septembre septiembre setiembre settembre set setembro'],
  ['october oct oktober okt octobre octubre ottobre ott outubro out'],
  ['november nov novembre noviembre novembro'],
  ['december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro'],
];
NAMES.forEach(([names], index) => names!.split(' ').forEach((name) => (MONTHS[name] = index + 1)));
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

const WEEKDAYS: Record<string, number> = {};
[
  'sunday sonntag dimanche domingo zondag domenica',
  'monday montag lundi lunes maandag lunedì lunedi segunda',
  'tuesday dienstag mardi martes dinsdag martedì martedi terça terca',
  'wednesday mittwoch mercredi miércoles miercoles woensdag mercoledì mercoledi quarta',
  'thursday donnerstag jeudi jueves donderdag giovedì giovedi quinta',
  'friday freitag vendredi viernes vrijdag venerdì venerdi sexta',
  'saturday samstag sonnabend samedi sábado sabado zaterdag sabato',
].forEach((names, index) => names.split(' ').forEach((name) => (WEEKDAYS[name] = index)));
const WEEKDAY = `(${Object.keys(WEEKDAYS).join('|')})`;

/** Words just before a date saying it ends the absence: until, back on, bis, jusqu'au, hasta, tot, fino al, até … */
const CUE =
  /(?:until|till|\btil\b|through|thru|back|return|returning|resume|available|reachable|in the office|bis|zurück|wieder|ab dem|ab|jusqu|retour|à partir|a partir|hasta|regres|vuelta|volver|volveré|\btot\b|terug|vanaf|weer|fino|rientr|ritorno|até|retorn|volta|de volta)[^.\n]{0,25}$/i;

/** Words before a date that make it the absence's first day, not its end: from, starting, ab, vom, du, desde, dal … */
const START_CUE = /(?:\bfrom|starting|beginning|since|\bvom|\bseit|à compter du|\bdu|desde|\bvan|\bdal|\bda|\bdesde)\s+(?:\p{L}+\s+){0,2}$/iu;

const END = String.raw`(?![\p{L}\p{N}])`;
const START = String.raw`(?<![\p{L}\p{N}])`;
const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => { y?: number; m: number; d: number } | null }[] = [
  { re: new RegExp(`${START}(\\d{4})-(\\d{2})-(\\d{2})${END}`, 'gu'), read: (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]! }) },
  {
    re: new RegExp(`${START}(\\d{1,2})(?:st|nd|rd|th|er|e|º|°|\\.)?\\s*(?:de\\s+|of\\s+)?${MONTH}\\.?(?:,?\\s*(?:de\\s+)?(\\d{4}))?${END}`, 'giu'),
    read: (m) => ({ d: +m[1]!, m: MONTHS[m[2]!.toLowerCase()]!, ...(m[3] ? { y: +m[3] } : {}) }),
  },
  {
    re: new RegExp(`${START}${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s*(\\d{4}))?${END}`, 'giu'),
    read: (m) => ({ d: +m[2]!, m: MONTHS[m[1]!.toLowerCase()]!, ...(m[3] ? { y: +m[3] } : {}) }),
  },
];
/** 12.01. / 12.01.2026 / 12/01/2026 / 1/12: read day-first except in English text (month-first unless impossible). */
const NUMERIC = /(?<![\d.:/])(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2})(?!\d)|(\.)(?!\d))?(?![\d:/]|\.\d)/g;
const RELATIVE_WEEKDAY = new RegExp(`${START}${WEEKDAY}${END}`, 'giu');

export interface ReturnDate {
  date: IsoDate;
  /** The words it was read from, e.g. "back on May 5th". */
  evidence: string;
}

/**
 * The day an absence ends as the answer states it ("back on May 5th", "bis 12.01.", "jusqu'au 3 mars"):
 * of the dates in the text within a year after it was sent, the latest one introduced by a word like
 * "until" or "back", else the latest one at all (an absence's end is the last date such a note names).
 * A date without a year is the next such day on or after the day it was sent.
 */
export function findReturnDate(text: string, sentOn: IsoDate): ReturnDate | null {
  const words = text.slice(0, 6000);
  const english = /\b(?:the|and|until|back|office|will)\b/i.test(words) && !/\b(?:der|die|und|le|la|el|het|il|o)\b/i.test(words);
  const found: { date: IsoDate; index: number; text: string; cued: boolean }[] = [];
  const add = (date: IsoDate | null, index: number, matched: string): void => {
    if (!date) return;
    const days = dayNumber(date) - dayNumber(sentOn);
    if (days < -1 || days > 366) return;
    const before = words.slice(Math.max(0, index - 40), index);
    if (START_CUE.test(before)) return;
    found.push({ date, index, text: `${/\S+\s*\S*\s*$/.exec(before)?.[0] ?? ''}${matched}`.trim(), cued: CUE.test(before) });
  };
  for (const { re, read } of PATTERNS) {
    for (const m of words.matchAll(re)) {
      const parts = read(m);
      if (parts) add(resolve(parts, sentOn), m.index, m[0]);
    }
  }
  for (const m of words.matchAll(NUMERIC)) {
    const [a, b] = [+m[1]!, +m[3]!];
    const year = m[4] ? (m[4].length === 2 ? 2000 + +m[4] : +m[4]) : undefined;
    const dotted = m[2] === '.';
    // Without a year, "12.01" could be a time or an amount: only with a trailing dot or right after a cue.
    if (!year && !(dotted && m[5]) && !CUE.test(words.slice(Math.max(0, m.index - 40), m.index))) continue;
    if (m[2] === '-' && !year) continue;
    const parts = !dotted && english && a <= 12 ? { m: a, d: b } : { d: a, m: b };
    add(resolve({ ...parts, ...(year ? { y: year } : {}) }, sentOn), m.index, m[0]);
  }
  for (const m of words.matchAll(RELATIVE_WEEKDAY)) {
    if (!CUE.test(words.slice(Math.max(0, m.index - 30), m.index))) continue;
    // A weekday named as a return day: the next one after the day the answer was sent.
    const target = WEEKDAYS[m[1]!.toLowerCase()]!;
    const from = new Date(`${sentOn}T00:00:00Z`).getUTCDay();
    add(addDays(sentOn, (target - from + 7) % 7 || 7), m.index, m[0]);
  }
  if (found.length === 0) return null;
  const pool = found.some((f) => f.cued) ? found.filter((f) => f.cued) : found;
  const latest = pool.reduce((best, f) => (f.date > best.date ? f : best));
  return { date: latest.date, evidence: latest.text };
}

function resolve(parts: { y?: number; m: number; d: number }, sentOn: IsoDate): IsoDate | null {
  if (parts.y !== undefined) return isValidYmd(parts.y, parts.m, parts.d) ? toIsoDate(parts.y, parts.m, parts.d) : null;
  const year = Number(sentOn.slice(0, 4));
  for (const candidate of [year, year + 1]) {
    if (!isValidYmd(candidate, parts.m, parts.d)) continue;
    const date = toIsoDate(candidate, parts.m, parts.d);
    // A few days before the send still counts as this year's (an absence that just ended).
    if (dayNumber(date) >= dayNumber(sentOn) - 7) return date;
  }
  return null;
}
