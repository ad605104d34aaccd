import type { SampleSummary } from '../../../shared/api';
import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { writeBatch } from '../ledger/write-batch';
import { sampleCollectionHistory } from './collection-history';
import { DEFAULT_SEED, SAMPLE_SOURCE, generateSample } from './generate-sample';
import { writeCollectionHistory } from './write-collection-history';

/**
 * Writes the sample dataset through the same ledger writer as every import, then the collection
 * work behind its payments; loading it twice changes nothing. It is recorded as an import batch,
 * so the sample ERP counts as freshly synced.
 */
export function loadSample(sqlite: SqliteDb, options: { anchor: IsoDate; now: string; seed?: number }): SampleSummary {
  const seed = options.seed ?? DEFAULT_SEED;
  const batch = generateSample({ anchor: options.anchor, seed });
  sqlite.transaction(() => {
    writeBatch(sqlite, batch, options.anchor, options.now);
    writeCollectionHistory(sqlite, sampleCollectionHistory(batch, options.anchor, seed), options.now);
    sqlite
      .prepare(
        "INSERT INTO import_batches (source, preset, kind, file_name, file_sha256, snapshot, committed_at, summary) VALUES (?, 'sample', 'sample', 'sample dataset', '', 0, ?, '{}')",
      )
      .run(SAMPLE_SOURCE, options.now);
  })();
  const count = (sql: string): number => (sqlite.prepare(sql).get(SAMPLE_SOURCE) as { n: number }).n;
  return {
    customers: count('SELECT count(*) AS n FROM customers WHERE source = ?'),
    contacts: count('SELECT count(*) AS n FROM contacts JOIN customers c ON c.id = contacts.customer_id WHERE c.source = ?'),
    invoices: count('SELECT count(*) AS n FROM invoices WHERE source = ?'),
    payments: count('SELECT count(*) AS n FROM payments WHERE source = ?'),
  };
}
