import { useImport } from '../features/import/import-store';
import { useSample } from '../features/worklist/sample-store';
import { useTheme } from '../lib/theme';
import { useNav } from './nav-store';
import { useScreenCommands } from './screen-commands';
import { SCREENS } from './screens';
import { useAppStatus } from './use-app-status';

export interface Command {
  id: string;
  label: string;
  detail?: string;
  /** Found in the book (palette search) or one of the app's screens and actions. */
  group: 'Customers' | 'Invoices' | 'Contacts' | 'This screen' | 'Go to' | 'Actions';
  keys?: string[];
  run(): void;
}

/** Everything the command palette can do: the showing screen's keys, every screen, and the app's actions. */
export function useCommands(): Command[] {
  const go = useNav((nav) => nav.go);
  const onScreen = useScreenCommands((state) => state.commands);
  const toggle = useNav((nav) => nav.toggle);
  const hasData = useAppStatus().data?.hasData ?? true;
  const setTheme = useTheme((theme) => theme.setChoice);

  const screens: Command[] = SCREENS.map((screen) => ({
    id: `go.${screen.id}`,
    label: screen.label,
    detail: screen.description,
    group: 'Go to',
    keys: ['g', screen.key],
    run: () => go(screen.id),
  }));
  const actions: Command[] = [
    {
      id: 'import.open',
      label: 'Import a file…',
      detail: 'Open an ERP export and preview it',
      group: 'Actions',
      run: () => {
        go('import');
        void useImport.getState().pickFile();
      },
    },
    ...(hasData
      ? []
      : [{ id: 'sample.load', label: 'Load the sample dataset', group: 'Actions' as const, run: () => void useSample.getState().load() }]),
    { id: 'aging', label: 'Aging report', detail: 'Reports', group: 'Actions', run: () => go('reports') },
    { id: 'theme.light', label: 'Use the light theme', group: 'Actions', run: () => setTheme('light') },
    { id: 'theme.dark', label: 'Use the dark theme', group: 'Actions', run: () => setTheme('dark') },
    { id: 'theme.system', label: 'Follow the system theme', group: 'Actions', run: () => setTheme('system') },
    { id: 'keys', label: 'Show keyboard shortcuts', group: 'Actions', keys: ['?'], run: () => toggle('keys') },
  ];
  const here: Command[] = onScreen.map((command) => ({ id: command.id, label: command.label, group: 'This screen', keys: [command.key], run: command.run }));
  return [...here, ...screens, ...actions];
}

/** Every word typed must appear in the command's label, detail or group. */
export function matches(command: Command, query: string): boolean {
  const text = `${command.group} ${command.label} ${command.detail ?? ''}`.toLowerCase();
  return query.toLowerCase().split(/\s+/).every((word) => text.includes(word));
}
