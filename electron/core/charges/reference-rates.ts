import { RATE_SERIES, type RateSeries, type ReferenceRate } from '../../../shared/charges';
import type { IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import type { RateTable } from './charge-rules';
import { SHIPPED_REFERENCE_RATES } from './reference-rate-history';

const audit = (sqlite: SqliteDb, now: string, action: string, id: string, detail: unknown): void => {
  sqlite
    .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'user', ?, 'reference_rate', ?, ?)")
    .run(now, action, id, JSON.stringify(detail));
};

/** Every rate, shipped and the user's, one row per series and date (the user's wins), by series then date. */
export function listReferenceRates(sqlite: SqliteDb): ReferenceRate[] {
  const user = prepareCached(sqlite, 'SELECT series, effective_date AS effectiveDate, rate_bp AS rateBp FROM reference_rates').all() as {
    series: RateSeries;
    effectiveDate: IsoDate;
    rateBp: number;
  }[];
  const byKey = new Map<string, ReferenceRate>();
  for (const series of RATE_SERIES) {
    for (const [effectiveDate, rateBp] of SHIPPED_REFERENCE_RATES[series])
      byKey.set(`${series}|${effectiveDate}`, { series, effectiveDate, rateBp, source: 'shipped' });
  }
  for (const row of user) byKey.set(`${row.series}|${row.effectiveDate}`, { ...row, source: 'user' });
  return [...byKey.values()].sort((a, b) => a.series.localeCompare(b.series) || a.effectiveDate.localeCompare(b.effectiveDate));
}

/** The merged table as the charge rules read it. */
export function readRateTable(sqlite: SqliteDb): RateTable {
  const table = { ecb_mro: [], boe_bank_rate: [], de_basiszins: [] } as Record<RateSeries, [IsoDate, number][]>;
  for (const rate of listReferenceRates(sqlite)) table[rate.series].push([rate.effectiveDate, rate.rateBp]);
  return table;
}

export function saveReferenceRate(sqlite: SqliteDb, rate: Omit<ReferenceRate, 'source'>, now: string): void {
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO reference_rates (series, effective_date, rate_bp, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (series, effective_date) DO UPDATE SET rate_bp = excluded.rate_bp, updated_at = excluded.updated_at`,
      )
      .run(rate.series, rate.effectiveDate, rate.rateBp, now);
    audit(sqlite, now, 'reference_rate.save', `${rate.series}|${rate.effectiveDate}`, rate);
  })();
}

/** Removes a rate the user added or corrected; a shipped rate on that date applies again. */
export function deleteReferenceRate(sqlite: SqliteDb, series: RateSeries, effectiveDate: IsoDate, now: string): void {
  sqlite.transaction(() => {
    const removed = sqlite.prepare('DELETE FROM reference_rates WHERE series = ? AND effective_date = ?').run(series, effectiveDate).changes;
    if (removed === 0) throw new AppError('NOT_FOUND', `No rate of yours for ${series} on ${effectiveDate} (shipped rates cannot be deleted, only corrected).`);
    audit(sqlite, now, 'reference_rate.delete', `${series}|${effectiveDate}`, { series, effectiveDate });
  })();
}
