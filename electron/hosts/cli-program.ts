import { Command, CommanderError } from 'commander';
import { AppError } from '../../shared/errors';

/**
 * The CLI's commands and the options each one takes (commander): a flag another command takes is
 * an error here, not silently ignored, and `<command> --help` lists the command's own options.
 * Values keep their flag names ('as-of', 'dry-run'), the words the commands and README use.
 */
const OPTIONS = {
  db: ['--db <path>', 'the encrypted database (key from INFLOW_DB_KEY)'],
  json: ['--json', 'print JSON instead of text'],
  'as-of': ['--as-of <date>', 'the day to read the book at (YYYY-MM-DD, default today)'],
  at: ['--at <iso-time>', 'the moment texts’ sending hours are judged at (UTC)'],
  'dry-run': ['--dry-run', 'show what would happen, change nothing'],
  preset: ['--preset <name>', 'a built-in column mapping'],
  mapping: ['--mapping <file.json>', 'a column mapping file'],
  sheet: ['--sheet <name>', 'the XLSX sheet to read'],
  snapshot: ['--snapshot', 'the file is the whole open book: close what it leaves out'],
  customer: ['--customer <id>', 'the customer’s external id'],
  outcome: ['--outcome <outcome>', 'how the call went'],
  notes: ['--notes <text>', 'free notes'],
  direction: ['--direction <direction>', 'inbound for a call they made'],
  'follow-up': ['--follow-up <date>', 'when to follow up (YYYY-MM-DD)'],
  amount: ['--amount <amount>', 'an amount like 4000.00'],
  currency: ['--currency <code>', 'an ISO 4217 code like USD'],
  date: ['--date <date>', 'the promised date (YYYY-MM-DD)'],
  invoices: ['--invoices <n1,n2>', 'invoice numbers'],
  reason: ['--reason <text>', 'why (recorded)'],
  sla: ['--sla <days>', 'days to resolve'],
  owner: ['--owner <name>', 'who resolves it'],
  template: ['--template <id>', 'the template'],
  sender: ['--sender <role>', 'collector or manager'],
  include: ['--include <n1,n2>', 'held invoices to keep (needs --reason)'],
  'override-rhythm': ['--override-rhythm', 'send despite another message today (needs --reason)'],
  status: ['--status <status>', 'only messages in this status'],
  id: ['--id <n>', 'the message id'],
  as: ['--as <decision>', 'sent, resend or drop'],
  policy: ['--policy <name|file.json>', 'the ladder policy to replay'],
  compare: ['--compare <name|file.json>', 'a second policy to replay beside it'],
  latest: ['--latest', 'the newest whole backup'],
  backup: ['--backup <name>', 'this backup'],
  connector: ['--connector <name>', 'odoo, qbo or folder'],
  'base-url': ['--base-url <url>', 'the ERP’s address'],
  from: ['--from <date>', 'first day (YYYY-MM-DD)'],
  to: ['--to <date>', 'last day (YYYY-MM-DD)'],
  by: ['--by <group>', 'segment, collector or customer'],
  days: ['--days <n>', 'days after a touch that count'],
  out: ['--out <file.pdf>', 'where to write the PDF'],
  kind: ['--kind <kind>', 'which kind'],
  posted: ['--posted', 'take the printed steps (they were posted)'],
  company: ['--company <name>', 'the company name'],
  'sender-name': ['--sender-name <name>', 'the collector’s name'],
  'sender-title': ['--sender-title <title>', 'the collector’s title'],
  'sender-phone': ['--sender-phone <phone>', 'the collector’s phone'],
  'manager-name': ['--manager-name <name>', 'the manager’s name'],
  'manager-title': ['--manager-title <title>', 'the manager’s title'],
  'manager-phone': ['--manager-phone <phone>', 'the manager’s phone'],
  'payment-link': ['--payment-link <pattern>', 'the payment link pattern'],
  locale: ['--locale <locale>', 'a locale like de-DE (or "country")'],
  'db-user': ['--db-user <name>', 'a team member’s own PostgreSQL login'],
  collector: ['--collector <name>', 'the collector’s name as on assignments'],
  role: ['--role <role>', 'collector, senior or manager'],
  limits: ['--limits <file.json>', 'the team’s authority limits'],
} as const satisfies Record<string, readonly [string, string]>;

type Flag = keyof typeof OPTIONS;
type BooleanFlag = Extract<Flag, 'json' | 'dry-run' | 'snapshot' | 'override-rhythm' | 'latest' | 'posted'>;

/** What a command was given: every flag of every command, a boolean false and a string undefined when absent. */
export type CliValues = { [F in Exclude<Flag, BooleanFlag>]?: string | undefined } & { [F in BooleanFlag]: boolean };

const SIGNER: Flag[] = ['company', 'sender-name', 'sender-title', 'sender-phone', 'manager-name', 'manager-title', 'manager-phone', 'payment-link', 'locale'];

