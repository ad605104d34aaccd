import { useState } from 'react';
import { CALL_OUTCOMES, type CallOutcome } from '../../../../shared/activity';
import { isTyping } from '../../app/use-shortcut';
import { call } from '../../lib/api';
import { ActionForm } from './ActionForm';

const LABELS: Record<CallOutcome, string> = {
  reached: 'Reached', left_voicemail: 'Left voicemail', no_answer: 'No answer', wrong_number: 'Wrong number',
  promised_to_pay: 'Promised to pay', disputed: 'Disputed', refused: 'Refused', claims_paid: 'Claims paid',
};

interface Props {
  customerId: number;
  onSaved(): void;
  onCancel(): void;
}

/** Log a call: keys 1–8 pick the outcome, then notes and a follow-up date. */
export function CallForm({ customerId, onSaved, onCancel }: Props) {
  const [outcome, setOutcome] = useState<CallOutcome>('reached');
  const [notes, setNotes] = useState('');
  const [followUp, setFollowUp] = useState('');
  return (
    <ActionForm
      title="Log a call"
      testId="call-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onKeyDown={(event) => {
        const index = Number(event.key) - 1;
        if (!isTyping(event.target) && index >= 0 && index < CALL_OUTCOMES.length) {
          event.preventDefault();
          setOutcome(CALL_OUTCOMES[index]!);
        }
      }}
      onSubmit={async () => {
        await call('activity.logCall', { customerId, outcome, notes, ...(followUp ? { followUpDate: followUp } : {}) });
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
      <label className="field">
        <span>Notes</span>
        <textarea className="input" rows={2} value={notes} onChange={(event) => setNotes(event.target.value)} />
      </label>
      <label className="field">
        <span>Follow up on</span>
        <input className="input" type="date" value={followUp} onChange={(event) => setFollowUp(event.target.value)} />
      </label>
    </ActionForm>
  );
}
