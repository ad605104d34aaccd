import { useState, type FormEvent } from 'react';
import { localToday } from '../../../../shared/dates';
import type { FxRatesView } from '../../../../shared/exchange-rates';
import { refreshStatus } from '../../app/use-app-status';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';
import { useOutcome } from '../../lib/use-outcome';

/** A rate as typed: digits with one decimal point or comma; never a formula. Blank means "not this time". */
function parseRate(text: string): number | null | 'blank' {
  const normalised = text.trim().replace(',', '.');
  if (normalised === '') return 'blank';
  if (!/^\d+(\.\d+)?$/.test(normalised)) return null;
  const rate = Number(normalised);
  return rate > 0 ? rate : null;
}

/** Settings → Currencies: loads the kept table, then the form. */
export function FxRatesSetting() {
  const rates = useCoreQuery('settings.fxRates.list', {});
  if (!rates.data) return rates.error ? <ErrorNotice error={rates.error} title="The exchange rates could not be read." onRetry={rates.reload} /> : null;
  return <FxRatesForm key={rates.data.baseCurrency} view={rates.data} />;
}

/**
 * The base currency and a dated table of what one unit of each other currency is worth in it. Only
 * the worklist ranking uses these (so a €10,000 debt and a $10,000 one weigh alike); amounts are
 * never converted. A currency with no rate is never taken at par: it is ranked on its own.
 */
function FxRatesForm({ view: initial }: { view: FxRatesView }) {
  const [view, setView] = useState(initial);
  const [base, setBase] = useState(initial.baseCurrency);
  const [date, setDate] = useState(localToday());
  const [draft, setDraft] = useState<Record<string, string>>({});
  const { error, message, runInPlace, run } = useOutcome();
  const others = view.currencies.filter((code) => code !== base);
  const currentOf = (code: string) => (base === view.baseCurrency ? view.current.find((rate) => rate.currency === code) : undefined);
  const invalid = others.filter((code) => parseRate(draft[code] ?? '') === null);
  const typed = Object.fromEntries(
    others.flatMap((code) => {
      const rate = parseRate(draft[code] ?? '');
      return typeof rate === 'number' ? [[code, rate]] : [];
    }),
  );
  const changesBase = base !== view.baseCurrency;

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (invalid.length > 0 || (!changesBase && Object.keys(typed).length === 0)) return;
    await runInPlace(async () => {
      setView(await call('settings.setFxRates', { baseCurrency: base, date, rates: typed }));
      setDraft({});
      void refreshStatus();
      return 'Saved; the worklist is re-ranked';
    });
  }

  return (
    <form className="setting" onSubmit={(event) => void save(event)} noValidate data-testid="fx-setting">
      <fieldset>
        <legend>Currencies</legend>
        <p className="muted">
          The worklist weighs debts in other currencies by these rates; amounts are always shown and sent in their own currency. A currency without a rate is
          never taken at par: it is ranked on its own, after the others.
        </p>
        <div className="fx-head">
          <label className="field inline">
            <span>Base currency</span>
            <select className="input" value={base} onChange={(event) => setBase(event.target.value)}>
              {[...new Set([view.baseCurrency, ...view.currencies])].sort().map((code) => (
                <option key={code}>{code}</option>
              ))}
            </select>
          </label>
          <label className="field inline">
            <span>Rates dated</span>
            <input className="input" type="date" value={date} onChange={(event) => setDate(event.target.value)} aria-label="Rates dated" />
          </label>
        </div>
        <div className="rates">
          {others.map((code) => {
            const current = currentOf(code);
            return (
              <label key={code} className="field inline">
                <span>1 {code} =</span>
                <input
                  className="input num"
                  inputMode="decimal"
                  value={draft[code] ?? ''}
                  placeholder={current ? String(current.rate) : ''}
                  aria-invalid={invalid.includes(code)}
                  aria-label={`${code} rate`}
                  onChange={(event) => setDraft({ ...draft, [code]: event.target.value })}
                />
                <span className="muted">{base}</span>
                {current ? (
                  <span className="muted">
                    in use: {current.rate} from {formatDate(current.date)}
                  </span>
                ) : (
                  <span className="rate-missing" data-testid={`fx-missing-${code}`}>
                    no rate: ranked on its own
                  </span>
                )}
              </label>
            );
          })}
          {others.length === 0 && <p className="muted">All invoices are in {base}; there is nothing to convert.</p>}
        </div>
        {invalid.length > 0 && <p className="field-error">Rates are numbers above zero, like 1.08: check {invalid.join(', ')}.</p>}
        <div className="setting-actions">
          <button type="submit" className="button primary" aria-disabled={invalid.length > 0}>
            Save rates
          </button>
          {message && <span className="saved">{message}</span>}
        </div>
        {view.rows.length > 0 && !changesBase && (
          <table className="backups fx-table" aria-label="Kept exchange rates">
            <thead>
              <tr>
                <th>Date</th>
                <th>Currency</th>
                <th className="number">Rate to {view.baseCurrency}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr key={`${row.currency}:${row.date}`}>
                  <td>{formatDate(row.date)}</td>
                  <td>{row.currency}</td>
                  <td className="number">{row.rate}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Delete the ${row.currency} rate of ${row.date}`}
                      onClick={() =>
                        void run(async () => {
                          setView(await call('settings.fxRates.delete', { currency: row.currency, date: row.date }));
                        })
                      }
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </fieldset>
      {error && <ErrorNotice error={error} title="The rates were not saved." />}
    </form>
  );
}
