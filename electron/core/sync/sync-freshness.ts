import { daysBetween, localToday, type IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';

export interface SyncFreshness {
  /** When the ledger last took in the ERP's data (an import, or the sample dataset). */
  lastSyncAt: string | null;
  ageDays: number | null;
  fresh: boolean;
  limitDays: number;
}

/**
 * Reminders rest on the ledger: if the ERP's data is older than the limit, a payment made since may be
 * missing, so sends are held until the next import.
 */
export function syncFreshness(sqlite: SqliteDb, today: IsoDate, limitDays: number): SyncFreshness {
  const row = prepareCached(sqlite, 'SELECT MAX(committed_at) AS at FROM import_batches').get() as { at: string | null };
  if (!row.at) return { lastSyncAt: null, ageDays: null, fresh: false, limitDays };
  const ageDays = daysBetween(localToday(new Date(row.at)), today);
  return { lastSyncAt: row.at, ageDays, fresh: ageDays <= limitDays, limitDays };
}

export function staleMessage(freshness: SyncFreshness): string {
  return freshness.lastSyncAt === null
    ? 'Import from the ERP before sending: Inflow has no ERP data yet.'
    : `Refresh from the ERP before sending: the last sync is ${freshness.ageDays} days old (the limit is ${freshness.limitDays}).`;
}
