import type { SqliteDb } from '../../db/sqlite';

/**
 * The customers whose ledger rows were written since what follows a ledger write (the risk model's
 * learning or re-scoring, the queue) last ran for them, per connection, in memory. A writer commits
 * its batches first and calls that follow-up once at its end (an ERP sync after its last page), so
 * in between the stored risk lags the stored ledger: a team's snapshot carries the risk only when
 * nothing is pending (team/book-snapshot.ts). A new process starts with nothing pending: the risk
 * it finds is the one its ledger last had.
 */
const pending = new WeakMap<SqliteDb, Set<number>>();

/** A committed batch wrote for these customers. */
export function noteLedgerWritten(sqlite: SqliteDb, customerIds: Iterable<number>): void {
  let set = pending.get(sqlite);
  if (!set) pending.set(sqlite, (set = new Set()));
  for (const id of customerIds) set.add(id);
}

/** The follow-up ran: for these customers, or (none named) for the whole ledger as it is now. */
export function noteLedgerFollowedUp(sqlite: SqliteDb, customerIds?: Iterable<number>): void {
  if (!customerIds) return void pending.delete(sqlite);
  const set = pending.get(sqlite);
  for (const id of customerIds) set?.delete(id);
}

/** Whether every ledger write so far has been followed up. */
export function ledgerFollowedUp(sqlite: SqliteDb): boolean {
  return (pending.get(sqlite)?.size ?? 0) === 0;
}
