import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3-multiple-ciphers';
import { buildSync } from 'esbuild';
import { applyKey, openDatabase } from '../../electron/db/open';
import { Random } from '../../electron/core/sample/random';

/**
 * Cheap SIGKILL trials: the child core (crash-child.ts) is bundled once into plain JS, so each of the
 * many trials starts a bare `node` (no TypeScript loader) on a copy of a template database.
 */
const root = join(import.meta.dirname, '..', '..');
const bundled = new Map<string, string>();

/** A TypeScript entry point bundled into one plain JS file that a bare `node` runs (built once per test process). */
export function bundle(entry: string): string {
  const done = bundled.get(entry);
  if (done) return done;
  const dir = join(root, 'node_modules', '.cache', 'inflow-faults');
  mkdirSync(dir, { recursive: true });
  // One file per test process: vitest runs files in parallel and each builds its own.
  const outfile = join(dir, `${basename(entry, '.ts')}-${process.pid}.mjs`);
  buildSync({ entryPoints: [join(root, entry)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'error' });
  bundled.set(entry, outfile);
  return outfile;
}

const childBundle = (): string => bundle('test/helpers/crash-child.ts');

export interface Child {
  /** Activity ids the child reported committed, in order. */
  activities: number[];
  /** Resolves when the child prints `go` (its work has started). */
  started: Promise<void>;
  /** Resolves when the child prints `done`; never, if it was killed first. */
  finished: Promise<void>;
  exited: Promise<void>;
  kill(): void;
}

let warm: ChildProcess | null = null;

/** A child with its modules loaded, waiting for its settings; the next one is started at once. */
function takeWarmChild(): ChildProcess {
  const child = warm ?? spawnChild();
  warm = spawnChild();
  return child;
}

function spawnChild(): ChildProcess {
  const child = spawn(process.execPath, [childBundle()], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.unref();
  return child;
}

/** Kills the spare warm child (call in afterAll). */
export function stopWarmChild(): void {
  warm?.kill('SIGKILL');
  warm = null;
}

export function startChild(env: Record<string, string>): Child {
  const child = takeWarmChild();
  child.stdin!.write(`${JSON.stringify(env)}\n`);
  const activities: number[] = [];
  let go = (): void => undefined;
  let done = (): void => undefined;
  const started = new Promise<void>((resolve) => (go = resolve));
  const finished = new Promise<void>((resolve) => (done = resolve));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'go') go();
    else if (line === 'done') done();
    else if (line.startsWith('activity ')) activities.push(Number(line.slice(9)));
    else if (line.startsWith('failed ')) console.error(`crash child: ${line}`);
  });
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { activities, started, finished, exited, kill: () => child.kill('SIGKILL') };
}

/**
 * Kills the child once `due` holds (polled every couple of milliseconds), or once it has finished.
 * Kill points measured in progress (bytes of write-ahead log written) rather than in time hold steady
 * however loaded the machine is.
 */
export async function killWhen(child: Child, due: () => boolean): Promise<void> {
  let finished = false;
  void child.finished.then(() => (finished = true));
  let gone = false;
  void child.exited.then(() => (gone = true));
  while (!gone && !finished && !due()) await new Promise((resolve) => setTimeout(resolve, 2));
  child.kill();
  await child.exited;
}

/** Bytes in a database's write-ahead log (0 when there is none). */
export function walBytes(dbPath: string): number {
  try {
    return statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
}

/**
 * Runs the work once, uninterrupted, on the database the child was given and returns how many bytes
 * of write-ahead log it wrote: kill points are spread over that.
 */
export async function walGrowthOf(env: Record<string, string>): Promise<number> {
  const child = startChild(env);
  await child.finished;
  const growth = walBytes(env.INFLOW_TEST_DB!);
  child.kill();
  await child.exited;
  return growth;
}

/** A copy of a template database alone in a folder of its own under `dir` (so its backups are its own). */
export function copyTemplate(template: string, dir: string, name: string): string {
  mkdirSync(join(dir, name));
  const path = join(dir, name, 'inflow.db');
  copyFileSync(template, path);
  return path;
}

export function faultRandom(suite: string): Random {
  const seed = process.env.INFLOW_FAULT_SEED ? Number(process.env.INFLOW_FAULT_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`${suite}: seed ${seed} (replay with INFLOW_FAULT_SEED=${seed})`);
  return new Random(seed);
}

/** What every kill must leave: a database that opens with its key, whole, at the current schema. */
export async function openAfterKill(path: string, key: Buffer): Promise<{ integrity: string; userVersion: number }> {
  const database = openDatabase(path, key);
  try {
    return {
      integrity: database.sqlite.pragma('integrity_check', { simple: true }) as string,
      userVersion: database.sqlite.pragma('user_version', { simple: true }) as number,
    };
  } finally {
    await database.close();
  }
}

/** Which of these activity ids the database no longer has. */
export function missingActivities(path: string, key: Buffer, ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  const sqlite = new Database(path, { fileMustExist: true, readonly: true });
  try {
    applyKey(sqlite, key);
    const present = new Set(
      (sqlite.prepare(`SELECT id FROM activities WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { id: number }[]).map((row) => row.id),
    );
    return ids.filter((id) => !present.has(id));
  } finally {
    sqlite.close();
  }
}
