import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface Props {
  /** The accessible name: `label` as text, or `labelledBy` the id of the dialog's own heading. */
  label?: string;
  labelledBy?: string;
  className: string;
  testId?: string;
  onClose(): void;
  children: ReactNode;
}

/**
 * Every modal overlay: a named dialog that keeps Tab inside it, closes on Esc, and on closing gives
 * the keyboard back to where it was (unless what the dialog ran already moved it, like a form it opened).
 */
export function Dialog({ label, labelledBy, className, testId, onClose, children }: Props) {
  const root = useRef<HTMLDivElement>(null);
  // Read at the first render: by the time an effect runs, a child's autoFocus has already taken it.
  const [previous] = useState(() => document.activeElement);

  useEffect(() => {
    const dialog = root.current;
    if (dialog && !dialog.contains(document.activeElement)) (dialog.querySelector<HTMLElement>(FOCUSABLE) ?? dialog).focus();
    return () => {
      const active = document.activeElement;
      const taken = active !== null && active !== document.body && !dialog?.contains(active);
      if (!taken && previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, [previous]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !root.current) return;
    const stops = [...root.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0);
    const first = stops[0];
    const last = stops.at(-1);
    // Wrap at either end; with nothing focusable the dialog itself keeps the focus.
    if (!first || !last) event.preventDefault();
    else if (event.shiftKey && (document.activeElement === first || document.activeElement === root.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div
      ref={root}
      className={className}
      role="dialog"
      aria-modal="true"
      aria-label={label}
      aria-labelledby={labelledBy}
      tabIndex={-1}
      data-testid={testId}
      onKeyDown={onKeyDown}
    >
      {children}
    </div>
  );
}
