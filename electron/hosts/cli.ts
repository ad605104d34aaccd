import { Console } from 'node:console';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { AGING_BUCKETS, type AgingReport } from '../../shared/aging';
import { localToday } from '../../shared/dates';
import { AppError, toErrorShape, type ErrorShape } from '../../shared/errors';
import { importMappingSchema, type ImportMapping, type ImportProblem } from '../../shared/import-mapping';
import { formatMoney } from '../../shared/money';
import { currencyCodeSchema, isoDateSchema } from '../../shared/value-schemas';
import { log } from '../log/log';
import { openLogFile, type LogFile } from './log-file';
import { diagnoseDatabase, generateKey, keyFromEnv, openCore, openRecovery, type Core } from '../core';
import { attributionCommand, kpiCommand } from './cli-analytics';
import { backtestCommand } from './cli-backtest';
import { disputeCommand, logCallCommand, promiseCommand, worklistCommand, writeOffCommand } from './cli-collection';
import { outboxCommand } from './cli-outbox';
import { ladderCommand, outreachCommand } from './cli-outreach';
import { smsCommand } from './cli-sms';
import { forecastCommand, riskCommand } from './cli-risk';
import { localeCommand, settingsCommand } from './cli-settings';
import { syncCommand } from './cli-sync';
import { classifyCommand, inboxCommand } from './cli-inbox';
import { chargesCommand } from './cli-charges';
import { lettersCommand, statementCommand } from './cli-documents';
import { COMMAND_NAMES, parseCommandLine, type CliValues } from './cli-program';
import { teamCommand } from './cli-team';

/**
 * The command-line host. Exit codes: 0 done, 1 input rejected with nothing changed, 2 the database
 * cannot be opened. The key comes only from INFLOW_DB_KEY so it never lands in shell history or `ps`.
 * runCli is the whole CLI on given streams and environment, so tests run it in-process; the
 * `inflow-cli` entry (cli-main.ts) wires it to the process. Functions below take the run's own
 * `console` (named so on purpose: their output goes to runCli's streams, never the process's).
 */
