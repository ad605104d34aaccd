import { useState, type FormEvent } from 'react';
import type { AppStatus } from '../../../../shared/api';
import { useStatus } from '../../app/status-store';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { useOutcome } from '../../lib/use-outcome';

/** A rate as typed: digits with one decimal point or comma; never a formula or a blank. */
function parseRate(text: string): number | null {
  const normalised = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(normalised)) return null;
  const rate = Number(normalised);
  return rate > 0 ? rate : null;
}

/**
 * The base currency and what one unit of each other currency is worth in it. Only the worklist
 * ranking uses these (so a €10,000 debt and a $10,000 one weigh alike); amounts are never converted.
 */
export function FxRatesSetting({ status }: { status: AppStatus }) {
  const [base, setBase] = useState(status.baseCurrency);
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(status.currencies.map((code) => [code, String(status.fxRates[code] ?? 1)])));
  const { error, runInPlace } = useOutcome();
  const [saved, setSaved] = useState(false);
  const others = status.currencies.filter((code) => code !== base);
  const invalid = others.filter((code) => parseRate(draft[code] ?? '') === null);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (invalid.length > 0) return;
    await runInPlace(async () => {
      const rates = Object.fromEntries(others.map((code) => [code, parseRate(draft[code] ?? '')!]));
      await call('settings.setFxRates', { baseCurrency: base, rates });
      setSaved(true);
      void useStatus.getState().refresh();
    });
  }

  return (
    <form className="setting" onSubmit={(event) => void save(event)} noValidate data-testid="fx-setting">
      <fieldset>
        <legend>Currencies</legend>
        <p className="muted">The worklist weighs debts in other currencies by these rates. Amounts are always shown and sent in their own currency.</p>
        <label className="field inline">
          <span>Base currency</span>
          <select className="input" value={base} onChange={(event) => { setBase(event.target.value); setSaved(false); }}>
            {[...new Set([status.baseCurrency, ...status.currencies])].sort().map((code) => <option key={code}>{code}</option>)}
          </select>
        </label>
        <div className="rates">
          {others.map((code) => (
            <label key={code} className="field inline">
              <span>1 {code} =</span>
              <input
                className="input num"
                inputMode="decimal"
                value={draft[code] ?? ''}
                aria-invalid={invalid.includes(code)}
                onChange={(event) => { setDraft({ ...draft, [code]: event.target.value }); setSaved(false); }}
              />
              <span className="muted">{base}</span>
            </label>
          ))}
          {others.length === 0 && <p className="muted">All invoices are in {base}; there is nothing to convert.</p>}
        </div>
        {invalid.length > 0 && <p className="field-error">Rates are numbers above zero, like 1.08: check {invalid.join(', ')}.</p>}
        <div className="setting-actions">
          <button type="submit" className="button primary" aria-disabled={invalid.length > 0}>Save rates</button>
          {saved && <span className="saved">Saved; the worklist is re-ranked</span>}
        </div>
      </fieldset>
      {error && <ErrorNotice error={error} title="The rates were not saved." />}
    </form>
  );
}
