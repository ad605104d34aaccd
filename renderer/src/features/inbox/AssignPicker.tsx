import { useMemo, useState } from 'react';
import { localToday } from '../../../../shared/dates';
import { call } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { useOutcome } from '../../lib/use-outcome';

interface Props {
  inboxId: number;
  onAssigned(): void;
  onCancel(): void;
}

/** Assigns a message to a customer: type part of a name or id, Enter takes the first match. */
export function AssignPicker({ inboxId, onAssigned, onCancel }: Props) {
  const customers = useCoreQuery('customers.list', { asOf: localToday() }).data;
  const [query, setQuery] = useState('');
  const outcome = useOutcome();
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = customers ?? [];
    return (q ? all.filter((c) => c.name.toLowerCase().includes(q) || c.externalId.toLowerCase().includes(q)) : all).slice(0, 8);
  }, [customers, query]);
  const assign = (customerId: number) =>
    void outcome.run(async () => {
      await call('inbox.assign', { id: inboxId, customerId });
      onAssigned();
    });
  return (
    <div className="inbox-assign" data-testid="inbox-assign">
      <label className="field">
        <span>Assign to customer</span>
        <input
          className="input"
          autoFocus
          value={query}
          placeholder="Name or ERP id"
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && matches[0]) assign(matches[0].id);
            if (event.key === 'Escape') onCancel();
          }}
        />
      </label>
      <ul className="inbox-matches">
        {matches.map((c) => (
          <li key={c.id}>
            <button type="button" className="link-button" onClick={() => assign(c.id)}>
              {c.name}
            </button>{' '}
            <span className="muted">{c.externalId}</span>
          </li>
        ))}
      </ul>
      {outcome.error && (
        <p className="field-error" role="alert">
          {outcome.error.message}
        </p>
      )}
    </div>
  );
}
