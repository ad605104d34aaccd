import type { IsoDate } from '../../../shared/dates';
import type { WorklistRow } from '../../../shared/worklist';
import { needsAction, priorityScore, type CustomerFacts } from './priority-score';
import { resting } from './worked-rest';
import type { FactsRow } from './worklist-facts';

/** A customer's row in the queue, scored from its facts. */
export function toRow({ meta, facts }: FactsRow, today: IsoDate): WorklistRow {
  const { score, factors, reasons } = priorityScore(facts, today);
  return { ...meta, overdueMinor: facts.overdueMinor, oldestDaysPastDue: facts.oldestDaysPastDue, score, factors, reasons, unrated: facts.baseRate === null };
}

/** Rows with a rate to the base currency rank together; each currency without one ranks on its own, after them. */
const rankGroup = (row: WorklistRow): string => (row.unrated ? row.currency : '');

/** Collation order, without asking the collator about equal strings (most comparisons: it costs more than the rest of one). */
const collate = (a: string, b: string): number => (a === b ? 0 : a.localeCompare(b));

/** The queue's order. A total order (customer id last), so a row's position can be found again by binary search. */
export const byRank = (a: WorklistRow, b: WorklistRow): number =>
  collate(rankGroup(a), rankGroup(b)) ||
  b.score - a.score ||
  a.name.localeCompare(b.name) ||
  a.currency.localeCompare(b.currency) ||
  a.customerId - b.customerId;

/** In the queue: something needs doing, and a worked customer is not resting until its next step (see resting). */
export const inQueue = (facts: CustomerFacts, today: IsoDate): boolean => needsAction(facts, today) && !resting(facts, today);
