import { useState, type FormEvent } from 'react';
import type { TeamLimits as Limits } from '../../../../shared/team-authority';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { useAppStatus } from '../../app/use-app-status';
import { formatAmount, userLocale } from '../../lib/format';
import { useOutcome } from '../../lib/use-outcome';
import { draftOf, LIMIT_FIELDS, LIMITED_ROLES, limitsOf, type DraftField, type LimitsDraft, type LimitedRole } from './limits-draft';
import { ROLE_LABELS } from './TeamMembers';

/** A limit as it reads in the read-only table: "No limit", an amount in the limits' currency, a percentage, a count. */
function shown(limits: Limits, role: LimitedRole, field: (typeof LIMIT_FIELDS)[number]): string {
  const value = limits[role][field.key];
  if (value === null) return 'No limit';
  if (field.unit === 'money') return formatAmount(value, limits.currency);
  if (field.unit === 'percent') return `${(value / 100).toLocaleString(userLocale)} %`;
  return `${value.toLocaleString(userLocale)}${field.suffix ? ` ${field.suffix}` : ''}`;
}

/**
 * What a collector and a senior may do alone; beyond it an action waits for a manager. A manager
 * edits the table (amounts in the limits' currency, typed with the user's decimal mark; empty is no
 * limit), checked field by field before anything is sent; everyone else reads it.
 */
export function TeamLimits({ limits, canEdit, onSaved }: { limits: Limits | null; canEdit: boolean; onSaved: () => void }) {
  const base = useAppStatus().data?.baseCurrency ?? 'USD';
  const [draft, setDraft] = useState<LimitsDraft>(() => draftOf(limits, base, userLocale));
  const [errors, setErrors] = useState<Partial<Record<DraftField, string>>>({});
  const outcome = useOutcome();

  const save = (event: FormEvent): void => {
    event.preventDefault();
    const checked = limitsOf(draft, userLocale);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    void outcome.runInPlace(async () => {
      await call('team.limits.save', checked.limits);
      onSaved();
      return 'Limits saved; every desk has them at its next exchange.';
    });
  };
  const edit = (role: LimitedRole, key: (typeof LIMIT_FIELDS)[number]['key'], value: string): void =>
    setDraft({ ...draft, [role]: { ...draft[role], [key]: value } });
  const invalid = (field: DraftField) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `limit-error-${field.replace('.', '-')}` } : {});
  const error = (field: DraftField) =>
    errors[field] && (
      <span className="field-error" id={`limit-error-${field.replace('.', '-')}`}>
        {errors[field]}
      </span>
    );

  if (!canEdit) {
    return (
      <section className="team-block" aria-labelledby="team-limits-title" data-testid="team-limits">
        <h3 id="team-limits-title">Limits</h3>
        {limits ? (
          <table className="team-table limits-table">
            <LimitsHead />
            <tbody>
              {LIMIT_FIELDS.map((field) => (
                <tr key={field.key}>
                  <th scope="row">{field.label}</th>
                  {LIMITED_ROLES.map((role) => (
                    <td key={role} className="num">
                      {shown(limits, role, field)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">The team has no limits yet: every action is recorded without approval until a manager sets them.</p>
        )}
      </section>
    );
  }
  return (
    <form className="team-block" onSubmit={save} noValidate aria-labelledby="team-limits-title" data-testid="team-limits">
      <h3 id="team-limits-title">Limits</h3>
      <p className="muted">What each role may do alone; beyond it, the action waits on a manager’s worklist. Leave a field empty for no limit.</p>
      <label className="field limits-currency">
        <span>Amounts in</span>
        <input
          className="input"
          value={draft.currency}
          maxLength={3}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setDraft({ ...draft, currency: event.target.value.toUpperCase() })}
          {...invalid('currency')}
        />
        {error('currency')}
      </label>
      <table className="team-table limits-table">
        <LimitsHead />
        <tbody>
          {LIMIT_FIELDS.map((field) => (
            <tr key={field.key}>
              <th scope="row">
                {field.label}
                {field.unit === 'money' && <span className="muted"> ({draft.currency})</span>}
                {field.suffix && <span className="muted"> ({field.suffix})</span>}
              </th>
              {LIMITED_ROLES.map((role) => (
                <td key={role}>
                  <input
                    className="input"
                    inputMode={field.unit === 'count' ? 'numeric' : 'decimal'}
                    aria-label={`${field.label}, ${ROLE_LABELS[role].toLowerCase()}`}
                    placeholder="No limit"
                    value={draft[role][field.key]}
                    autoComplete="off"
                    onChange={(event) => edit(role, field.key, event.target.value)}
                    {...invalid(`${role}.${field.key}`)}
                  />
                  {error(`${role}.${field.key}`)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="setting-actions">
        <button type="submit" className="button">
          Save limits
        </button>
        {outcome.message && (
          <span className="saved" role="status">
            {outcome.message}
          </span>
        )}
      </div>
      {outcome.error && <ErrorNotice error={outcome.error} />}
    </form>
  );
}

/** The limits table's columns: what, then each limited role. */
function LimitsHead() {
  return (
    <thead>
      <tr>
        <th scope="col">Alone, up to</th>
        {LIMITED_ROLES.map((role) => (
          <th scope="col" key={role}>
            {ROLE_LABELS[role]}
          </th>
        ))}
      </tr>
    </thead>
  );
}
