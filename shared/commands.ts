/**
 * Every command of the window, in one place: the key handler binds its keys, the `?` panel lists it,
 * the command palette offers it and the desktop menu shows the global ones. Pure data (no DOM, no
 * handlers): a screen binds the run function by id (`useCommand` in the renderer), so a key cannot
 * exist without its entry here.
 *
 * A key is written as `event.key` ("j", "Enter", "ArrowDown", "S" for Shift+S), "Mod+k" for Ctrl (⌘
 * on a Mac) with a key, or two keys with a space for a chord ("g w").
 */

/** The top-level screens, in sidebar order, with the key that follows `g` to reach each one. */
export const SCREENS = [
  { id: 'worklist', label: 'Worklist', key: 'w', description: 'Who to contact next' },
  { id: 'inbox', label: 'Inbox', key: 'm', description: 'Replies, bounces and out-of-office answers' },
  { id: 'customers', label: 'Customers', key: 'c', description: 'Customers with an open balance' },
  { id: 'reports', label: 'Reports', key: 'r', description: 'Aging, trends and KPIs, what made customers pay' },
  { id: 'outreach', label: 'Outreach', key: 'o', description: 'Reminder emails, the escalation ladder and its letters' },
  { id: 'import', label: 'Import', key: 'i', description: 'Bring in your ERP’s exports' },
  { id: 'settings', label: 'Settings', key: 's', description: 'Email, inbox, texts, ERP, collections, letterhead, backups' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

/**
 * Where a command's keys work: anywhere, while an overlay is open, on a screen, or in a panel whose
 * keys stand in for the screen's while it has them (a table, the bulk send, the policy list).
 */
export type CommandScope = 'anywhere' | 'overlay' | ScreenId | 'customer' | 'tables' | 'bulk-send' | 'ladder';

export interface CommandSpec {
  id: string;
  label: string;
  /** Each a way to run it; empty for a command reached from the palette or menu only. */
  keys: readonly string[];
  scopes: readonly CommandScope[];
  /** False for moves and Esc, which are keys rather than things to do; the `?` panel still lists them. */
  palette?: boolean;
  /** Handled by a form or list element of its own (the help panel lists it; nothing binds it by id). */
  element?: boolean;
}

const ACTIVITY: CommandScope[] = ['worklist', 'customer'];

const GO = SCREENS.map((screen) => ({
  id: `go.${screen.id}` as const,
  label: screen.label,
  keys: [`g ${screen.key}`] as readonly string[],
  scopes: ['anywhere'] as readonly CommandScope[],
}));

export const COMMANDS = [
  { id: 'app.palette', label: 'Command palette', keys: ['Mod+k'], scopes: ['anywhere'], palette: false },
  { id: 'app.keys', label: 'Show or hide the keyboard shortcuts', keys: ['?'], scopes: ['anywhere'] },
  { id: 'app.close', label: 'Close a panel or the palette', keys: ['Escape'], scopes: ['overlay'], palette: false },
  ...GO,
  { id: 'import.file', label: 'Import a file…', keys: [], scopes: ['anywhere'] },
  { id: 'sample.load', label: 'Load the sample dataset', keys: [], scopes: ['anywhere'] },
  { id: 'reports.aging', label: 'Aging report', keys: [], scopes: ['anywhere'] },
  { id: 'theme.light', label: 'Use the light theme', keys: [], scopes: ['anywhere'] },
  { id: 'theme.dark', label: 'Use the dark theme', keys: [], scopes: ['anywhere'] },
  { id: 'theme.system', label: 'Follow the system theme', keys: [], scopes: ['anywhere'] },

  { id: 'worklist.next', label: 'Next customer', keys: ['j', 'ArrowDown'], scopes: ['worklist'] },
  { id: 'worklist.previous', label: 'Previous customer', keys: ['k', 'ArrowUp'], scopes: ['worklist'] },
  { id: 'worklist.open', label: 'Open the customer’s page', keys: ['Enter'], scopes: ['worklist'] },
  { id: 'worklist.filter', label: 'Filter the queue by collector, segment, currency or reason', keys: ['/'], scopes: ['worklist'] },
  { id: 'activity.call', label: 'Log a call (then 1–8 for the outcome)', keys: ['c'], scopes: ACTIVITY },
  { id: 'activity.dial', label: 'Dial the primary contact; the call form opens with a running timer', keys: ['C'], scopes: ACTIVITY },
  { id: 'activity.promise', label: 'Record a promise to pay', keys: ['p'], scopes: ACTIVITY },
  { id: 'activity.dispute', label: 'Open a dispute (Space ticks an invoice)', keys: ['d'], scopes: ACTIVITY },
  { id: 'activity.plan', label: 'Agree a payment plan', keys: ['l'], scopes: ACTIVITY },
  { id: 'activity.note', label: 'Add a note', keys: ['n'], scopes: ACTIVITY },
  { id: 'activity.assign', label: 'Assign or hand over to a collector', keys: ['a'], scopes: ACTIVITY },
  { id: 'activity.snooze', label: 'Snooze the customer until a date', keys: ['s'], scopes: ACTIVITY },
  { id: 'activity.writeOff', label: 'Write off an invoice, or part of it, saying why', keys: ['o'], scopes: ACTIVITY },
  {
    id: 'activity.save',
    label: 'Save the form (in the worklist the next customer is selected)',
    keys: ['Mod+Enter'],
    scopes: ACTIVITY,
    palette: false,
    element: true,
  },
  { id: 'worklist.text', label: 'Text the customer: the preview says whether it may go now', keys: ['m'], scopes: ['worklist'] },
  { id: 'history.asOf', label: 'As of a past day: the queue and customer pages as they stood then, read-only', keys: ['h'], scopes: ACTIVITY },
  { id: 'worklist.task', label: 'Mark the ladder’s letter or agency referral done (a due call: log it)', keys: ['t'], scopes: ['worklist'] },
  { id: 'worklist.tick', label: 'Tick or untick the customer for bulk work', keys: ['x'], scopes: ['worklist'] },
  { id: 'worklist.tickAll', label: 'Tick every customer the filters match', keys: ['X'], scopes: ['worklist'] },
  { id: 'worklist.email', label: 'Email the ticked customers (bulk send)', keys: ['e'], scopes: ['worklist'] },
  { id: 'worklist.statements', label: 'Statements of the ticked customers, one PDF to print', keys: ['S'], scopes: ['worklist'] },
  { id: 'worklist.why', label: 'Why: the score breakdown', keys: ['w'], scopes: ['worklist'] },
  { id: 'worklist.clear', label: 'Close the form, else clear the ticks', keys: ['Escape'], scopes: ['worklist'], palette: false },

  { id: 'customer.statement', label: 'Show the statement of account (save the PDF to print or send)', keys: ['S'], scopes: ['customer'] },
  {
    id: 'customer.pushCharges',
    label: 'Invoice the late-payment charges in the ERP (Shift+I goes to the button, Enter sends)',
    keys: ['I'],
    scopes: ['customer'],
  },
  { id: 'customer.back', label: 'Close the form or statement, else back to where you came from', keys: ['Escape'], scopes: ['customer'], palette: false },

  { id: 'table.filter', label: 'Filter the table', keys: ['/'], scopes: ['tables'], palette: false },
  { id: 'table.next', label: 'Next row', keys: ['j', 'ArrowDown'], scopes: ['tables'], palette: false },
  { id: 'table.previous', label: 'Previous row', keys: ['k', 'ArrowUp'], scopes: ['tables'], palette: false },
  { id: 'table.ends', label: 'First / last row', keys: ['Home', 'End'], scopes: ['tables'], palette: false, element: true },
  { id: 'table.tick', label: 'Tick the row (invoices on a customer page: p, d and l act on the ticked ones)', keys: ['x'], scopes: ['tables'], palette: false },
  { id: 'table.open', label: 'Open the row', keys: ['Enter'], scopes: ['tables'], palette: false },

  { id: 'inbox.next', label: 'Next message', keys: ['j', 'ArrowDown'], scopes: ['inbox'] },
  { id: 'inbox.previous', label: 'Previous message', keys: ['k', 'ArrowUp'], scopes: ['inbox'] },
  { id: 'inbox.fetch', label: 'Fetch new mail now', keys: ['f'], scopes: ['inbox'] },
  { id: 'inbox.inTransit', label: 'Mark the customer’s open invoices in transit', keys: ['t'], scopes: ['inbox'] },
  { id: 'inbox.promise', label: 'Record the promise the message makes', keys: ['p'], scopes: ['inbox'] },
  { id: 'inbox.dispute', label: 'Open the dispute the message raises', keys: ['d'], scopes: ['inbox'] },
  { id: 'inbox.contact', label: 'Update the contact from the message', keys: ['c'], scopes: ['inbox'] },
  { id: 'inbox.assign', label: 'Assign the message to a customer', keys: ['a'], scopes: ['inbox'] },
  { id: 'inbox.done', label: 'Done: nothing more to do with the message', keys: ['e'], scopes: ['inbox'] },
  { id: 'inbox.close', label: 'Close the form', keys: ['Escape'], scopes: ['inbox'], palette: false },

  { id: 'outbox.close', label: 'Close the sent message', keys: ['Escape'], scopes: ['outreach'], palette: false },
  { id: 'bulk.next', label: 'Next message', keys: ['j'], scopes: ['bulk-send'] },
  { id: 'bulk.previous', label: 'Previous message', keys: ['k'], scopes: ['bulk-send'] },
  { id: 'bulk.skip', label: 'Skip or include this message', keys: ['x'], scopes: ['bulk-send'] },
  { id: 'bulk.close', label: 'Close the bulk send (a confirmation: back to the preview)', keys: ['Escape'], scopes: ['bulk-send'], palette: false },
  { id: 'bulk.part', label: 'HTML or plain-text part (when the preview has focus)', keys: ['t'], scopes: ['bulk-send'], palette: false, element: true },
  { id: 'ladder.move', label: 'Next / previous policy in the list', keys: ['ArrowDown', 'ArrowUp'], scopes: ['ladder'], palette: false, element: true },
  {
    id: 'ladder.save',
    label: 'Save the policy (problems are shown beside their fields)',
    keys: ['Mod+Enter'],
    scopes: ['ladder'],
    palette: false,
    element: true,
  },
  { id: 'ladder.keep', label: 'Keep the policy when asked to delete it', keys: ['Escape'], scopes: ['ladder'], palette: false, element: true },

  { id: 'import.pick', label: 'Open a file', keys: ['o'], scopes: ['import'] },
  { id: 'reports.closeDrill', label: 'Close the drill-down', keys: ['Escape'], scopes: ['reports'], palette: false, element: true },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMANDS)[number]['id'];

const BY_ID = new Map<string, CommandSpec>(COMMANDS.map((command) => [command.id, command]));

export function commandSpec(id: CommandId): CommandSpec {
  const spec = BY_ID.get(id);
  if (!spec) throw new Error(`No command "${id}" in the registry.`);
  return spec;
}

/** The `?` panel's sections, in this order; a command shows in each section of its scopes. */
export const HELP_SECTIONS: readonly { scope: CommandScope; title: string }[] = [
  { scope: 'anywhere', title: 'Anywhere' },
  { scope: 'overlay', title: 'Panels' },
  { scope: 'tables', title: 'Tables' },
  { scope: 'worklist', title: 'Worklist' },
  { scope: 'customer', title: 'Customer page' },
  { scope: 'inbox', title: 'Inbox' },
  { scope: 'outreach', title: 'Outbox' },
  { scope: 'bulk-send', title: 'Bulk send' },
  { scope: 'ladder', title: 'Ladder policies' },
  { scope: 'reports', title: 'Reports' },
  { scope: 'import', title: 'Import' },
];

/** Whether a key press is this key (chords and Mod keys are the shell's: they never match here). */
export function isKey(key: string, event: { key: string }): boolean {
  return !key.includes(' ') && !key.startsWith('Mod+') && key === event.key;
}
