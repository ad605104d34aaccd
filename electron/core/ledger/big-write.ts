import type { SqliteDb } from '../../db/sqlite';
import { log, safeError } from '../../log/log';

/** The tables whose secondary indexes a bulk load rebuilds: what writing an invoice row touches. */
const BULK_TABLES = ['invoices', 'payments', 'allocations'];

/**
 * Inserting a million invoices (each with its settlement and allocation) updates a dozen secondary
 * indexes at a random place per row; SQLite builds an index from scratch by sorting, far faster.
 * So for a batch at least as large as the ledger it lands in (a first import, a new ERP), those
 * indexes are dropped and rebuilt from their own SQL inside the batch's transaction: a failed batch
 * rolls back to the same indexes, and the file ends with the same schema. The UNIQUE keys the
 * upsert looks rows up by are constraints, never dropped.
 */
/** A batch of invoices at least as many as the ledger already has (the largest id, read from the key). */
export function isBulkLoad(sqlite: SqliteDb, invoices: number): boolean {
  const largest = (sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM invoices').get() as { n: number }).n;
  return invoices > 0 && invoices >= largest;
}

export function withIndexesRebuilt<T>(sqlite: SqliteDb, write: () => T): T {
  const rebuild = dropIndexes(sqlite, BULK_TABLES);
  const result = write();
  rebuild();
  return result;
}

/** Drops the secondary indexes of `tables` (inside the caller's transaction) and returns what builds them again. */
export function dropIndexes(sqlite: SqliteDb, tables: readonly string[]): () => void {
  const indexes = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`)
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  return () => {
    for (const index of indexes) sqlite.exec(index.sql);
  };
}

/**
 * Page cache for one big write, in KiB (SQLite's negative cache_size); the connection's own is
 * restored after. SQLite only takes what the write touches; a million-invoice first import uses it
 * all, and rebuilding its indexes then reads the tables from memory instead of decrypting them once
 * per index (17 s → 10 s at 1M invoices, with 128 MiB before).
 */
const WRITE_CACHE_KIB = 524_288;

/**
 * A big batch dirties far more pages than the connection's small cache holds: SQLite would spill
 * them to the WAL mid-transaction and read them back, encrypting and decrypting each page every
 * time. A cache sized for the write keeps them in memory until commit; durability is unchanged.
 */
export function withWriteCache<T>(sqlite: SqliteDb, write: () => T): T {
  const restore = enlargeCache(sqlite);
  try {
    return write();
  } finally {
    restore();
  }
}

/** The cache of withWriteCache for a write that awaits between its parts; returns what restores the connection's own. */
export function enlargeCache(sqlite: SqliteDb): () => void {
  const previous = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = -${WRITE_CACHE_KIB}`);
  return () => sqlite.pragma(`cache_size = ${previous}`);
}

/**
 * For filling an empty database in one transaction (a team desk loading the team's book): a rollback
 * journal rather than the WAL, so each new page is written once, into the file, where the WAL would
 * take it and a checkpoint then copy it (at 1M invoices, 2.2 s of CPU at commit rather than 6.7 s).
 * A new page needs no journal entry (a crash rolls back by cutting the file); the few pages the
 * load changes are journalled as ever. Called outside a transaction; returns what goes back to WAL.
 * Another connection on the file keeps it in WAL mode, and the load just runs as before.
 */
export function rollbackJournal(sqlite: SqliteDb): () => void {
  let mode: unknown;
  try {
    mode = sqlite.pragma('journal_mode = DELETE', { simple: true });
  } catch {
    return () => undefined;
  }
  if (mode !== 'delete') return () => undefined;
  return () => {
    try {
      sqlite.pragma('journal_mode = WAL');
    } catch (error) {
      // The load has committed (or rolled back) already: a reader that kept the file busy leaves the
      // rollback journal until the next open, which sets WAL again.
      log.warn('ledger.wal.restore_failed', safeError(error));
    }
  };
}
