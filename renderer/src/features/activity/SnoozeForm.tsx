import { useState } from 'react';
import { addDays } from '../../../../shared/dates';
import { call } from '../../lib/api';
import { ActionForm } from './ActionForm';

interface Props {
  customerId: number;
  today: string;
  onSaved(): void;
  onCancel(): void;
}

/** Take a customer out of the queue until a date, saying why. */
export function SnoozeForm({ customerId, today, onSaved, onCancel }: Props) {
  const [until, setUntil] = useState(() => addDays(today, 7));
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      title="Snooze"
      testId="snooze-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => { await call('worklist.snooze', { customerId, untilDate: until, reason }); }}
    >
      <label className="field">
        <span>Until</span>
        <input className="input" type="date" min={addDays(today, 1)} value={until} onChange={(event) => setUntil(event.target.value)} />
      </label>
      <label className="field">
        <span>Why</span>
        <input className="input" autoFocus value={reason} onChange={(event) => setReason(event.target.value)} />
      </label>
    </ActionForm>
  );
}