const USAGE = `Usage: npm run cli -- <command> [options]
  keygen                                   print a new random database key (set it as INFLOW_DB_KEY)
  init   --db PATH                         create an empty encrypted database
  sample --db PATH                         load the embedded sample dataset
  import FILE --db PATH [--preset NAME | --mapping FILE.json] [--sheet NAME] [--snapshot] [--json]
  aging  --db PATH [--as-of YYYY-MM-DD] [--json]
  worklist --db PATH [--as-of YYYY-MM-DD] [--json]        the ranked queue with its reasons
  log-call --db PATH --customer ID --outcome OUTCOME [--notes TEXT] [--direction inbound] [--follow-up DATE]
  promise  --db PATH --customer ID --amount 4000.00 --date YYYY-MM-DD [--currency USD] [--invoices N1,N2] [--notes TEXT]
  dispute  --db PATH --customer ID --invoices N1,N2 --reason REASON [--sla DAYS] [--owner NAME] [--notes TEXT]
  write-off --db PATH --customer ID --invoices N --reason TEXT [--amount 400.00]   out of the chase (the ERP's credit note follows)
  ladder run --db PATH [--as-of YYYY-MM-DD] [--at ISO-TIME] [--dry-run] [--json]   what the escalation ladder sends, and why invoices are held
  outreach preview|send --db PATH --customer ID --template ID [--sender collector|manager] [--invoices N1,N2]
                        [--include N1,N2 --reason TEXT] [--override-rhythm --reason TEXT] [--dry-run] [--json]
  sms send --db PATH --customer ID --template NAME [--dry-run] [--json]   one text through the send guard (the dry run says why not)
  outbox list --db PATH [--status STATUS] [--json]
  outbox send --db PATH [--json]                           send everything queued (what an interrupted run left too), then return
  outbox resolve --db PATH --id N --as sent|resend|drop    decide a message left uncertain or failed
  settings email --db PATH [--company NAME] [--sender-name NAME] [--sender-title T] [--sender-phone P]
                 [--manager-name NAME] [--manager-title T] [--manager-phone P] [--payment-link PATTERN] [--locale en-US] [--json]
  locale --db PATH --customer ID [--locale de-DE | --locale country] [--json]   the language and formats of a customer's emails
  risk train --db PATH [--json]                            retrain the late-payment model and re-score customers
  risk evaluate --db PATH --as-of YYYY-MM-DD [--json]      train on what was known then, test on invoices issued after
  risk show --db PATH --customer ID [--json]               a customer's risk, its three reasons and credit advice
  forecast --db PATH [--as-of YYYY-MM-DD] [--json]         expected collections per week for 13 weeks, with a band (stored as a run)
  forecast compare --db PATH [--as-of YYYY-MM-DD] [--json] that stored run (default: the latest before today) against what came in
  kpi --db PATH --from DATE --to DATE [--currency USD] [--by segment|collector|customer] [--json]   DSO, CEI, ADD, % past due …
  attribution --db PATH [--from DATE] [--to DATE] [--days N] [--currency CCY] [--json]         what made them pay
  backtest --db PATH --from DATE --to DATE [--policy NAME|FILE.json] [--compare NAME|FILE.json] [--json]   replay the ladder over history
  restore --db PATH (--latest | --backup NAME) [--json]   replace a database that does not open with a whole backup (the broken file is kept)
  sync --db PATH --connector odoo|qbo|folder [--base-url URL] [--json]   pull from the ERP (credentials from INFLOW_ODOO_* / INFLOW_QBO_* / INFLOW_SYNC_*)
  inbox fetch --db PATH [--json]           read the mailbox now (account from INFLOW_IMAP_HOST/_PORT/_SECURITY/_USER/_PASSWORD/_FOLDER, or the stored one)
  inbox list --db PATH [--kind bounce|auto_reply|reply|unmatched] [--json]   what is open in the Inbox
  inbox classify FILE.eml... [--json]      what each message is (bounce, auto_reply, reply, other), without a database
  charges --db PATH [--as-of YYYY-MM-DD] [--json]         late-payment interest and fixed fees per customer, apart from principal
  charges push --db PATH --customer ID [--as-of YYYY-MM-DD] [--json]   invoice the customer's charges not yet invoiced in the connected ERP
  letters --db PATH [--out FILE.pdf] [--posted] [--json]   today's letter and agency steps as one PDF; --posted takes those steps
  statement --db PATH --customer ID [--as-of YYYY-MM-DD] [--kind open_items|activity] [--from YYYY-MM-DD] --out FILE.pdf [--json]
  team join|leave|status|sync --db PATH [--json]   share the book with a team through PostgreSQL (connection from INFLOW_TEAM_*)
  team add-member --db PATH --db-user NAME --collector NAME --role collector|senior|manager [--json]   a manager makes a member (new login's password from INFLOW_TEAM_MEMBER_PASSWORD)
  team limits --db PATH [--limits FILE.json] [--json]   the team's authority limits: shown, or set by a manager
  team approvals --db PATH [--json]; team approve|decline --db PATH --id N [--notes TEXT]   requests beyond a collector's limits
The database key is read from the INFLOW_DB_KEY environment variable (64 hex characters).
A command's own options: npm run cli -- <command> --help`;

/**
 * Commands that send mail run the outbox sender and return once it is drained; the others leave it
 * to the app (a dead sender's messages are marked uncertain at any open, sending or not).
 */
function sendsMail(command: string, action: string | undefined, dryRun: boolean): boolean {
  if (dryRun) return false;
  return command === 'ladder' || ((command === 'outreach' || command === 'sms') && action === 'send') || (command === 'outbox' && action === 'send');
}
const EXIT_REJECTED = 1;
const EXIT_DATABASE = 2;

const DATE_FLAGS = ['as-of', 'from', 'to', 'date', 'follow-up'] as const;

/** Dates and currency codes given as flags are refused by the very schemas every procedure's input passes, before anything opens. */
function checkFlags(values: Partial<Record<(typeof DATE_FLAGS)[number] | 'currency', string>>): void {
  const checks = [...DATE_FLAGS.map((flag) => [flag, isoDateSchema] as const), ['currency', currencyCodeSchema] as const];
  for (const [flag, schema] of checks) {
    const value = values[flag];
    if (value === undefined) continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new AppError('INVALID_INPUT', `--${flag} ${value}: ${parsed.error.issues[0]!.message}.`);
  }
}

async function main(argv: string[], env: NodeJS.ProcessEnv, console: Console, write: (text: string) => void): Promise<number> {
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    console.log(USAGE);
    return first ? 0 : EXIT_REJECTED;
  }
  if (!COMMAND_NAMES.includes(first)) throw new AppError('INVALID_INPUT', `Unknown command "${first}".\n${USAGE}`);
  const parsed = parseCommandLine(argv, write);
  if (!parsed) return 0;
  const { command, positionals: rest, values } = parsed;
  checkFlags(values);
  if (command === 'keygen') {
    console.log(generateKey().toString('hex'));
    return 0;
  }
  if (command === 'inbox' && rest[0] === 'classify') {
    console.log(classifyCommand(rest.slice(1), values.json));
    return 0;
  }
  if (!values.db) throw new AppError('INVALID_INPUT', `--db PATH is required for ${command}.`);
  const key = keyFromEnv(env);
  const dbPath = resolve(values.db);
  const logFile = await openLogBeside(dbPath, console);
  log.info('cli.command', { command });
  try {
    return await run(command, rest, values, dbPath, key, env, console);
  } finally {
    logFile?.close();
  }
}

