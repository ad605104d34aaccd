import { addDays, type IsoDate } from '../../../shared/dates';

/**
 * The dates of a month-end series ending at `asOf`, oldest first: the last day of each of the
 * `count − 1` months before `asOf`'s month, then `asOf` itself (the month so far).
 */
export function monthEnds(asOf: IsoDate, count: number): IsoDate[] {
  const dates: IsoDate[] = [asOf];
  let firstOfMonth = `${asOf.slice(0, 7)}-01`;
  while (dates.length < count) {
    const end = addDays(firstOfMonth, -1);
    dates.unshift(end);
    firstOfMonth = `${end.slice(0, 7)}-01`;
  }
  return dates;
}
