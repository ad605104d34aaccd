import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import type { LedgerBatch } from './records';

/** Told of every ledger batch written, inside the batch's own transaction: it commits with the batch or not at all. */
export type BatchJournal = (batch: LedgerBatch, today: IsoDate, now: string) => void;

const journals = new WeakMap<SqliteDb, BatchJournal>();

/**
 * Who hears of each batch written through this connection (a team desk publishes them, team/). Set
 * here rather than imported, since the ledger sits below everyone who might listen.
 */
export function setBatchJournal(sqlite: SqliteDb, journal: BatchJournal | null): void {
  if (journal) journals.set(sqlite, journal);
  else journals.delete(sqlite);
}

export function journalOf(sqlite: SqliteDb): BatchJournal | undefined {
  return journals.get(sqlite);
}
