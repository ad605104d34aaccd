import { COMMANDS, HELP_SECTIONS, type CommandSpec } from '../../../shared/commands';

export const modKey = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘' : 'Ctrl';

const NAMES: Record<string, string> = { Escape: 'Esc', ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→', ' ': 'Space' };

/** A registry key as key caps: "Mod+k" → Ctrl K, "S" → Shift S, "g w" → g w, "ArrowDown" → ↓. */
export function keyCaps(key: string): string[] {
  if (key.includes(' ') && key !== ' ') return key.split(' ').flatMap(keyCaps);
  if (key.startsWith('Mod+')) return [modKey, ...keyCaps(key.slice(4)).map((cap) => cap.toUpperCase())];
  if (/^[A-Z]$/.test(key)) return ['Shift', key];
  return [NAMES[key] ?? key];
}

/** Every way to run a command, as one row of key caps ("j ↓"). */
export function commandCaps(command: Pick<CommandSpec, 'keys'>): string[] {
  return command.keys.flatMap(keyCaps);
}

export interface HelpEntry {
  id: string;
  label: string;
  keys: string[];
}

/** The `?` panel's data: every command with keys, under each section of its scopes. */
export function helpGroups(): { title: string; entries: HelpEntry[] }[] {
  return HELP_SECTIONS.map((section) => ({
    title: section.title,
    entries: COMMANDS.filter((command) => command.keys.length > 0 && (command.scopes as readonly string[]).includes(section.scope)).map((command) => ({
      id: command.id,
      label: command.label,
      keys: commandCaps(command),
    })),
  })).filter((group) => group.entries.length > 0);
}
