import { useEffect } from 'react';
import { commandSpec, type CommandId } from '../../../shared/commands';
import { useNav } from './nav-store';
import { SCREENS } from './screens';
import { isTyping } from './use-command';

const CHORD_MS = 1500;

/** Whether the event is the key the registry gives this shell command ("Mod+k", "?", "Escape"). */
function pressed(id: CommandId, event: KeyboardEvent): boolean {
  return commandSpec(id).keys.some((key) =>
    key.startsWith('Mod+') ? (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === key.slice(4) : event.key === key,
  );
}

/**
 * The shell's keys: the palette, `?`, Esc and `g` chords (shared/commands.ts names them). Listens in
 * the capture phase so it decides before any screen's shortcut (a screen's `o` must not fire for `g o`).
 */
export function useGlobalKeys(): void {
  useEffect(() => {
    let chordAt = 0;
    const onKey = (event: KeyboardEvent): void => {
      const nav = useNav.getState();
      if (pressed('app.palette', event)) {
        event.preventDefault();
        nav.toggle('palette');
        return;
      }
      if (pressed('app.close', event) && nav.overlay) {
        event.preventDefault();
        nav.close();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || nav.overlay === 'palette') return;
      const chord = Date.now() - chordAt < CHORD_MS;
      chordAt = 0;
      const screen = chord ? SCREENS.find((s) => commandSpec(`go.${s.id}`).keys.includes(`g ${event.key}`)) : undefined;
      if (screen) {
        event.preventDefault();
        nav.go(screen.id);
      } else if (event.key === 'g') {
        event.preventDefault();
        chordAt = Date.now();
      } else if (pressed('app.keys', event)) {
        event.preventDefault();
        nav.toggle('keys');
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
