import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { Kbd } from '../../app/Kbd';
import { modKey } from '../../app/key-caps';
import { useOutcome } from '../../lib/use-outcome';
import './activity.css';

interface Props {
  title: string;
  testId: string;
  /** Saves, or throws with a message the form shows. */
  onSubmit(): Promise<void>;
  onSaved(): void;
  onCancel(): void;
  onKeyDown?(event: KeyboardEvent<HTMLFormElement>): void;
  /** The save button's words when saving does more than save ("Save, then the promise"). */
  saveLabel?: string | undefined;
  children: ReactNode;
}

/**
 * The pane's side form: Tab through fields, Ctrl/Cmd+Enter saves, Esc cancels; an error stays in the
 * form until the next save or until a field changes (it may be the one the error named).
 */
export function ActionForm({ title, testId, onSubmit, onSaved, onCancel, onKeyDown, saveLabel = 'Save', children }: Props) {
  const { error, run, clear } = useOutcome();
  const [busy, setBusy] = useState(false);

  async function save(): Promise<void> {
    if (busy) return;
    setBusy(true);
    const saved = await run(async () => {
      await onSubmit();
      onSaved();
    });
    // A saved form stays busy while it closes, so it cannot save twice.
    if (!saved) setBusy(false);
  }

  function keys(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else {
      onKeyDown?.(event);
    }
  }

  return (
    <form
      className="action-form card"
      data-testid={testId}
      aria-label={title}
      onKeyDown={keys}
      onChange={clear}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="action-form-title">{title}</div>
      {children}
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="action-form-buttons">
        <button type="submit" className="button primary small" disabled={busy}>
          {saveLabel} <Kbd keys={[modKey, 'Enter']} />
        </button>
        <button type="button" className="button ghost small" onClick={onCancel}>
          Cancel <Kbd keys={['Esc']} />
        </button>
      </div>
    </form>
  );
}
