import { useState } from 'react';
import { ActionForm } from './ActionForm';

interface Props {
  title: string;
  label: string;
  testId: string;
  initial?: string;
  /** Saves the text, or throws with a message the form shows. */
  onSubmit(text: string): Promise<unknown>;
  onSaved(): void;
  onCancel(): void;
}

/** One line of text to confirm an action: why a promise is cancelled, how a dispute was resolved, a corrected note. */
export function ReasonForm({ title, label, testId, initial = '', onSubmit, onSaved, onCancel }: Props) {
  const [text, setText] = useState(initial);
  return (
    <ActionForm
      title={title}
      testId={testId}
      onSaved={onSaved}
      onCancel={onCancel}
      onSubmit={async () => {
        await onSubmit(text);
      }}
    >
      <label className="field">
        <span>{label}</span>
        <textarea className="input" rows={2} autoFocus value={text} onChange={(event) => setText(event.target.value)} />
      </label>
    </ActionForm>
  );
}
