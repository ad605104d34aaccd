import { useState } from 'react';
import { plural } from '../../lib/format';

interface Props {
  count: number;
  /** Above this many messages the number must be typed: one click must never send a big batch. */
  typedAbove: number;
  onConfirm(): void;
  onCancel(): void;
}

/** The last step before anything goes: the number of messages, confirmed, and typed for a big batch. */
export function SendConfirm({ count, typedAbove, onConfirm, onCancel }: Props) {
  const [typed, setTyped] = useState('');
  const mustType = count > typedAbove;
  const ready = !mustType || typed.trim() === String(count);
  return (
    <form
      className="send-confirm"
      aria-label="Confirm the send"
      data-testid="send-confirm"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onConfirm();
      }}
    >
      <strong>Send {plural(count, 'message')} now?</strong>
      {mustType && (
        <label className="field inline">
          <span>
            More than {typedAbove}: type {count} to confirm
          </span>
          <input
            className="input small"
            inputMode="numeric"
            autoFocus
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            aria-label={`Type ${count} to confirm`}
          />
        </label>
      )}
      <span className="spacer" />
      <button type="button" className="button ghost" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button primary" autoFocus={!mustType} disabled={!ready}>
        Yes, send {plural(count, 'message')}
      </button>
    </form>
  );
}
