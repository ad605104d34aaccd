import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * initdb into a temp dir, then pg_ctl start on a free loopback port (ENVIRONMENT.md's recipe). As root
 * both run as `nobody` with the dir handed to that user: PostgreSQL refuses to run as root. Durability
 * is off (fsync): the cluster dies with the test.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'inflow-pg-'));
  const root = process.getuid?.() === 0;
  const as = (command: string, args: string[]): [string, string[]] => (root ? ['runuser', ['-u', 'nobody', '--', command, ...args]] : [command, args]);
  const user = 'inflow';
  const password = 'team-test-secret';
  const port = await freePort();
  writeFileSync(join(dir, 'pwfile'), `${password}\n`);
  if (root) execFileSync('chown', ['-R', 'nobody:nogroup', dir]);
  chmodSync(dir, 0o700);
  const run = (command: string, args: string[]): void => {
    const [file, argv] = as(join(bin, command), args);
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', join(dir, 'data'), '-U', user, `--pwfile=${join(dir, 'pwfile')}`, '-A', 'scram-sha-256', '--no-sync', '--no-instructions']);
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
