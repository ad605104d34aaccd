import type { IsoDate } from '../../../shared/dates';
import type { FxRate, FxRatesView } from '../../../shared/exchange-rates';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';

/**
 * The rates a day is ranked with: each currency's latest rate dated on or before it, and the base
 * currency at 1. A currency missing here has no rate: it is never assumed to be at par.
 */
export function ratesOn(sqlite: SqliteDb, base: string, day: IsoDate): Record<string, number> {
  const rows = sqlite
    .prepare(
      `SELECT currency, rate FROM fx_rates f WHERE base = ? AND rate_date = (
      SELECT max(rate_date) FROM fx_rates WHERE base = f.base AND currency = f.currency AND rate_date <= ?)`,
    )
    .all(base, day) as ColumnsRow<'fx_rates', 'currency' | 'rate'>[];
  return { ...Object.fromEntries(rows.map((row) => [row.currency, row.rate])), [base]: 1 };
}

/** The dated table as Settings shows it, with what today's ranking uses and which currencies still lack a rate. */
export function fxRatesView(sqlite: SqliteDb, base: string, today: IsoDate): FxRatesView {
  const currencies = (sqlite.prepare('SELECT DISTINCT currency FROM invoices ORDER BY currency').all() as ColumnsRow<'invoices', 'currency'>[]).map(
    (row) => row.currency,
  );
  const rows = sqlite.prepare('SELECT currency, rate_date AS date, rate FROM fx_rates WHERE base = ? ORDER BY rate_date DESC, currency').all(base) as FxRate[];
  const current = new Map<string, FxRate>();
  for (const row of rows) if (row.date <= today && !current.has(row.currency)) current.set(row.currency, row);
  return {
    baseCurrency: base,
    currencies,
    rows,
    current: [...current.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    missing: currencies.filter((code) => code !== base && !current.has(code)),
  };
}

/** Rates for one date (a later save for the same date replaces it), each with its audit entry. */
export function saveRates(sqlite: SqliteDb, base: string, date: IsoDate, rates: Record<string, number>, now: string): void {
  const upsert = sqlite.prepare(`INSERT INTO fx_rates (base, currency, rate_date, rate) VALUES (?, ?, ?, ?)
    ON CONFLICT (base, currency, rate_date) DO UPDATE SET rate = excluded.rate`);
  const audit = sqlite.prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'user', 'fxRate.set', 'fx_rate', ?, ?)");
  sqlite.transaction(() => {
    for (const [currency, rate] of Object.entries(rates)) {
      upsert.run(base, currency, date, rate);
      audit.run(now, `${base}/${currency}/${date}`, JSON.stringify({ rate }));
    }
  })();
}

/** Takes one dated rate out of the table; false when there was none. */
export function deleteRate(sqlite: SqliteDb, base: string, currency: string, date: IsoDate, now: string): boolean {
  return sqlite.transaction(() => {
    const gone = sqlite.prepare('DELETE FROM fx_rates WHERE base = ? AND currency = ? AND rate_date = ?').run(base, currency, date).changes > 0;
    if (gone) {
      sqlite
        .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'user', 'fxRate.delete', 'fx_rate', ?, '{}')")
        .run(now, `${base}/${currency}/${date}`);
    }
    return gone;
  })();
}
