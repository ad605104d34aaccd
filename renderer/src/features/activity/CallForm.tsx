import { useEffect, useRef, useState } from 'react';
import { CALL_OUTCOMES, type CallOutcome } from '../../../../shared/activity';
import { isTyping } from '../../app/use-command';
import { DateInput, dateProblem } from '../../components/DateInput';
import { call } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { ActionForm } from './ActionForm';
import { CallDialBar } from './CallDialBar';
import { formatDuration, numberToDial, parseDuration } from './call-dial';
import { useCallTimer } from './use-call-timer';

/** The desktop app (its preload set window.inflow); the web host's page cannot start a call. */
const IN_DESKTOP = window.inflow !== undefined;
import type { PromisePrefill } from './PromiseForm';

const LABELS: Record<CallOutcome, string> = {
  reached: 'Reached',
  left_voicemail: 'Left voicemail',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
  promised_to_pay: 'Promised to pay',
  disputed: 'Disputed',
  refused: 'Refused',
  claims_paid: 'Claims paid',
};

interface Props {
  customerId: number;
  /** The customer's country, for numbers stored without a country code. */
  country?: string | null | undefined;
  /** Shift+C: dial the primary contact as the form opens, and time the call. */
  dial?: boolean | undefined;
  today: string;
  /** A call that ended in a promise hands on to the promise form, pre-filled from the call. */
  onSaved(promise?: PromisePrefill): void;
  onCancel(): void;
}

/**
 * Log a call: keys 1–8 pick the outcome, then notes and a follow-up date. "Promised to pay" goes on to
 * the promise form. Opened with Shift+C it dials the primary contact first and times the call: the
 * length follows the timer until it is stopped or typed over.
 */
export function CallForm({ customerId, country, dial = false, today, onSaved, onCancel }: Props) {
  const contacts = useCoreQuery('contacts.list', { customerId }).data;
  const [outcome, setOutcome] = useState<CallOutcome>('reached');
  const [contactId, setContactId] = useState('');
  const [direction, setDirection] = useState<'outbound' | 'inbound'>('outbound');
  // What the collector typed in the length field; until then a timed call shows the timer there.
  const [typed, setTyped] = useState<string | null>(null);
  const target = dial && contacts ? numberToDial(contacts, country) : null;
  const timer = useCallTimer();
  const startTimer = timer.start;
  const dialled = useRef(false);
  useEffect(() => {
    if (!target || dialled.current) return;
    dialled.current = true;
    setContactId(String(target.contactId));
    startTimer();
    // The desktop shell hands tel: links to the system's calling app (its allow-list takes E.164 only); a browser tab cannot.
    if (IN_DESKTOP) window.open(`tel:${target.e164}`, '_blank');
  }, [target, startTimer]);
  const length = typed ?? (timer.seconds !== null ? formatDuration(timer.seconds) : '');
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
        const duration = parseDuration(length);
        if (duration === null) throw new Error('Length: minutes, like 5, or minutes and seconds, like 4:30.');
        const problem = dateProblem('Follow up on', followUp);
        if (problem) throw new Error(problem);
        await call('activity.logCall', {
          customerId,
          outcome,
          direction,
          notes,
          ...(contactId ? { contactId: Number(contactId) } : {}),
          ...(duration !== undefined ? { durationSeconds: duration } : {}),
          ...(followUp ? { followUpDate: followUp } : {}),
        });
      }}
    >
      {dial && contacts && <CallDialBar target={target} desktop={IN_DESKTOP} timer={timer} />}
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
            {(contacts ?? []).map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contact.name}
              </option>
            ))}
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
          <span>Length (m or m:ss)</span>
          <input className="input num" inputMode="numeric" value={length} data-testid="call-length" onChange={(event) => setTyped(event.target.value)} />
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