/** The log goes to the database's folder (logs/); a folder that cannot hold one costs the log, not the command. */
async function openLogBeside(dbPath: string, console: Console): Promise<LogFile | null> {
  try {
    return await openLogFile(dirname(dbPath));
  } catch (error) {
    console.error(`inflow: no log written (${toErrorShape(error).message})`);
    return null;
  }
}

/** One command on the database at `dbPath`. */
async function run(command: string, rest: string[], values: CliValues, dbPath: string, key: Buffer, env: NodeJS.ProcessEnv, console: Console): Promise<number> {
  if (command === 'restore') return restore(dbPath, key, values, console);
  const core = openCore({ dbPath, key, sendMail: sendsMail(command, rest[0], values['dry-run']), scheduleSync: false, watchInbox: false });
  try {
    switch (command) {
      case 'init':
        print(console, values.json, { ok: true, db: dbPath }, `Encrypted database ready at ${dbPath}`);
        return 0;
      case 'sample': {
        const summary = await core.call('sample.load', {});
        print(console, values.json, summary, `Sample loaded: ${summary.customers} customers, ${summary.invoices} invoices, ${summary.payments} payments.`);
        return 0;
      }
      case 'import':
        return await importFile(core, rest[0], values, console);
      case 'aging':
        return await aging(core, values['as-of'] ?? localToday(), values.json, console);
      case 'worklist':
        console.log(await worklistCommand(core, values, localToday()));
        return 0;
      case 'risk':
        console.log(await riskCommand(core, rest[0], values));
        return 0;
      case 'forecast':
        console.log(await forecastCommand(core, rest[0], values));
        return 0;
      case 'kpi':
        console.log(await kpiCommand(core, values));
        return 0;
      case 'attribution':
        console.log(await attributionCommand(core, values));
        return 0;
      case 'backtest':
        console.log(await backtestCommand(core, values));
        return 0;
      case 'sync':
        console.log(await syncCommand(core, values, env));
        return 0;
      case 'inbox':
        console.log(await inboxCommand(core, rest[0], values, env));
        return 0;
      case 'team':
        console.log(await teamCommand(core, rest[0], values, env));
        return 0;
      case 'settings':
        console.log(await settingsCommand(core, rest[0], values));
        return 0;
      case 'locale':
        console.log(await localeCommand(core, values));
        return 0;
      case 'charges':
        console.log(await chargesCommand(core, rest[0], values, localToday()));
        return 0;
      case 'statement':
        console.log(await statementCommand(core, values));
        return 0;
      case 'letters':
        console.log(await lettersCommand(core, values));
        return 0;
      case 'ladder':
      case 'outreach':
      case 'outbox':
        console.log(
          await { ladder: ladderCommand, outreach: outreachCommand, outbox: outboxCommand }[command](core, rest[0], values, (line) => console.error(line)),
        );
        return 0;
      case 'sms':
        console.log(await smsCommand(core, rest[0], values, (line) => console.error(line)));
        return 0;
      default: {
        const run = { 'log-call': logCallCommand, promise: promiseCommand, dispute: disputeCommand, 'write-off': writeOffCommand }[
          command as 'log-call' | 'promise' | 'dispute' | 'write-off'
        ];
        print(console, values.json, { ok: true }, await run(core, values));
        return 0;
      }
    }
  } finally {
    await core.close();
  }
}

async function importFile(
  core: Core,
  file: string | undefined,
  values: { preset?: string | undefined; mapping?: string | undefined; sheet?: string | undefined; snapshot: boolean; json: boolean },
  console: Console,
): Promise<number> {
  if (!file) throw new AppError('INVALID_INPUT', 'import needs a FILE to read.');
  if (values.preset && values.mapping) throw new AppError('INVALID_INPUT', 'Give --preset or --mapping, not both.');
  const mapping = values.mapping ? readMapping(values.mapping) : undefined;
  const staged = core.stageFile(resolve(file));
  const summary = await core.call('import.run', {
    jobId: randomUUID(),
    fileId: staged.fileId,
    snapshot: values.snapshot,
    ...(values.preset ? { preset: values.preset } : {}),
    ...(mapping ? { mapping } : {}),
    ...(values.sheet ? { sheet: values.sheet } : {}),
  });
  print(
    console,
    values.json,
    summary,
    `Imported ${summary.rows} rows of ${summary.kind} (${summary.preset}): ${summary.created} created, ${summary.updated} updated, ` +
      `${summary.unchanged} unchanged, ${summary.closed} closed, ${summary.skipped} skipped; ` +
      `${summary.customersCreated} customers and ${summary.paymentsCreated} payments created.`,
  );
  return 0;
}

