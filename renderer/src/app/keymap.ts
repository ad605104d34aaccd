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
      { keys: ['x'], label: 'Tick the row (invoices on a customer page)' },
    ],
  },
  {
    title: 'Worklist',
    keys: [
      { keys: ['j', 'k'], label: 'Next / previous customer' },
      { keys: ['Enter'], label: 'Open the customer page (Esc goes back)' },
      { keys: ['Shift', 'S'], label: 'On a customer page: the statement in the side pane (save the PDF to print or send)' },
      { keys: ['/'], label: 'Filter by collector, segment, currency or reason' },
      { keys: ['c'], label: 'Log a call (then 1–8 for the outcome)' },
      { keys: ['Shift', 'C'], label: 'Dial the primary contact; the call form opens with a running timer' },
      { keys: ['m'], label: 'Text the customer: the preview says whether it may go now' },
      { keys: ['p'], label: 'Record a promise to pay' },
      { keys: ['d'], label: 'Open a dispute (Space ticks an invoice)' },
      { keys: ['l'], label: 'Agree a payment plan' },
      { keys: ['n'], label: 'Add a note' },
      { keys: ['a'], label: 'Assign or hand over to a collector' },
      { keys: ['s'], label: 'Snooze until a date' },
      { keys: ['t'], label: "Mark the ladder's letter or agency referral done (a due call: log it with c)" },
      { keys: ['x'], label: 'Tick the customer for bulk work (Esc clears)' },
      { keys: ['Shift', 'x'], label: 'Tick every customer the filters match' },
      { keys: ['e'], label: 'Email the ticked customers (bulk send)' },
      { keys: ['Shift', 'S'], label: 'Statements of the ticked customers, one PDF to print' },
      { keys: ['w'], label: 'Why: the score breakdown' },
      { keys: ['h'], label: 'As of a past day: the queue and customer pages as they stood then, read-only' },
      { keys: [modKey, 'Enter'], label: 'Save the form; the next customer is selected' },
    ],
  },
  {
    title: 'Customer page',
    keys: [
      { keys: ['x'], label: 'Tick an invoice; p, d and l act on the ticked ones' },
      { keys: ['c', 'p', 'd', 'l', 'n', 'a'], label: 'The same actions as the worklist' },
      { keys: ['Shift', 'C'], label: 'Dial the primary contact and time the call' },
      { keys: ['Esc'], label: 'Back to where you came from' },
    ],
  },
  {
    title: 'Bulk send',
    keys: [
      { keys: ['j', 'k'], label: 'Next / previous message' },
      { keys: ['x'], label: 'Skip or include this message' },
      { keys: ['t'], label: 'HTML or plain-text part (when the preview has focus)' },
    ],
  },
  {
    title: 'Ladder policies',
    keys: [
      { keys: ['↓', '↑'], label: 'Next / previous policy in the list' },
      { keys: [modKey, 'Enter'], label: 'Save the policy (problems are shown beside their fields)' },
      { keys: ['Esc'], label: 'Keep the policy when asked to delete it' },
    ],
  },
  { title: 'Import', keys: [{ keys: ['o'], label: 'Open a file' }] },
];
