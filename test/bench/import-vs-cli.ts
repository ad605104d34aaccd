import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { AGING_SQL, agingParameters } from '../../electron/core/ledger/aging-query';
import { DEFAULT_AGING_EDGES, type AgingReport } from '../../shared/aging';
import { openDatabase } from '../../electron/db/open';
import type { SqliteDb } from '../../electron/db/sqlite';
import { startCoreWorker } from '../../electron/hosts/core-client';
import { BENCH_TODAY } from './dataset';

const CLI = process.env.SQLITE3_PATH ?? 'sqlite3';

function cli(db: string, commands: string[]): number {
  const started = performance.now();
  cliOutput(db, commands);
  return performance.now() - started;
}

function cliOutput(db: string, commands: string[]): string {
  const run = spawnSync(CLI, [db], { input: commands.join('\n'), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0 || run.stderr) throw new Error(`sqlite3 failed: ${run.stderr}`);
  return run.stdout;
}

/** The tables aging reads, copied without encryption (same schema and indexes) for the sqlite3 CLI. */
function plainCopy(dbPath: string, key: Buffer, target: string): void {
  const db = openDatabase(dbPath, key);
  const { sqlite } = db;
  // An existing database is opened without the create flag, which ATTACH inherits: give it an (empty, valid) file.
  writeFileSync(target, '');
  sqlite.prepare("ATTACH DATABASE ? AS plain KEY ''").run(target);
  const tables = ['customers', 'invoices', 'allocations', 'credit_notes', 'payments'];
  const schema = sqlite
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN (${tables.map(() => '?').join(', ')}) AND sql IS NOT NULL ORDER BY type DESC`)
    .all(...tables) as { type: string; name: string; sql: string }[];
  for (const item of schema) sqlite.exec(item.sql.replace(/^CREATE (TABLE|INDEX) (\S+)/, 'CREATE $1 plain.$2'));
  // A copy of tables that reference others (imports, activities) left out: no foreign keys to check.
  sqlite.pragma('foreign_keys = OFF');
  for (const table of tables) sqlite.exec(`INSERT INTO plain.${table} SELECT * FROM main.${table}`);
  sqlite.exec('DETACH plain');
  void db.close();
}

/** Rows per INSERT in the floor, as the ledger writer batches them (ledger/row-buffer.ts). */
const FLOOR_ROWS_PER_STATEMENT = 64;

/**
 * The floor for any importer on this stack: the file streamed through papaparse a chunk at a time
 * (as the importer reads it) into a new encrypted table of text columns, 64 rows to a statement (as
 * the ledger writer inserts), in one transaction, with no validation, no ledger rows, no indexes.
 */
async function bareEncryptedImport(path: string, file: string): Promise<number> {
  const db = openDatabase(path, randomBytes(32));
  const { sqlite } = db;
  const started = performance.now();
  let width = 0;
  let one: ReturnType<SqliteDb['prepare']> | undefined;
  let many: ReturnType<SqliteDb['prepare']> | undefined;
  const pending: string[] = [];
  const insert = (row: string[]): void => {
    if (!one) {
      width = row.length;
      sqlite.exec(`CREATE TABLE bare (${row.map((_, k) => `c${k} TEXT`).join(', ')})`);
      const values = `(${row.map(() => '?').join(', ')})`;
      one = sqlite.prepare(`INSERT INTO bare VALUES ${values}`);
      many = sqlite.prepare(`INSERT INTO bare VALUES ${Array.from({ length: FLOOR_ROWS_PER_STATEMENT }, () => values).join(', ')}`);
      return; // the header
    }
    pending.push(...row);
    if (pending.length === width * FLOOR_ROWS_PER_STATEMENT) {
      many!.run(pending);
      pending.length = 0;
    }
  };
  sqlite.exec('BEGIN');
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(createReadStream(file), {
      skipEmptyLines: true,
      chunk: ({ data }) => {
        for (const row of data) insert(row);
      },
      complete: () => resolve(),
      error: reject,
    });
  });
  for (let at = 0; at < pending.length; at += width) one!.run(pending.slice(at, at + width));
  sqlite.exec('COMMIT');
  const ms = performance.now() - started;
  await db.close();
  return ms;
}

export interface ImportFigures {
  /** From the call to the import job's "done": read, validated, written and committed. */
  importMs: number;
  /** From "done" to the call's answer: the risk retrain and queue rebuild every ledger write is followed by. */
  followUpMs: number;
  /** The same file through papaparse into one encrypted table of text columns, batched as the importer does: no validation, no ledger. */
  bareMs: number;
  cliImportMs: number;
  agingMs: number;
  cliAgingMs: number;
  importLagP99: number;
  rows: number;
}

/**
 * P1, P2, P5 (import): the invoices file imported into the encrypted database by the core in its
 * worker, as the app does (parse, validate, upsert), with the host's event-loop lag watched, beside
 * the sqlite3 CLI's .import of the same file into an unencrypted table; then aging as of a date
 * beside the same SQL in the CLI over an unencrypted copy. Best of three for the aging runs.
 */
export async function benchImport(
  dir: string,
  files: { customers: string; invoices: string },
): Promise<{ figures: ImportFigures; dbPath: string; key: Buffer }> {
  const key = randomBytes(32);
  const dbPath = join(dir, 'ledger.db');
  const core = await startCoreWorker(new URL('../../electron/hosts/core-worker.ts', import.meta.url), dbPath, key);
  const customers = await core.stageFile(files.customers);
  await core.dispatch('import.run', { jobId: 'bench-customers', fileId: customers.fileId, preset: 'generic-customers' });
  const invoices = await core.stageFile(files.invoices);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let committed = 0;
  const stopListening = core.onEvent((event) => {
    if (event.type === 'job.progress' && event.jobId === 'bench-invoices' && event.phase === 'done') committed = performance.now();
  });
  const started = performance.now();
  const summary = (await core.dispatch('import.run', { jobId: 'bench-invoices', fileId: invoices.fileId, preset: 'generic-invoices' })) as {
    rows?: number;
    created?: number;
  };
  const answered = performance.now();
  lag.disable();
  stopListening();
  if (committed === 0) throw new Error('the import job never reported "done"');
  const agingRuns: number[] = [];
  let report: AgingReport | undefined;
  for (let i = 0; i < 3; i++) {
    const at = performance.now();
    report = (await core.dispatch('aging.report', { asOf: BENCH_TODAY })) as AgingReport;
    agingRuns.push(performance.now() - at);
  }
  await core.close();

  const cliImportMs = cli(join(dir, 'cli-import.db'), ['.mode csv', `.import ${files.invoices} invoices`]);
  const bareMs = await bareEncryptedImport(join(dir, 'bare.db'), files.invoices);
  const plain = join(dir, 'plain.db');
  plainCopy(dbPath, key, plain);
  const cliAging: number[] = [];
  // The very statement the core runs for aging.report, with the same parameters (the default bucket edges).
  const parameters = Object.entries(agingParameters(BENCH_TODAY, DEFAULT_AGING_EDGES)).map(
    ([name, value]) => `.parameter set @${name} ${typeof value === 'string' ? `"'${value}'"` : value}`,
  );
  for (let i = 0; i < 3; i++) cliAging.push(cli(plain, [...parameters, '.output /dev/null', `${AGING_SQL};`]));
  // A baseline that silently does less (a parameter bound as the wrong type matches no row) is no baseline.
  const cliRows = cliOutput(plain, [...parameters, `${AGING_SQL};`])
    .trim()
    .split('\n')
    .filter(Boolean).length;
  if (cliRows !== report!.customers.length) throw new Error(`the CLI's aging has ${cliRows} rows, the core's ${report!.customers.length}`);
  return {
    dbPath,
    key,
    figures: {
      importMs: committed - started,
      followUpMs: answered - committed,
      bareMs,
      cliImportMs,
      agingMs: Math.min(...agingRuns),
      cliAgingMs: Math.min(...cliAging),
      importLagP99: lag.percentile(99) / 1e6,
      rows: summary.rows ?? summary.created ?? 0,
    },
  };
}
