import { useState } from 'react';
import type { Reason } from '../../../../shared/worklist';
import { call } from '../../lib/api';
import { ActionForm } from '../activity/ActionForm';

/** A ladder step for a person that is not a call (a call is done by logging it). */
export type LadderTask = Extract<Reason, { code: 'escalation_due' }> & { channel: 'letter' | 'agency_referral' };

export function ladderTaskOf(reasons: readonly Reason[]): LadderTask | null {
  const task = reasons.find((r): r is LadderTask => r.code === 'escalation_due' && (r.channel === 'letter' || r.channel === 'agency_referral'));
  return task ?? null;
}

export const TASK_DONE_LABEL: Record<LadderTask['channel'], string> = { letter: 'Letter posted', agency_referral: 'Referred to the agency' };

/** Records that the ladder's letter went out or the account went to the agency, so the ladder moves on. */
export function LadderTaskForm({ customerId, task, onSaved, onCancel }: { customerId: number; task: LadderTask; onSaved(): void; onCancel(): void }) {
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title={`${task.step}: ${TASK_DONE_LABEL[task.channel].toLowerCase()}`}
      testId="ladder-task-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => {
        await call('ladder.completeTask', { customerId, channel: task.channel, note });
      }}
    >
      <label className="field">
        <span>Note (reference, agency, tracking number)</span>
        <textarea className="input" rows={2} autoFocus value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
    </ActionForm>
  );
}
