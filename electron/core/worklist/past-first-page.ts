import type { WorklistRow } from '../../../shared/worklist';
import type { SqliteDb } from '../../db/sqlite';
import type { QueuePage } from '../context';
import { readEscalationsDue, type EscalationDue } from '../ladder/escalations-due';
import { readPolicies } from '../ladder/ladder-facts';
import type { Book } from '../ledger/book';
import { ESCALATION_POINTS, priorityScore } from './priority-score';
import { byRank, inQueue, toRow } from './queue-rank';
import { withYearValues, type FactsRow } from './worklist-facts';

/**
 * A bound on a customer's score with a ladder step due, from its score without one: a step adds
 * ESCALATION_POINTS whichever it is, and rounding each total to a tenth moves it by at most 0.05
 * either way (0.1 between the two), which the sums' own float error, far below 0.01, cannot push past this.
 */
const withAnyStep = (score: number): number => score + ESCALATION_POINTS + 0.11;

/** Any ladder step, for a customer's exact score with one: whichever it is, a step due adds the same points. */
const ANY_STEP: EscalationDue = { label: '', channel: 'call_task' };

/** The fewest days past due at which a policy's step can put a customer in the queue (any step but an email, as needsAction counts them). */
function firstQueueStepDay(sqlite: SqliteDb): number {
  let first = Number.POSITIVE_INFINITY;
  for (const policy of readPolicies(sqlite)) for (const step of policy.steps) if (step.channel !== 'email') first = Math.min(first, step.offsetDays);
  return first;
}

/**
 * A past day's first `limit` rows, exactly as the whole queue built from `facts` would rank them,
 * from facts read without the ladder (its read costs more than all the others together) or the
 * year's value: the value is read for the customers in the queue, the ladder only for those whose
 * place it can decide.
 * - A customer in the queue without a ladder step stays in with any: a step only adds to what needs
 *   doing (a letter or referral even ends a rest), and adds the same points whichever it is. Its
 *   score lies between its score without one (low) and a bound on its score with one (high).
 * - A customer out of the queue without a step comes in only for a step other than an email, and
 *   none is due before the earliest such step's day past due: those younger stay out.
 * The ladder is read for the likeliest first (best high), a batch at a time, until every customer
 * not read yet ranks, even at its high, after the limit-th row of what is known (read rows as they
 * are, the others at their low), or with its exact score with a step: none of them can make the
 * page then.
 */
export function pastFirstPage(sqlite: SqliteDb, book: Book, facts: readonly FactsRow[], limit: number): QueuePage {
  const today = book.day;
  const firstStepDay = firstQueueStepDay(sqlite);
  const queued: FactsRow[] = [];
  const unsettled: FactsRow[] = [];
  for (const row of facts) {
    if (inQueue(row.facts, today)) queued.push(row);
    else if (row.facts.oldestDaysPastDue >= firstStepDay) unsettled.push(row);
  }
  // Whether a customer is in the queue does not depend on its year's value, only its score does: read for those in it.
  const settled = withYearValues(sqlite, book, queued).map((row) => {
    const low = toRow(row, today);
    return { facts: row, low, high: { ...low, score: withAnyStep(low.score) } };
  });
  settled.sort((a, b) => byRank(a.high, b.high));
  const escalations = new Map<string, EscalationDue>();
  const read = new Set<number>();
  const readLadder = (ids: number[]): void => {
    const fresh = [...new Set(ids)].filter((id) => !read.has(id));
    if (fresh.length === 0) return;
    for (const [key, due] of readEscalationsDue(sqlite, book, { ids: fresh })) escalations.set(key, due);
    for (const id of fresh) read.add(id);
  };
  const withStep = (row: FactsRow): FactsRow => ({
    meta: row.meta,
    facts: { ...row.facts, escalation: escalations.get(`${row.meta.customerId}|${row.meta.currency}`) ?? null },
  });
  const withLadder = (row: FactsRow): WorklistRow => toRow(withStep(row), today);
  readLadder(unsettled.map((row) => row.meta.customerId));
  const joined = withYearValues(
    sqlite,
    book,
    unsettled.filter((row) => inQueue(withStep(row).facts, today)),
  );
  let next = 0;
  // Doubling batches: the first holds the page's likeliest rows, and few pages need a second.
  let batch = Math.max(limit, 1);
  for (;;) {
    const known = [...joined.map(withLadder), ...settled.map((row) => (read.has(row.facts.meta.customerId) ? withLadder(row.facts) : row.low))].sort(byRank);
    const last = known[limit - 1];
    const ids: number[] = [];
    // Unread rows, best bound first, up to one whose bound ranks after the page's last row: none after it can reach the page.
    // One whose exact score with a step ranks after that row is passed over for good: reading others only raises the page.
    for (; next < settled.length && ids.length < batch; next++) {
      const row = settled[next]!;
      if (read.has(row.facts.meta.customerId)) continue;
      if (last !== undefined && byRank(row.high, last) > 0) break;
      if (last !== undefined && byRank({ ...row.low, score: priorityScore({ ...row.facts.facts, escalation: ANY_STEP }, today).score }, last) > 0) continue;
      ids.push(row.facts.meta.customerId);
    }
    if (ids.length === 0) {
      const rows = known.slice(0, limit);
      const currencies = new Map(known.map(({ currency, unrated }) => [`${currency}|${unrated}`, { currency, unrated }]));
      return { rows, total: known.length, currencies: [...currencies.values()] };
    }
    readLadder(ids);
    batch *= 2;
  }
}
