import { SCREENS } from './screens';

export const modKey = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘' : 'Ctrl';

interface KeyGroup {
  title: string;
  keys: { keys: string[]; label: string }[];
}

/** Every shortcut, for the `?` panel. The handlers live with the screens and the shell. */
export const KEY_GROUPS: KeyGroup[] = [
  {
    title: 'Anywhere',
    keys: [
      { keys: [modKey, 'K'], label: 'Command palette' },
      { keys: ['?'], label: 'Show or hide this key map' },
      { keys: ['Esc'], label: 'Close a panel or the palette' },
    ],
  },
  { title: 'Go to', keys: SCREENS.map((screen) => ({ keys: ['g', screen.key], label: screen.label })) },
  {
    title: 'Tables',
    keys: [
      { keys: ['/'], label: 'Filter the table' },
      { keys: ['j', 'k'], label: 'Next / previous row (also ↓ ↑)' },
      { keys: ['Home', 'End'], label: 'First / last row' },
    ],
  },
  {
    title: 'Worklist',
    keys: [
      { keys: ['j', 'k'], label: 'Next / previous customer' },
      { keys: ['Enter'], label: 'Open the customer page (Esc goes back)' },
      { keys: ['/'], label: 'Filter by collector, segment, currency or reason' },
      { keys: ['c'], label: 'Log a call (then 1–8 for the outcome)' },
      { keys: ['p'], label: 'Record a promise to pay' },
      { keys: ['d'], label: 'Open a dispute (Space ticks an invoice)' },
      { keys: ['n'], label: 'Add a note' },
      { keys: ['s'], label: 'Snooze until a date' },
      { keys: ['w'], label: 'Why: the score breakdown' },
      { keys: [modKey, 'Enter'], label: 'Save the form; the next customer is selected' },
    ],
  },
  { title: 'Import', keys: [{ keys: ['o'], label: 'Open a file' }] },
];
