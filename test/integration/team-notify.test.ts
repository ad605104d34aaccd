import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { TeamDesk as DeskService } from '../../electron/core/team/team-desk';
import { bundle } from '../helpers/crash-harness';
import { openDesk, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * Desks that run as the app does hear of each other's changes from the server (LISTEN/NOTIFY) and
 * exchange at once: with the fallback poll an hour apart, nothing else could bring a change over.
 * The listener comes back after the server ends its connection, a burst of notices makes one more
 * exchange rather than one each, and closing the core leaves nothing that keeps a process alive.
 */
const HOUR_MS = 3_600_000;
let server: PostgresServer;
let database: string;
let admin: pg.Client;
let desks: TeamDesk[];
let n = 0;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());
beforeEach(async () => {
  database = await server.createDatabase(`notify_${++n}`);
  admin = await server.connect(database);
  desks = [];
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(desks.map((desk) => desk.dispose()));
  await admin.end();
});

/** A desk exchanging in the background, as in the app, whose poll never comes round during a test. */
const desk = async (collector: string): Promise<TeamDesk> => {
  const opened = await openDesk(server, database, { collector, teamPollMs: HOUR_MS });
  desks.push(opened);
  await opened.core.call('team.join', {});
  return opened;
};

/** Waits for `condition`, asked every 50 ms, for up to a generous minute: no timing is asserted. */
async function until(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const listeners = async (): Promise<number[]> =>
  (
    await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN inflow_team' ORDER BY pid")
  ).rows.map((row) => row.pid);

const noteOn = async (d: TeamDesk, text: string): Promise<void> => {
  const { customerId } = await d.core.call('customer.lookup', { externalId: 'C-001' });
  await d.core.call('activity.addNote', { customerId, text });
};
const hasNote = (d: TeamDesk, text: string): boolean =>
  d.sql<{ n: number }>("SELECT count(*) AS n FROM activities WHERE kind = 'note' AND body ->> '$.text' = ?", text)[0]!.n === 1;

describe('desks told by the server', { timeout: 180_000 }, () => {
  it('a note committed on one desk reaches another with no poll: the commit pushes, the notice pulls', async () => {
    const [maya, sam] = [await desk('Maya'), await desk('Sam')];
    await until('both desks to listen', async () => (await listeners()).length === 2);
    await noteOn(maya, 'Pays Friday');
    await until("Maya's note on Sam's desk", () => hasNote(sam, 'Pays Friday'));
    await noteOn(sam, 'Confirmed by phone');
    await until("Sam's note on Maya's desk", () => hasNote(maya, 'Confirmed by phone'));
    expect(await sam.core.call('team.status', {})).toMatchObject({ pendingPush: 0, lastError: null });
  });

  it('the listener comes back after the server ends its connection, and notices reach it again', async () => {
    const [maya, sam] = [await desk('Maya'), await desk('Sam')];
    await until('both desks to listen', async () => (await listeners()).length === 2);
    const before = await listeners();
    await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]);
    await until('both listeners back on new connections', async () => {
      const now = await listeners();
      return now.length === 2 && now.every((pid) => !before.includes(pid));
    });
    await noteOn(maya, 'After the restart');
    await until('the note on the reconnected desk', () => hasNote(sam, 'After the restart'));
  });

  it('a burst of notices while an exchange runs makes one more exchange, not one each', async () => {
    const exchanges = vi.spyOn(DeskService.prototype as unknown as { exchangeOnce: () => Promise<unknown> }, 'exchangeOnce');
    const kicks = vi.spyOn(DeskService.prototype as unknown as { kick: () => void }, 'kick');
    const settled = async (): Promise<boolean> => {
      await Promise.allSettled(exchanges.mock.results.map((result) => result.value));
      return exchanges.mock.results.every((result) => result.type === 'return');
    };
    await desk('Sam');
    // Joined (one exchange), then listening (one more, for what was published before).
    await until('the desk to listen and go quiet', async () => (await listeners()).length === 1 && exchanges.mock.calls.length >= 2 && (await settled()));
    exchanges.mockClear();
    kicks.mockClear();
    // Held by the lock, the next exchange cannot finish while the burst arrives.
    const holder = await server.connect(database);
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE team_changes IN ACCESS EXCLUSIVE MODE');
    for (let i = 0; i < 20; i++) await admin.query("SELECT pg_notify('inflow_team', '')");
    await until('all 20 notices heard', () => kicks.mock.calls.length === 20);
    expect(exchanges).toHaveBeenCalledTimes(1);
    await holder.query('COMMIT');
    await holder.end();
    await until('the exchanges to finish', async () => exchanges.mock.calls.length >= 2 && (await settled()));
    expect(exchanges).toHaveBeenCalledTimes(2);
  });

  it('leaving stops listening, and joining again listens again', async () => {
    const maya = await desk('Maya');
    await until('the desk to listen', async () => (await listeners()).length === 1);
    await maya.core.call('team.leave', {});
    await until('no listener', async () => (await listeners()).length === 0);
    await maya.core.call('team.join', {});
    await until('the desk to listen again', async () => (await listeners()).length === 1);
  });

  it('closing the core ends the listener and its retries: the process exits by itself', async () => {
    const maya = await desk('Maya');
    await maya.core.close();
    desks = [];
    onTestFinished(() => rmSync(dirname(maya.dbPath), { recursive: true, force: true }));
    const child = spawn(process.execPath, [bundle('test/helpers/team-exit-child.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout });
    const said = (line: string) => new Promise<void>((resolve) => lines.on('line', (got) => got === line && resolve()));
    const open = said('open');
    child.stdin.write(`${JSON.stringify({ INFLOW_TEST_DB: maya.dbPath, INFLOW_TEST_KEY: maya.key.toString('hex') })}\n`);
    await open;
    await until("the child's listener", async () => (await listeners()).length === 1);
    // Lost once, so a retry is pending or just done when it closes.
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN inflow_team'");
    const closed = said('closed');
    child.stdin.end('close\n');
    await closed;
    const deadline = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await exited;
    clearTimeout(deadline);
    expect(code).toBe(0);
    expect(await listeners()).toEqual([]);
  });
});
