import { useState } from 'react';
import { addDays } from '../../../../shared/dates';
import { DateInput, dateProblem } from '../../components/DateInput';
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
  const [until, setUntil] = useState<string | null>(() => addDays(today, 7));
  const [reason, setReason] = useState('');
  const tomorrow = addDays(today, 1);
  return (
    <ActionForm
      title="Snooze"
      testId="snooze-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => {
        const problem = dateProblem('Until', until, tomorrow);
        if (problem || !until) throw new Error(problem ?? 'Until: a date is needed.');
        await call('worklist.snooze', { customerId, untilDate: until, reason });
      }}
    >
      <label className="field">
        <span>Until</span>
        <DateInput label="Until" value={until} onChange={setUntil} today={today} min={tomorrow} testId="snooze-until" />
      </label>
      <label className="field">
        <span>Why</span>
        <input className="input" autoFocus value={reason} onChange={(event) => setReason(event.target.value)} />
      </label>
    </ActionForm>
  );
}
