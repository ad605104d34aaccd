import { useState } from 'react';
import { call } from '../../lib/api';
import { ActionForm } from './ActionForm';

interface Props {
  customerId: number;
  current: string | null;
  /** Collectors already working accounts, offered as suggestions. */
  collectors: string[];
  onSaved(): void;
  onCancel(): void;
}

/** Hand the customer over to another collector, with a note for them. */
export function AssignForm({ customerId, current, collectors, onSaved, onCancel }: Props) {
  const [collector, setCollector] = useState('');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title={current ? `Hand over from ${current}` : 'Assign a collector'}
      testId="assign-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => { await call('customer.assign', { customerId, collector, note }); }}
    >
      <label className="field">
        <span>Collector</span>
        <input className="input" autoFocus list="known-collectors" value={collector} onChange={(event) => setCollector(event.target.value)} />
        <datalist id="known-collectors">
          {collectors.filter((name) => name !== current).map((name) => <option key={name} value={name} />)}
        </datalist>
      </label>
      <label className="field">
        <span>Note for them</span>
        <textarea className="input" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
    </ActionForm>
  );
}
