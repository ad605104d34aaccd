import { useEffect, useEffectEvent } from 'react';
import { create } from 'zustand';
import { commandSpec, isKey, type CommandId } from '../../../shared/commands';
import { useNav } from './nav-store';

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
  return (
    (event.key === 'Enter' || event.key === ' ') &&
    event.target instanceof HTMLElement &&
    event.target.closest('button, a[href], summary, select, [role="tab"]') !== null
  );
}

interface Bound {
  id: CommandId;
  run(): void;
}

/** The commands whose screen (or panel) is mounted and enabled now, in the order they were bound: what the palette offers. */
export const useBoundCommands = create<{ bound: Bound[] }>()(() => ({ bound: [] }));

/**
 * Binds a registered command (shared/commands.ts) while the calling component is mounted and
 * `enabled`: its keys run `run`, and the palette offers it. A screen key runs after the shell's keys
 * (which take `g` chords and the palette first) and never while the user types or an overlay is
 * open; commands scoped `anywhere` leave their keys to the shell (use-global-keys).
 */
export function useCommand(id: CommandId, run: () => void, enabled = true): void {
  const spec = commandSpec(id);
  const fire = useEffectEvent(() => run());
  useEffect(() => {
    if (!enabled) return;
    const entry: Bound = { id, run: () => fire() };
    useBoundCommands.setState((state) => ({ bound: [...state.bound, entry] }));
    return () => useBoundCommands.setState((state) => ({ bound: state.bound.filter((b) => b !== entry) }));
  }, [id, enabled]);
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (!enabled || spec.scopes.includes('anywhere') || !spec.keys.some((key) => isKey(key, event))) return;
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target) || activates(event) || useNav.getState().overlay) return;
    event.preventDefault();
    run();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
