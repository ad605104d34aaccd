import { useId, useState, type KeyboardEvent } from 'react';
import { call } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { ActionForm } from './ActionForm';

interface Props {
  customerId: number;
  current: string | null;
  onSaved(): void;
  onCancel(): void;
}

/** "add" is the explicit choice of a new collector under the name typed; it is never picked by itself. */
type Choice = { kind: 'known'; name: string } | { kind: 'add'; name: string };

/**
 * Hand the customer over to another collector: type to narrow the known collectors, ↓/↑ and Enter (or
 * a click) to pick one. A name nobody has becomes a collector only through the list's last line, "Add
 * … as a new collector", so a typo never creates one (the core refuses it too).
 */
export function AssignForm({ customerId, current, onSaved, onCancel }: Props) {
  const known = (useCoreQuery('customers.collectors', {}).data ?? []).filter((name) => name !== current);
  const [query, setQuery] = useState('');
  const [choice, setChoice] = useState<Choice | null>(null);
  const [active, setActive] = useState(0);
  const [note, setNote] = useState('');
  const listId = useId();
  const typed = query.trim();
  const matches = known.filter((name) => name.toLowerCase().includes(typed.toLowerCase()));
  const exact = known.some((name) => name.toLowerCase() === typed.toLowerCase());
  const options: Choice[] = [...matches.map((name): Choice => ({ kind: 'known', name })), ...(typed && !exact ? [{ kind: 'add', name: typed } as Choice] : [])];
  const highlighted = Math.min(active, options.length - 1);

  const pick = (option: Choice | undefined): void => {
    if (!option) return;
    setChoice(option);
    setQuery(option.name);
  };
  const keys = (event: KeyboardEvent<HTMLInputElement>): void => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step !== undefined && options.length > 0) {
      event.preventDefault();
      setActive((highlighted + step + options.length) % options.length);
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && choice?.name !== typed) {
      // Enter picks the highlighted line; once picked, Ctrl+Enter saves as in every form.
      event.preventDefault();
      pick(options[highlighted]);
    }
  };
  return (
    <ActionForm
      title={current ? `Hand over from ${current}` : 'Assign a collector'}
      testId="assign-form"
      onSaved={onSaved}
      onCancel={onCancel}
      saveLabel={choice?.kind === 'add' ? `Add ${choice.name} and assign` : 'Assign'}
      onSubmit={async () => {
        if (!choice || choice.name !== typed)
          throw new Error(typed ? `Pick a collector from the list, or “Add ${typed} as a new collector”.` : 'Pick a collector from the list.');
        await call('customer.assign', { customerId, collector: choice.name, newCollector: choice.kind === 'add', note });
      }}
    >
      <label className="field">
        <span>Collector</span>
        <input
          className="input"
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={options[highlighted] ? `${listId}-${highlighted}` : undefined}
          placeholder="Type to find a collector"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setChoice(null);
          }}
          onKeyDown={keys}
        />
      </label>
      <ul className="collector-options" id={listId} role="listbox" aria-label="Collectors" data-testid="collector-options">
        {options.map((option, index) => (
          <li
            key={`${option.kind}-${option.name}`}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === highlighted}
            className={choice?.name === option.name && choice.kind === option.kind ? 'picked' : undefined}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(option)}
          >
            {option.kind === 'add' ? (
              <>
                Add <strong>{option.name}</strong> as a new collector
              </>
            ) : (
              option.name
            )}
          </li>
        ))}
        {options.length === 0 && <li className="muted">No collector yet: type a name to add one.</li>}
      </ul>
      <label className="field">
        <span>Note for them</span>
        <textarea className="input" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
    </ActionForm>
  );
}
