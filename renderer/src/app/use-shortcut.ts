import { useEffect, useEffectEvent, useId } from 'react';
import { useNav } from './nav-store';
import { useScreenCommands } from './screen-commands';

/**
 * True when a key press belongs to a text field, a select or an editable element. A view's filter
 * select marked `data-shortcuts="pass"` is not typing: its letters are the screen's shortcuts, never
 * a jump to an option (a `c` meant for "log a call" once turned the collector filter into another
 * person), and Space, Enter or Alt+↓ open it to choose.
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.tagName === 'SELECT' && target.dataset.shortcuts === 'pass') return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Enter and Space belong to a focused button, link or tick box: their own action, not a screen's shortcut. */
function activates(event: KeyboardEvent): boolean {
  return (event.key === 'Enter' || event.key === ' ') && event.target instanceof HTMLElement && event.target.closest('button, a[href], summary, select, [role="tab"]') !== null;
}

/**
 * A single-key shortcut of the current screen. It runs after the shell's keys (which take `g` chords
 * and the palette first) and never while the user types or an overlay is open; `enabled` false
 * leaves the key alone entirely. With a `label` the action is also a command in the palette.
 */
export function useShortcut(key: string, handler: () => void, enabled = true, label?: string): void {
  const id = useId();
  const run = useEffectEvent(() => handler());
  useEffect(() => {
    if (!label || !enabled) return;
    return useScreenCommands.getState().add({ id: `screen${id}`, label, key, run: () => run() });
  }, [id, key, label, enabled]);
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (!enabled || event.key !== key || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target) || activates(event) || useNav.getState().overlay) return;
    event.preventDefault();
    handler();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
