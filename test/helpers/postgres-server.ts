import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

/** A throwaway PostgreSQL cluster for tests: Debian's binaries as an unprivileged process on 127.0.0.1. */
export interface PostgresServer {
  host: string;
  port: number;
  /** The cluster's superuser, who signs in with `password` (SCRAM: the password really is checked). */
  user: string;
  password: string;
  /** A fresh, empty database on this cluster, by name. */
  createDatabase(name: string): Promise<string>;
  /** A client signed in as the superuser to `database`. */
  connect(database?: string): Promise<pg.Client>;
  /** Shuts the server down (the data stays), as a network cut or a server restart looks to a desk. */
  pause(): void;
  /** Starts it again on the same port. */
  resume(): void;
  stop(): void;
}

/** Debian installs each major under /usr/lib/postgresql/<major>/bin; the newest one there. */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const major = majors.find((name) => existsSync(join(root, name, 'bin', 'pg_ctl')));
  if (!major) throw new Error('PostgreSQL is not installed (Debian: apt-get install -y postgresql)');
  return join(root, major, 'bin');
}

/**
 * Where test/helpers/postgres-template-setup.ts (vitest's globalSetup) lets this run keep one initdb'd
 * data directory. initdb is most of a cluster's start (seconds on a busy machine); a copy of its
 * result is the very same cluster. Unset (Playwright, a script), each cluster runs initdb itself.
 */
export const TEMPLATE_ENV = 'INFLOW_PG_TEMPLATE_DIR';

/**
 * The run's initdb'd data directory, made by whichever cluster asks first: mkdir is atomic, so one
 * process runs initdb while the others wait for the finished directory to appear (it is renamed into
 * place whole). Null when no run directory was set up.
 */
async function templateData(initdb: (data: string) => void): Promise<string | null> {
  const root = process.env[TEMPLATE_ENV];
  if (!root) return null;
  const data = join(root, 'data');
  const failed = join(root, 'failed');
  try {
    mkdirSync(join(root, 'lock'));
  } catch {
    while (!existsSync(data)) {
      if (existsSync(failed)) throw new Error(`initdb failed in another test file: ${readFileSync(failed, 'utf8')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return data;
  }
  try {
    initdb(join(root, 'data-building'));
  } catch (error) {
    writeFileSync(failed, String(error));
    throw error;
  }
  renameSync(join(root, 'data-building'), data);
  return data;
}

/**
 * initdb into a temp dir (or a copy of the run's template, which is the same), then pg_ctl start on a
 * free loopback port (ENVIRONMENT.md's recipe). As root both run as `nobody` with the dir handed to
 * that user: PostgreSQL refuses to run as root. Durability is off (fsync): the cluster dies with the test.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'inflow-pg-'));
  const root = process.getuid?.() === 0;
  const as = (command: string, args: string[]): [string, string[]] => (root ? ['runuser', ['-u', 'nobody', '--', command, ...args]] : [command, args]);
  const user = 'inflow';
  const password = 'team-test-secret';
  const port = await freePort();
  const run = (command: string, args: string[]): void => {
    const [file, argv] = as(join(bin, command), args);
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  };
  /** initdb into `data`; its parent is handed to `nobody` first when running as root. */
  const initdb = (data: string): void => {
    const parent = dirname(data);
    writeFileSync(join(parent, 'pwfile'), `${password}\n`);
    if (root) execFileSync('chown', ['-R', 'nobody:nogroup', parent]);
    chmodSync(parent, 0o700);
    run('initdb', ['-D', data, '-U', user, `--pwfile=${join(parent, 'pwfile')}`, '-A', 'scram-sha-256', '--no-sync', '--no-instructions']);
  };
  const template = await templateData(initdb);
  if (template) {
    // cp -a keeps the owner and the 0700 mode PostgreSQL insists on.
    execFileSync('cp', ['-a', template, join(dir, 'data')]);
    if (root) execFileSync('chown', ['nobody:nogroup', dir]);
    chmodSync(dir, 0o700);
  } else initdb(join(dir, 'data'));
  // pg_ctl -w returns once the server accepts connections; its output goes to the log, not a pipe it would hold open.
  const start = (): void =>
    run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  start();
  const host = '127.0.0.1';
  const connect = async (database = 'postgres'): Promise<pg.Client> => {
    const client = new pg.Client({ host, port, user, password, database });
    await client.connect();
    return client;
  };
  return {
    host,
    port,
    user,
    password,
    connect,
    createDatabase: async (name) => {
      const client = await connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return name;
    },
    pause: () => run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']),
    resume: start,
    stop: () => {
      const [file, argv] = as(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
      spawnSync(file, argv, { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