/** Each command: its arguments, what it does, and its options (db and json are added where said). */
const COMMANDS: { name: string; args?: string[]; summary: string; options: Flag[]; db?: false }[] = [
  { name: 'keygen', summary: 'print a new random database key (set it as INFLOW_DB_KEY)', options: [], db: false },
  { name: 'init', summary: 'create an empty encrypted database', options: ['json'] },
  { name: 'sample', summary: 'load the embedded sample dataset', options: ['json'] },
  {
    name: 'import',
    args: ['[file]'],
    summary: 'import invoices, payments or customers from CSV or XLSX',
    options: ['preset', 'mapping', 'sheet', 'snapshot', 'json'],
  },
  { name: 'aging', summary: 'the aging report', options: ['as-of', 'json'] },
  { name: 'worklist', summary: 'the ranked queue with its reasons', options: ['as-of', 'json'] },
  { name: 'log-call', summary: 'log a call', options: ['customer', 'outcome', 'notes', 'direction', 'follow-up', 'json'] },
  { name: 'promise', summary: 'record a promise to pay', options: ['customer', 'amount', 'date', 'currency', 'invoices', 'notes', 'json'] },
  { name: 'dispute', summary: 'open a dispute', options: ['customer', 'invoices', 'reason', 'sla', 'owner', 'notes', 'json'] },
  { name: 'write-off', summary: 'write off what is left of an invoice (or --amount of it)', options: ['customer', 'invoices', 'amount', 'reason', 'json'] },
  {
    name: 'ladder',
    args: ['[action]'],
    summary: 'run: what the escalation ladder sends, and why invoices are held',
    options: ['as-of', 'at', 'dry-run', 'json'],
  },
  {
    name: 'outreach',
    args: ['[action]'],
    summary: 'preview|send one message through the send guard',
    options: ['customer', 'template', 'sender', 'invoices', 'include', 'reason', 'override-rhythm', 'dry-run', 'json'],
  },
  { name: 'sms', args: ['[action]'], summary: 'send: one text through the send guard', options: ['customer', 'template', 'dry-run', 'json'] },
  { name: 'outbox', args: ['[action]'], summary: 'list|send|resolve the email outbox', options: ['status', 'id', 'as', 'json'] },
  { name: 'settings', args: ['[action]'], summary: 'email: who signs the messages, the payment link', options: [...SIGNER, 'json'] },
  { name: 'locale', summary: 'the language and formats of a customer’s emails', options: ['customer', 'locale', 'json'] },
  { name: 'risk', args: ['[action]'], summary: 'train|evaluate|show the late-payment model', options: ['as-of', 'customer', 'json'] },
  { name: 'forecast', args: ['[action]'], summary: 'expected collections per week (compare: a stored run against what came in)', options: ['as-of', 'json'] },
  { name: 'kpi', summary: 'DSO, CEI, ADD, % past due …', options: ['from', 'to', 'currency', 'by', 'json'] },
  { name: 'attribution', summary: 'what made them pay', options: ['from', 'to', 'days', 'currency', 'json'] },
  { name: 'backtest', summary: 'replay the ladder over history', options: ['from', 'to', 'policy', 'compare', 'json'] },
  { name: 'restore', summary: 'replace a database that does not open with a whole backup', options: ['latest', 'backup', 'json'] },
  { name: 'sync', summary: 'pull from the ERP', options: ['connector', 'base-url', 'json'] },
  { name: 'inbox', args: ['[action]', '[files...]'], summary: 'fetch|list the Inbox; classify FILE.eml… without a database', options: ['kind', 'json'] },
  {
    name: 'charges',
    args: ['[action]'],
    summary: 'late-payment interest and fixed fees per customer; push: invoice a customer’s charges in the ERP',
    options: ['as-of', 'customer', 'json'],
  },
  { name: 'letters', summary: 'today’s letter and agency steps as one PDF', options: ['out', 'posted', 'json'] },
  { name: 'statement', summary: 'a customer’s statement as PDF', options: ['customer', 'as-of', 'kind', 'from', 'out', 'json'] },
  {
    name: 'team',
    args: ['[action]'],
    summary:
      'join|leave|status|sync|add-member|limits|approvals|approve|decline: share the book with a team through PostgreSQL (connection from INFLOW_TEAM_*)',
    options: ['db-user', 'collector', 'role', 'limits', 'id', 'notes', 'json'],
  },
];

export const COMMAND_NAMES = COMMANDS.map((command) => command.name);

export interface ParsedCommand {
  command: string;
  positionals: string[];
  values: CliValues;
}

const camel = (flag: string): string => flag.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/**
 * `argv` parsed against the command it names, or null when commander printed that command's help
 * (through `write`). A flag the command does not take, a missing option value or an extra argument
 * is an INVALID_INPUT error naming the command's help.
 */
export function parseCommandLine(argv: string[], write: (text: string) => void): ParsedCommand | null {
  let parsed: ParsedCommand | null = null;
  const program = new Command('npm run cli --')
    .helpCommand(false)
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: write, outputError: () => {} });
  for (const spec of COMMANDS) {
    const command = program.command(spec.name).description(spec.summary);
    for (const arg of spec.args ?? []) command.argument(arg);
    const flags: Flag[] = spec.db === false ? spec.options : ['db', ...spec.options];
    for (const flag of flags) {
      const [option, description] = OPTIONS[flag];
      command.option(option, description);
    }
    command.action((...args: unknown[]) => {
      const self = args.at(-1) as Command;
      const given = self.opts<Record<string, string | boolean | undefined>>();
      const values: CliValues = { json: false, 'dry-run': false, snapshot: false, 'override-rhythm': false, latest: false, posted: false };
      for (const flag of flags) if (given[camel(flag)] !== undefined) Object.assign(values, { [flag]: given[camel(flag)] });
      parsed = { command: spec.name, positionals: self.args, values };
    });
  }
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return null;
    const name = COMMAND_NAMES.find((command) => argv.includes(command));
    const help = name ? `npm run cli -- ${name} --help` : 'npm run cli -- --help';
    throw new AppError('INVALID_INPUT', `${error.message.replace(/^error: /, '').replace(/\.$/, '')}. Run "${help}" for its options.`);
  }
  return parsed;
}
