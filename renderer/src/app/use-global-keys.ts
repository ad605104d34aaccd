import { useEffect } from 'react';
import { useNav } from './nav-store';
import { SCREENS } from './screens';
import { isTyping } from './use-shortcut';

const CHORD_MS = 1500;

/**
 * The shell's keys: Ctrl/Cmd+K, `?`, Esc and `g` chords. Listens in the capture phase so it decides
 * before any screen's shortcut (a screen's `o` must not fire for `g o`).
 */
export function useGlobalKeys(): void {
  useEffect(() => {
    let chordAt = 0;
    const onKey = (event: KeyboardEvent): void => {
      const nav = useNav.getState();
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        nav.toggle('palette');
        return;
      }
      if (event.key === 'Escape' && nav.overlay) {
        event.preventDefault();
        nav.close();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || nav.overlay === 'palette') return;
      const chord = Date.now() - chordAt < CHORD_MS;
      chordAt = 0;
      const screen = chord ? SCREENS.find((s) => s.key === event.key) : undefined;
      if (screen) {
        event.preventDefault();
        nav.go(screen.id);
      } else if (event.key === 'g') {
        event.preventDefault();
        chordAt = Date.now();
      } else if (event.key === '?') {
        event.preventDefault();
        nav.toggle('keys');
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
