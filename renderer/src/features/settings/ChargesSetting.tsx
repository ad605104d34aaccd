import { useState, type FormEvent } from 'react';
import {
  chargeKindLabel,
  CHARGE_KINDS,
  RATE_SERIES,
  RATE_SERIES_LABELS,
  type ChargeKind,
  type ChargePolicy,
  type RateSeries,
} from '../../../../shared/charges';
import { localToday } from '../../../../shared/dates';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { formatDate, userLocale } from '../../lib/format';
import { useCoreQuery } from '../../lib/core-query';
import { useOutcome } from '../../lib/use-outcome';

/** A percentage as typed ("1.5", "8,25", "-0.88") to basis points; null when it is not one. */
function basisPoints(text: string): number | null {
  const normalised = text.trim().replace(',', '.');
  return /^-?\d{1,3}(\.\d{1,2})?$/.test(normalised) ? Math.round(Number(normalised) * 100) : null;
}
const percentOf = (bp: number | undefined): string => (bp === undefined ? '' : (bp / 100).toFixed(2));

/** Settings → Late-payment charges: loads policies and rates, then the two forms. */
export function ChargesSetting() {
  const policies = useCoreQuery('charges.policies', {});
  const segments = useCoreQuery('customers.segments', {}).data ?? [];
  if (!policies.data)
    return policies.error ? <ErrorNotice error={policies.error} title="The charge policies could not be read." onRetry={policies.reload} /> : null;
  return (
    <>
      <ChargePoliciesForm initial={policies.data} segments={segments} />
      <ReferenceRatesForm />
    </>
  );
}

/**
 * One policy per set of segments (none: everyone else): no charges, a contractual rate, or a
 * statutory preset. Charges are never added to a balance, the aging or DSO; statements show them apart.
 */
