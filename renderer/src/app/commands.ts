import { commandSpec } from '../../../shared/commands';
import { useImport } from '../features/import/import-store';
import { useSample } from '../features/worklist/sample-store';
import { useTheme } from '../lib/theme';
import { commandCaps } from './key-caps';
import { useNav } from './nav-store';
import { SCREENS } from './screens';
import { useAppStatus } from './use-app-status';
import { useBoundCommands, useCommand } from './use-command';

export interface Command {
  id: string;
  label: string;
  detail?: string;
  /** Found in the book (palette search) or one of the app's screens and actions. */
  group: 'Customers' | 'Invoices' | 'Contacts' | 'This screen' | 'Go to' | 'Actions';
  keys?: string[];
  run(): void;
}

/** Binds the commands that work on every screen: going to a screen, the key map, importing, the theme. */
export function useGlobalCommands(): void {
  const go = useNav((nav) => nav.go);
  const toggle = useNav((nav) => nav.toggle);
  const hasData = useAppStatus().data?.hasData ?? true;
  const setTheme = useTheme((theme) => theme.setChoice);
  useCommand('go.worklist', () => go('worklist'));
  useCommand('go.inbox', () => go('inbox'));
  useCommand('go.customers', () => go('customers'));
  useCommand('go.reports', () => go('reports'));
  useCommand('go.outreach', () => go('outreach'));
  useCommand('go.import', () => go('import'));
  useCommand('go.settings', () => go('settings'));
  useCommand('import.file', () => {
    go('import');
    void useImport.getState().pickFile();
  });
  useCommand('sample.load', () => void useSample.getState().load(), !hasData);
  useCommand('reports.aging', () => go('reports'));
  useCommand('theme.light', () => setTheme('light'));
  useCommand('theme.dark', () => setTheme('dark'));
  useCommand('theme.system', () => setTheme('system'));
  useCommand('app.keys', () => toggle('keys'));
}

const DETAILS: Record<string, string> = {
  'import.file': 'Open an ERP export and preview it',
  'reports.aging': 'Reports',
  ...Object.fromEntries(SCREENS.map((screen) => [`go.${screen.id}`, screen.description])),
};

/** Everything the command palette can do: every bound command of the showing screen, every screen, and the app's actions. */
export function useCommands(): Command[] {
  const bound = useBoundCommands((state) => state.bound);
  const commands = bound.flatMap(({ id, run }): Command[] => {
    const spec = commandSpec(id);
    if (spec.palette === false) return [];
    const group = spec.scopes.includes('anywhere') ? (id.startsWith('go.') ? 'Go to' : 'Actions') : 'This screen';
    const keys = commandCaps(spec);
    return [{ id, label: spec.label, group, run, ...(DETAILS[id] ? { detail: DETAILS[id] } : {}), ...(keys.length ? { keys } : {}) }];
  });
  const order: Command['group'][] = ['This screen', 'Go to', 'Actions'];
  // One entry per id (a table bound twice on a screen is one command); the screen's first.
  const unique = [...new Map(commands.map((command) => [command.id, command])).values()];
  return unique.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
}

/** Every word typed must appear in the command's label, detail or group. */
export function matches(command: Command, query: string): boolean {
  const text = `${command.group} ${command.label} ${command.detail ?? ''}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word));
}
