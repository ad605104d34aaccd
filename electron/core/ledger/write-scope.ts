import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import type { BatchStatements } from './batch-statements';

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  customersCreated: number;
  paymentsCreated: number;
  creditsCreated: number;
}

/** An invoice whose balance the batch states: what it was before, what it is now, and what the batch's own history explains of the change. */
export interface StatedBalance {
  previousOpen: number | null;
  newOpen: number;
  explained: number;
}

/** What one batch's writers share: its statements, its counts, the customers it touched and the balances it states. */
export interface WriteScope {
  readonly sqlite: SqliteDb;
  readonly stmt: BatchStatements;
  readonly source: string;
  readonly today: IsoDate;
  readonly now: string;
  readonly counts: WriteCounts;
  /** Every customer whose ledger the batch changed: rows created, changed, moved away, settled or closed. */
  readonly touched: Set<number>;
  readonly stated: Map<number, StatedBalance>;
  customerId(externalId: string, name: string | undefined, currency: string | undefined): number;
  problem(row: number, column: string, value: string, reason: string): void;
}