function ChargePoliciesForm({ initial, segments }: { initial: ChargePolicy[]; segments: string[] }) {
  const [rows, setRows] = useState(() =>
    initial.map((policy) => ({ ...policy, segmentsText: policy.segments.join(', '), rateText: percentOf(policy.rateBp) })),
  );
  const { error, message, runInPlace } = useOutcome();
  const update = (index: number, change: Partial<(typeof rows)[number]>): void => setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const add = (): void =>
    setRows([
      ...rows,
      {
        id: `policy-${rows.length + 1}`,
        name: '',
        segments: [],
        segmentsText: '',
        kind: 'eu_directive',
        ratePer: 'year',
        compounding: false,
        fixedFeeMinor: 0,
        graceDays: 0,
        dayCount: 'act365',
        rateText: '',
      },
    ]);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    await runInPlace(async () => {
      const policies = rows.map(({ segmentsText, rateText, ...policy }) => {
        const rateBp = policy.kind === 'contractual' ? (basisPoints(rateText) ?? undefined) : undefined;
        return {
          ...policy,
          segments: segmentsText
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          ...(rateBp === undefined ? { rateBp: undefined } : { rateBp }),
        };
      });
      const saved = await call('charges.savePolicies', { policies });
      setRows(saved.map((policy) => ({ ...policy, segmentsText: policy.segments.join(', '), rateText: percentOf(policy.rateBp) })));
      return 'Saved: statements, letters and merge fields use them from now on';
    });
  }

  return (
    <form className="setting" onSubmit={(event) => void save(event)} noValidate data-testid="charges-setting">
      <fieldset>
        <legend>Late-payment charges</legend>
        <p className="muted">
          Interest and fixed fees on late invoices, per customer segment; kept apart from what is owed (never in the aging or DSO), shown on statements and in
          the <code>{'{{charges.*}}'}</code> merge fields, and each can be waived with a reason. No policy: no charges.
        </p>
        {rows.length > 0 && (
          <table className="backups charges-table" aria-label="Charge policies">
            <thead>
              <tr>
                <th>Name</th>
                <th>Segments (blank: everyone else)</th>
                <th>Rule</th>
                <th>Rate %</th>
                <th>Fee (minor units)</th>
                <th>Grace days</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index}>
                  <td>
                    <input className="input" aria-label="Policy name" value={row.name} onChange={(event) => update(index, { name: event.target.value })} />
                  </td>
                  <td>
                    <input
                      className="input"
                      aria-label="Segments"
                      list="charge-segments"
                      value={row.segmentsText}
                      placeholder="everyone else"
                      onChange={(event) => update(index, { segmentsText: event.target.value })}
                    />
                  </td>
                  <td>
                    <select
                      className="input"
                      aria-label="Rule"
                      value={row.kind}
                      onChange={(event) => update(index, { kind: event.target.value as ChargeKind })}
                    >
                      {CHARGE_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {chargeKindLabel(kind, userLocale)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {row.kind === 'contractual' ? (
                      <span className="rate-cell">
                        <input
                          className="input num"
                          inputMode="decimal"
                          aria-label="Rate"
                          aria-invalid={basisPoints(row.rateText) === null}
                          value={row.rateText}
                          onChange={(event) => update(index, { rateText: event.target.value })}
                        />
                        <select
                          className="input"
                          aria-label="Rate per"
                          value={row.ratePer}
                          onChange={(event) => update(index, { ratePer: event.target.value as 'month' | 'year' })}
                        >
                          <option value="month">a month</option>
                          <option value="year">a year</option>
                        </select>
                      </span>
                    ) : (
                      <span className="muted">{row.kind === 'none' ? '—' : 'statutory'}</span>
                    )}
                  </td>
                  <td>
                    {row.kind === 'contractual' ? (
                      <input
                        className="input num"
                        inputMode="numeric"
                        aria-label="Fixed fee"
                        value={row.fixedFeeMinor}
                        onChange={(event) => update(index, { fixedFeeMinor: Number(event.target.value.replace(/\D/g, '')) || 0 })}
                      />
                    ) : (
                      <span className="muted">{row.kind === 'none' ? '—' : 'statutory'}</span>
                    )}
                  </td>
                  <td>
                    {row.kind === 'contractual' ? (
                      <input
                        className="input num"
                        inputMode="numeric"
                        aria-label="Grace days"
                        value={row.graceDays}
                        onChange={(event) => update(index, { graceDays: Number(event.target.value.replace(/\D/g, '')) || 0 })}
                      />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <button type="button" className="link-button" onClick={() => setRows(rows.filter((_, i) => i !== index))}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <datalist id="charge-segments">
          {segments.map((segment) => (
            <option key={segment} value={segment} />
          ))}
        </datalist>
        <div className="setting-actions">
          <button type="button" className="button" onClick={add}>
            Add a policy
          </button>
          <button type="submit" className="button primary">
            Save charge policies
          </button>
          {message && <span className="saved">{message}</span>}
        </div>
      </fieldset>
      {error && <ErrorNotice error={error} title="The charge policies were not saved." />}
    </form>
  );
}

/** The central-bank rates the statutory presets add their points to: the shipped history, and the user's additions and corrections. */
function ReferenceRatesForm() {
  const rates = useCoreQuery('charges.rates', {});
  const [series, setSeries] = useState<RateSeries>('ecb_mro');
  const [date, setDate] = useState(localToday());
  const [rate, setRate] = useState('');
  const { error, message, runInPlace, run } = useOutcome();
  const rateBp = basisPoints(rate);
  const latest = RATE_SERIES.map((s) => (rates.data ?? []).filter((r) => r.series === s).at(-1)).filter((r) => r !== undefined);
  const userRows = (rates.data ?? []).filter((r) => r.source === 'user');

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (rateBp === null) return;
    await runInPlace(async () => {
      await call('charges.saveRate', { series, effectiveDate: date, rateBp });
      setRate('');
      rates.reload();
      return 'Saved: interest from that date uses it';
    });
  }

  return (
    <form className="setting" onSubmit={(event) => void save(event)} noValidate data-testid="reference-rates-setting">
      <fieldset>
        <legend>Reference rates</legend>
        <p className="muted">
          Statutory interest is a central bank's rate plus fixed points, taken as it stood on a set date. Inflow ships the known history; add a new rate when
          the bank changes it (nothing is fetched).
        </p>
        <ul className="plain-list">
          {latest.map((r) => (
            <li key={r.series}>
              {RATE_SERIES_LABELS[r.series]}: <strong>{percentOf(r.rateBp)} %</strong> from {formatDate(r.effectiveDate)}{' '}
              <span className="muted">({r.source === 'user' ? 'yours' : 'shipped'})</span>
            </li>
          ))}
        </ul>
        <div className="fx-head">
          <label className="field inline">
            <span>Rate</span>
            <select className="input" value={series} onChange={(event) => setSeries(event.target.value as RateSeries)}>
              {RATE_SERIES.map((s) => (
                <option key={s} value={s}>
                  {RATE_SERIES_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label className="field inline">
            <span>From</span>
            <input className="input" type="date" value={date} onChange={(event) => setDate(event.target.value)} aria-label="Effective from" />
          </label>
          <label className="field inline">
            <span>%</span>
            <input
              className="input num"
              inputMode="decimal"
              value={rate}
              aria-invalid={rate !== '' && rateBp === null}
              aria-label="Rate in percent"
              onChange={(event) => setRate(event.target.value)}
            />
          </label>
          <button type="submit" className="button primary" aria-disabled={rateBp === null}>
            Add rate
          </button>
          {message && <span className="saved">{message}</span>}
        </div>
        {rate !== '' && rateBp === null && <p className="field-error">A rate is a percentage with up to two decimals, like 2.15 or -0.88.</p>}
        {userRows.length > 0 && (
          <table className="backups fx-table" aria-label="Your reference rates">
            <thead>
              <tr>
                <th>From</th>
                <th>Rate</th>
                <th className="number">%</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {userRows.map((r) => (
                <tr key={`${r.series}:${r.effectiveDate}`}>
                  <td>{formatDate(r.effectiveDate)}</td>
                  <td>{RATE_SERIES_LABELS[r.series]}</td>
                  <td className="number">{percentOf(r.rateBp)}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() =>
                        void run(async () => {
                          await call('charges.deleteRate', { series: r.series, effectiveDate: r.effectiveDate });
                          rates.reload();
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
      {error && <ErrorNotice error={error} title="The rate was not saved." />}
    </form>
  );
}
