import type { IsoDate } from '../../../shared/dates';
import type { CurrencyForecast, ForecastComparison, ForecastRunInfo } from '../../../shared/risk';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';

/**
 * Keeps a run's weekly figures, so it can be held against what came in once the weeks have passed.
 * One run per as-of date (the latest): the chart asks for a forecast each time it is shown.
 */
export function saveForecast(sqlite: SqliteDb, asOf: IsoDate, now: string, currencies: readonly CurrencyForecast[]): number {
  return sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM forecast_runs WHERE as_of = ?').run(asOf);
    const runId = Number(sqlite.prepare('INSERT INTO forecast_runs (as_of, created_at) VALUES (?, ?)').run(asOf, now).lastInsertRowid);
    const insert = sqlite.prepare(`INSERT INTO forecast_weeks (run_id, currency, week_start, week_end, expected_minor, low_minor, high_minor)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    for (const c of currencies) for (const w of c.weeks) insert.run(runId, c.currency, w.weekStart, w.weekEnd, w.expectedMinor, w.lowMinor, w.highMinor);
    return runId;
  })();
}

/** Stored runs, newest as-of date first: what a forecast can be compared from. */
export function listForecastRuns(sqlite: SqliteDb): ForecastRunInfo[] {
  return sqlite
    .prepare('SELECT id AS runId, as_of AS asOf, created_at AS createdAt FROM forecast_runs ORDER BY as_of DESC, id DESC')
    .all() as ForecastRunInfo[];
}

export type RunChoice = { runId?: number | undefined; asOf?: IsoDate | undefined };

/**
 * A run (by id, by its as-of date, or else the latest made for an earlier day than `today`) against
 * what actually came in: payments applied in each ended week to the invoices the run forecast
 * (issued by its as-of date), so cash for invoices issued later does not flatter the forecast.
 */
export function compareForecast(sqlite: SqliteDb, today: IsoDate, choice: RunChoice = {}): ForecastComparison {
  const run = (
    choice.runId !== undefined
      ? sqlite.prepare('SELECT id, as_of AS asOf FROM forecast_runs WHERE id = ?').get(choice.runId)
      : sqlite
          .prepare('SELECT id, as_of AS asOf FROM forecast_runs WHERE as_of = ? OR (? IS NULL AND as_of < ?) ORDER BY as_of DESC, id DESC LIMIT 1')
          .get(choice.asOf ?? null, choice.asOf ?? null, today)
  ) as ColumnsRow<'forecast_runs', 'id' | 'as_of'> | undefined;
  if (!run) return { runId: null, asOf: null, rows: [] };
  const rows = sqlite
    .prepare(
      `
    SELECT w.currency, w.week_start AS weekStart, w.week_end AS weekEnd, w.expected_minor AS expectedMinor, w.low_minor AS lowMinor, w.high_minor AS highMinor,
           CASE WHEN w.week_end < @today THEN
             COALESCE((SELECT SUM(a.amount_minor) FROM allocations a JOIN invoices i ON i.id = a.invoice_id
                       WHERE a.kind = 'payment' AND a.applied_date BETWEEN w.week_start AND w.week_end
                         AND i.issue_date <= @asOf AND i.currency = w.currency), 0) END AS actualMinor
    FROM forecast_weeks w WHERE w.run_id = @runId ORDER BY w.currency, w.week_start`,
    )
    .all({ runId: run.id, asOf: run.asOf, today }) as Omit<ForecastComparison['rows'][number], 'errorMinor'>[];
  return { runId: run.id, asOf: run.asOf, rows: rows.map((r) => ({ ...r, errorMinor: r.actualMinor === null ? null : r.actualMinor - r.expectedMinor })) };
}
