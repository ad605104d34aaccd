import type { WorklistRow } from '../../../shared/worklist';
import { todayOf, type CoreContext } from '../context';
import type { Handlers } from '../handler-types';
import { agingBucket } from '../ledger/aging';
import { wholeBookOn } from '../replay/book';
import { getSetting } from '../settings';
import { TOUCH_KINDS } from './worklist-facts';

/** Customers touched since local midnight: the "done today" counter. */
function doneToday(ctx: CoreContext): number {
  const now = ctx.clock();
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
  const row = ctx.database.sqlite
    .prepare(`SELECT count(DISTINCT customer_id) AS n FROM activities WHERE occurred_at >= ? AND deleted_at IS NULL AND kind IN (${TOUCH_KINDS.map(() => '?').join(', ')}, 'snooze')`)
    .get(midnight, ...TOUCH_KINDS) as { n: number };
  return row.n;
}

/** Currencies ranked on their own for want of a rate, when the queue mixes currencies at all. */
function unratedCurrencies(rows: readonly WorklistRow[]): string[] {
  const currencies = new Set<string>();
  const unrated = new Set<string>();
  for (const row of rows) {
    currencies.add(row.currency);
    if (row.unrated) unrated.add(row.currency);
  }
  return currencies.size > 1 ? [...unrated].sort() : [];
}

export const worklistHandlers: Handlers<'worklist.list'> = {
  'worklist.list': ({ asOf, offset, limit, collector, segment, currency, bucket, reason }, ctx) => {
    const today = asOf ?? todayOf(ctx);
    const edges = getSetting(ctx.database.sqlite, 'agingEdges');
    const ranked = ctx.worklist.rankedAsOf(wholeBookOn(ctx.database.sqlite, today, todayOf(ctx)));
    const rows = ranked.filter(
      (row) =>
        (collector === undefined || row.collector === collector) &&
        (segment === undefined || row.segment === segment) &&
        (currency === undefined || row.currency === currency) &&
        (bucket === undefined || agingBucket(row.oldestDaysPastDue, edges) === bucket) &&
        (reason === undefined || row.reasons.some((r) => r.code === reason)),
    );
    return { asOf: today, total: rows.length, doneToday: doneToday(ctx), rows: rows.slice(offset, offset + limit), unratedCurrencies: unratedCurrencies(ranked) };
  },
};
