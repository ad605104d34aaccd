import { useState } from 'react';
import { CALL_OUTCOMES, type CallOutcome } from '../../../../shared/activity';
import { isTyping } from '../../app/use-command';
import { DateInput, dateProblem } from '../../components/DateInput';
import { call } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { ActionForm } from './ActionForm';
import type { PromisePrefill } from './PromiseForm';

const LABELS: Record<CallOutcome, string> = {
  reached: 'Reached', left_voicemail: 'Left voicemail', no_answer: 'No answer', wrong_number: 'Wrong number',
  promised_to_pay: 'Promised to pay', disputed: 'Disputed', refused: 'Refused', claims_paid: 'Claims paid',
};

interface Props {
  customerId: number;
  today: string;
  /** A call that ended in a promise hands on to the promise form, pre-filled from the call. */
  onSaved(promise?: PromisePrefill): void;
  onCancel(): void;
}

/** Log a call: keys 1–8 pick the outcome, then notes and a follow-up date. "Promised to pay" goes on to the promise form. */
export function CallForm({ customerId, today, onSaved, onCancel }: Props) {
  const contacts = useCoreQuery('contacts.list', { customerId }).data ?? [];
  const [outcome, setOutcome] = useState<CallOutcome>('reached');
  const [contactId, setContactId] = useState('');
  const [direction, setDirection] = useState<'outbound' | 'inbound'>('outbound');
  const [minutes, setMinutes] = useState('');
  const [notes, setNotes] = useState('');
  const [followUp, setFollowUp] = useState<string | null>('');
  const promised = outcome === 'promised_to_pay';
  return (
    <ActionForm
      title="Log a call"
      testId="call-form"
      saveLabel={promised ? 'Save, then the promise' : undefined}
      onSaved={() => onSaved(promised ? { ...(followUp ? { date: followUp } : {}), note: notes, tickOverdue: true } : undefined)}
      onCancel={onCancel}
      onKeyDown={(event) => {
        const index = Number(event.key) - 1;
        // The outcome radios have focus when the form opens: a digit there picks an outcome too.
        const onRadio = event.target instanceof HTMLInputElement && event.target.type === 'radio';
        if ((onRadio || !isTyping(event.target)) && index >= 0 && index < CALL_OUTCOMES.length) {
          event.preventDefault();
          setOutcome(CALL_OUTCOMES[index]!);
        }
      }}
      onSubmit={async () => {
        const duration = minutes.trim() === '' ? undefined : Number(minutes);
        if (duration !== undefined && !(Number.isInteger(duration) && duration >= 0)) throw new Error('Minutes: a whole number, like 5.');
        const problem = dateProblem('Follow up on', followUp);
        if (problem) throw new Error(problem);
        await call('activity.logCall', {
          customerId, outcome, direction, notes,
          ...(contactId ? { contactId: Number(contactId) } : {}),
          ...(duration !== undefined ? { durationSeconds: duration * 60 } : {}),
          ...(followUp ? { followUpDate: followUp } : {}),
        });
      }}
    >
      <fieldset className="outcomes">
        <legend>Outcome</legend>
        {CALL_OUTCOMES.map((value, index) => (
          <label key={value} className="outcome">
            <input type="radio" name="outcome" value={value} checked={outcome === value} autoFocus={index === 0} onChange={() => setOutcome(value)} />
            <kbd>{index + 1}</kbd> {LABELS[value]}
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        <label className="field">
          <span>With</span>
          <select className="input" value={contactId} onChange={(event) => setContactId(event.target.value)}>
            <option value="">Someone not listed</option>
            {contacts.map((contact) => <option key={contact.id} value={contact.id}>{contact.name}</option>)}
          </select>
        </label>
        <label className="field">
          <span>Direction</span>
          <select className="input" value={direction} onChange={(event) => setDirection(event.target.value as typeof direction)}>
            <option value="outbound">I called them</option>
            <option value="inbound">They called me</option>
          </select>
        </label>
        <label className="field">
          <span>Minutes</span>
          <input className="input" inputMode="numeric" value={minutes} onChange={(event) => setMinutes(event.target.value)} />
        </label>
      </div>
      <label className="field">
        <span>Notes</span>
        <textarea className="input" rows={2} value={notes} onChange={(event) => setNotes(event.target.value)} />
      </label>
      <label className="field">
        <span>{promised ? 'Pays by (the promise form starts with it)' : 'Follow up on'}</span>
        <DateInput label="Follow up on" value={followUp} onChange={setFollowUp} today={today} min={today} testId="follow-up-date" />
      </label>
    </ActionForm>
  );
}
