import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { openCore, type Core } from '../../electron/core';
import { storeSnapshot } from '../../electron/core/team/book-snapshot';
import type { PostgresServer } from './postgres-server';
import { fixturePath, JOB } from './temp-core';

/** One collector's desk: its own encrypted database and core, the same ERP book as the others. */
export interface TeamDesk {
  core: Core;
  collector: string;
  dbPath: string;
  key: Buffer;
  /** What the desk committed, read through a connection of its own (writes too: a test can stage a crash's leftovers). */
  sql<T>(statement: string, ...params: unknown[]): T[];
  dispose(): Promise<void>;
}

export interface DeskOptions {
  collector: string;
  clock?: () => Date;
  /** Whether this desk drains its outbox (default false: a test that does not send never waits on it). */
  sendMail?: boolean;
  /** Whether the desk imports the fixture book first (default true); a new desk without one joins from the team's snapshot. */
  book?: boolean;
  /** Exchanging in the background as the app does (listening for notices), with this fallback poll; by default only when told. */
  teamPollMs?: number;
}

/** Opens a desk, imports the shared fixture book (unless told not to), and saves the team connection (not joined yet). */
export async function openDesk(server: PostgresServer, database: string, options: DeskOptions): Promise<TeamDesk> {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-desk-'));
  const dbPath = join(dir, 'inflow.db');
  const key = randomBytes(32);
  const clock = options.clock ?? (() => new Date('2026-11-22T15:00:00Z'));
  const background = options.teamPollMs !== undefined;
  const core = openCore({
    dbPath,
    key,
    clock,
    sendMail: options.sendMail ?? false,
    scheduleSync: background,
    watchInbox: false,
    teamPollMs: options.teamPollMs,
  });
  const files =
    options.book === false
      ? []
      : ([
          ['erp/generic-customers.csv', 'generic-customers'],
          ['erp/generic-invoices.csv', 'generic-invoices'],
        ] as const);
  for (const [file, preset] of files) {
    await core.call('import.run', { jobId: JOB(), fileId: core.stageFile(fixturePath(file)).fileId, preset });
  }
  await core.call('settings.team.save', {
    host: server.host,
    port: server.port,
    database,
    user: server.user,
    password: server.password,
    collector: options.collector,
  });
  return {
    core,
    collector: options.collector,
    dbPath,
    key,
    sql: <T>(statement: string, ...params: unknown[]) => {
      const raw = new Database(dbPath);
      try {
        raw.pragma("cipher='sqlcipher'");
        raw.pragma('legacy=4');
        raw.pragma(`key="x'${key.toString('hex')}'"`);
        const prepared = raw.prepare(statement);
        return (prepared.reader ? prepared.all(...params) : (prepared.run(...params), [])) as T[];
      } finally {
        raw.close();
      }
    },
    dispose: async () => {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The leader's snapshot now, as its exchange stores one when due (book-snapshot.ts), through a connection of the test's own. */
export async function snapshotNow(server: PostgresServer, database: string, d: TeamDesk): Promise<boolean> {
  const pool = new pg.Pool({ host: server.host, port: server.port, user: server.user, password: server.password, database });
  const sqlite = new Database(d.dbPath);
  try {
    sqlite.pragma("cipher='sqlcipher'");
    sqlite.pragma('legacy=4');
    sqlite.pragma(`key="x'${d.key.toString('hex')}'"`);
    const deskId = sqlite.prepare('SELECT desk_id AS id FROM team_state').get() as { id: string };
    return await storeSnapshot(pool, sqlite, deskId.id);
  } finally {
    sqlite.close();
    await pool.end();
  }
}