/** Recovery without the window: the same choice of backup, the same kept-aside broken file. */
async function restore(
  dbPath: string,
  key: Buffer,
  values: { latest: boolean; backup?: string | undefined; json: boolean },
  console: Console,
): Promise<number> {
  if (values.latest === Boolean(values.backup)) throw new AppError('INVALID_INPUT', 'restore needs --latest or --backup NAME (one of them).');
  const problem = diagnoseDatabase(dbPath, key);
  if (!problem) throw new AppError('CONFLICT', `${dbPath} opens and checks out: nothing to restore.`);
  const recovery = openRecovery(dbPath, key, problem.toShape());
  const status = await recovery.status();
  for (const skipped of status.skipped) console.error(`  skipped ${skipped.name}: ${skipped.reason}`);
  const name = values.backup ? basename(values.backup) : status.latest?.name;
  if (!name) throw new AppError(problem.code, `${problem.message} No backup of it can be restored.`, problem.details);
  const result = await recovery.restore(name);
  const reopened = openCore({ dbPath, key, sendMail: false, scheduleSync: false });
  await reopened.close();
  const { restored } = result;
  print(
    console,
    values.json,
    result,
    `${problem.message}\nRestored ${restored.name} (taken ${restored.takenAt}: ${restored.customers} customers, ${restored.invoices} invoices, ` +
      `${restored.activities} activities). The damaged file is kept at ${result.keptAs}.`,
  );
  return 0;
}

function readMapping(path: string): ImportMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(path), 'utf8'));
  } catch (error) {
    throw new AppError('INVALID_INPUT', `Mapping file ${path} is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = importMappingSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'INVALID_INPUT',
      `Mapping file ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'mapping'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

async function aging(core: Core, asOf: string, json: boolean, console: Console): Promise<number> {
  const report = await core.call('aging.report', { asOf });
  if (json) {
    console.log(JSON.stringify(agingJson(report)));
    return 0;
  }
  console.log(`Aging as of ${report.asOf}`);
  for (const [currency, totals] of Object.entries(report.totals)) {
    console.log(
      `  ${currency}: ${AGING_BUCKETS.map((b) => `${b} ${formatMoney(totals[b], currency, 'en-US')}`).join(' · ')} · total ${formatMoney(totals.total, currency, 'en-US')} (unapplied credits ${formatMoney(totals.credits, currency, 'en-US')})`,
    );
  }
  console.log(`  ${report.customers.length} customer balances (use --json for all of them)`);
  return 0;
}

/** The documented JSON shape: amounts in minor units, customers without internal ids. */
function agingJson(report: AgingReport) {
  return {
    asOf: report.asOf,
    totals: report.totals,
    customers: report.customers.map(({ customerId: _internal, ...row }) => row),
  };
}

function print(console: Console, json: boolean, value: unknown, text: string): void {
  console.log(json ? JSON.stringify(value) : text);
}

function report(error: ErrorShape, json: boolean, console: Console): void {
  if (json) {
    console.log(JSON.stringify({ error }));
    return;
  }
  console.error(`inflow: ${error.message}`);
  if (error.code === 'DB_CORRUPT') console.error('  To restore the newest whole backup: npm run cli -- restore --db PATH --latest');
  const details = error.details as { problems?: ImportProblem[]; problemCount?: number } | undefined;
  if (details?.problems) {
    for (const p of details.problems.slice(0, 50)) {
      console.error(`  row ${p.row}${p.column ? `, ${p.column}` : ''}${p.value ? ` "${p.value}"` : ''}: ${p.reason}`);
    }
    const count = details.problemCount ?? details.problems.length;
    if (count > 50) console.error(`  … and ${count - 50} more (use --json for the first 1,000)`);
  }
}

/** Where a run writes, and the environment it reads (the key, connector and mailbox credentials). */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** The CLI on `argv` (without node and the script): what it prints goes to `io`, and it resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const console = new Console({ stdout: io.stdout, stderr: io.stderr });
  try {
    return await main(argv, io.env, console, (text) => io.stdout.write(text));
  } catch (error) {
    const shape = toErrorShape(error);
    report(shape, argv.includes('--json'), console);
    return shape.code.startsWith('DB_') ? EXIT_DATABASE : EXIT_REJECTED;
  }
}
