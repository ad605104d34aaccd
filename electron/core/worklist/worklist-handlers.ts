import type { WorklistRow } from '../../../shared/worklist';
import { todayOf, type CoreContext } from '../context';
import type { Handlers } from '../handler-types';
import { agingBucket } from '../ledger/aging';
import { getSetting } from '../settings';
import { todayList } from './today-list';
import { WORK_KINDS } from './worked-rest';

/** The local day's start as a UTC time: activities at or after it happened "today". */
function localMidnight(ctx: CoreContext): string {
  const now = ctx.clock();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

/** Customers worked (or snoozed) since local midnight: the "done today" counter, the same work the Today list ticks. */
function doneToday(ctx: CoreContext): number {
  const row = ctx.database.sqlite
    .prepare(
      `SELECT count(DISTINCT customer_id) AS n FROM activities WHERE occurred_at >= ? AND deleted_at IS NULL AND kind IN (${WORK_KINDS.map(() => '?').join(', ')}, 'snooze')`,
    )
    .get(localMidnight(ctx), ...WORK_KINDS) as { n: number };
  return row.n;
}

/** Currencies ranked on their own for want of a rate, when the queue mixes currencies at all. */
function unratedCurrencies(rows: readonly Pick<WorklistRow, 'currency' | 'unrated'>[]): string[] {
  const currencies = new Set<string>();
  const unrated = new Set<string>();
  for (const row of rows) {
    currencies.add(row.currency);
    if (row.unrated) unrated.add(row.currency);
  }
  return currencies.size > 1 ? [...unrated].sort() : [];
}

export const worklistHandlers: Handlers<'worklist.list' | 'worklist.today'> = {
  'worklist.today': ({ collector }, ctx) => {
    const today = todayOf(ctx);
    return todayList(ctx.database.sqlite, today, localMidnight(ctx), ctx.worklist.ranked(today), collector);
  },
  'worklist.list': ({ asOf, offset, limit, collector, segment, currency, bucket, reason }, ctx) => {
    const today = asOf ?? todayOf(ctx);
    // A past day's first page, unfiltered, is ranked without building that day's whole queue.
    if (today < todayOf(ctx) && offset === 0 && [collector, segment, currency, bucket, reason].every((filter) => filter === undefined)) {
      const page = ctx.worklist.firstPageOn(today, todayOf(ctx), limit);
      return { asOf: today, total: page.total, doneToday: doneToday(ctx), rows: page.rows, unratedCurrencies: unratedCurrencies(page.currencies) };
    }
    const edges = getSetting(ctx.database.sqlite, 'agingEdges');
    const ranked = ctx.worklist.rankedOn(today, todayOf(ctx));
    const rows = ranked.filter(
      (row) =>
        (collector === undefined || row.collector === collector) &&
        (segment === undefined || row.segment === segment) &&
        (currency === undefined || row.currency === currency) &&
        (bucket === undefined || agingBucket(row.oldestDaysPastDue, edges) === bucket) &&
        (reason === undefined || row.reasons.some((r) => r.code === reason)),
    );
    return {
      asOf: today,
      total: rows.length,
      doneToday: doneToday(ctx),
      rows: rows.slice(offset, offset + limit),
      unratedCurrencies: unratedCurrencies(ranked),
    };
  },
};
