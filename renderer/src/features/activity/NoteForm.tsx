import { useState } from 'react';
import { call } from '../../lib/api';
import { ActionForm } from './ActionForm';

export function NoteForm({ customerId, onSaved, onCancel }: { customerId: number; onSaved(): void; onCancel(): void }) {
  const [text, setText] = useState('');
  return (
    <ActionForm
      title="Add a note"
      testId="note-form"
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => {
        await call('activity.addNote', { customerId, text });
      }}
    >
      <label className="field">
        <span>Note</span>
        <textarea className="input" rows={3} autoFocus value={text} onChange={(event) => setText(event.target.value)} />
      </label>
    </ActionForm>
  );
}
