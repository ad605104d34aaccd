import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3-multiple-ciphers';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { applyKey } from '../../electron/db/open';
import { bundle, faultRandom, openAfterKill } from '../helpers/crash-harness';
import { openDesk, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * Three desks, each in its own process, record notes and exchange them through one real PostgreSQL.
 * In each trial one of them is killed with SIGKILL mid-push or mid-pull, the point measured in
 * progress (its changes committed on the server, or pulled changes committed on the desk), while the
 * other two keep recording; the killed desk opens whole and carries on. Then all three exchange until
 * quiet: every note any desk reported committed is on all three, once, under the same (origin desk,
 * local id), and on the server once.
 */
const TRIALS = 4;
const NOW = '2026-11-22T15:00:00Z';
const COLLECTORS = ['Maya', 'Sam', 'Lee'] as const;
let server: PostgresServer;
let database: string;
let client: pg.Client;
let desks: Desk[];
const random = faultRandom('team-crash');

interface Desk extends TeamDesk {
  deskId: string;
  /** Every note text its processes reported committed. */
  reported: Set<string>;
  runs: number;
}

beforeAll(async () => {
  server = await startPostgres();
  database = await server.createDatabase('crash');
  client = await server.connect(database);
  desks = [];
  for (const collector of COLLECTORS) {
    const desk = await openDesk(server, database, { collector });
    await desk.core.call('team.join', {});
    // The children open the same files: the test's cores step aside, and reopen to check.
    await desk.core.close();
    const [state] = desk.sql<{ deskId: string }>('SELECT desk_id AS deskId FROM team_state');
    desks.push({ ...desk, deskId: state!.deskId, reported: new Set(), runs: 0 });
  }
}, 60_000);
afterAll(async () => {
  await client?.end();
  for (const desk of desks) rmSync(dirname(desk.dbPath), { recursive: true, force: true });
  server.stop();
});

interface Run {
  desk: Desk;
  /** The last exchange that finished, and the last that failed offline. */
  synced: number;
  offline: number;
  /** Resolves when the line appears. */
  line(wanted: (line: string) => boolean): Promise<void>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** Starts a desk's process: it records `batch` notes, exchanges, and again, until stopped or killed. */
function run(desk: Desk, batch: number, gapMs = 0): Run {
  const child = spawn(process.execPath, [bundle('test/helpers/team-child.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const prefix = `${desk.collector}/${++desk.runs}`;
  child.stdin.write(
    `${JSON.stringify({ INFLOW_TEST_DB: desk.dbPath, INFLOW_TEST_KEY: desk.key.toString('hex'), INFLOW_TEST_NOW: NOW, INFLOW_TRIAL: prefix, INFLOW_BATCH: String(batch), INFLOW_GAP_MS: String(gapMs) })}\n`,
  );
  const waiters: { wanted: (line: string) => boolean; resolve: () => void }[] = [];
  const state: Run = {
    desk,
    synced: 0,
    offline: 0,
    line: (wanted) => new Promise((resolve) => waiters.push({ wanted, resolve })),
    stop: async () => {
      child.stdin.write('stop\n');
      await exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [word, n] = line.split(' ');
    if (word === 'note') desk.reported.add(`${prefix} note ${n}`);
    else if (word === 'synced') state.synced = Number(n);
    else if (word === 'offline') state.offline = Number(n);
    for (const waiter of waiters.filter((w) => w.wanted(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  live.add(state);
  void exited.then(() => live.delete(state));
  // A child that dies by itself (not killed by the test) fails its waiters' test by timing out; say why.
  void exited.then(() => {
    if (child.exitCode !== null && child.exitCode !== 0) console.error(`${prefix} exited with ${child.exitCode}`);
  });
  return state;
}

/** Every process started and not yet gone: a failed test leaves none behind to lock the next one's files. */
const live = new Set<Run>();
afterEach(async () => {
  await Promise.all([...live].map((r) => r.kill()));
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `due` holds or the run's first exchange has finished; progress, not time, decides. */
async function until(runState: Run, due: () => Promise<boolean> | boolean): Promise<void> {
  while (runState.synced === 0 && runState.offline === 0 && !(await due())) await pause(2);
}

const onServer = async (deskId: string): Promise<number> =>
  Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM team_changes WHERE desk_id = $1', [deskId])).rows[0]!.n);
const allOnServer = async (): Promise<number> => Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM team_changes')).rows[0]!.n);

/** A reader of the desk's database beside its process: how many pulled changes it has committed. */
function appliedCounter(desk: Desk): { count(): number; close(): void } {
  const reader = new Database(desk.dbPath, { readonly: true, fileMustExist: true });
  applyKey(reader, desk.key);
  const statement = reader.prepare('SELECT count(*) AS n FROM team_applied');
  return { count: () => (statement.get() as { n: number }).n, close: () => reader.close() };
}

/** Kills the desk once its first push has committed part of its changes on the server. */
async function killMidPush(victim: Run, batch: number): Promise<string> {
  await victim.line((line) => line === 'sync 1');
  const base = await onServer(victim.desk.deskId);
  const point = random.int(1, batch);
  await until(victim, async () => (await onServer(victim.desk.deskId)) >= base + point);
  await victim.kill();
  return `mid-push after ${(await onServer(victim.desk.deskId)) - base} of its changes reached the server`;
}

/** Kills the desk once its first pull has committed part of the others' changes here. */
async function killMidPull(victim: Run): Promise<string> {
  await victim.line((line) => line === 'sync 1');
  // The push comes first: its last change on the server means the pull is next.
  await until(victim, async () => (await onServer(victim.desk.deskId)) >= victim.desk.reported.size);
  const applied = appliedCounter(victim.desk);
  try {
    const base = applied.count();
    const waiting = (await allOnServer()) - (await onServer(victim.desk.deskId)) - base;
    const point = random.int(1, Math.max(1, waiting));
    await until(victim, () => applied.count() >= base + point);
    await victim.kill();
    return `mid-pull after ${applied.count() - base} of ${waiting} changes applied`;
  } finally {
    applied.close();
  }
}

/** A desk's notes keyed by (origin desk, its local id), with their texts; duplicates fail here. */
function notesOf(desk: Desk): Map<string, string> {
  const rows = desk.sql<{ key: string | null; text: string }>(
    `SELECT r.record_key AS key, json_extract(a.body, '$.text') AS text FROM activities a
    LEFT JOIN team_records r ON r.entity = 'activity' AND r.local_id = a.id WHERE a.kind = 'note'`,
  );
  const notes = new Map(rows.map((row) => [row.key ?? `unpublished ${row.text}`, row.text]));
  expect(notes.size, `${desk.collector}: one entry per (origin desk, local id)`).toBe(rows.length);
  expect(new Set(notes.values()).size, `${desk.collector}: each note once`).toBe(rows.length);
  return notes;
}

/** Opens the three desks here, exchanges until all is on all, and checks it. */
async function expectConverged(context: string): Promise<void> {
  const cores = desks.map((desk) =>
    openCore({ dbPath: desk.dbPath, key: desk.key, clock: () => new Date(NOW), sendMail: false, scheduleSync: false, watchInbox: false }),
  );
  try {
    // Twice round: the first desk pulls what the last pushed.
    for (const core of [...cores, ...cores]) await core.call('team.sync', {});
  } finally {
    await Promise.all(cores.map((core) => core.close()));
  }
  const [first, ...others] = desks.map(notesOf);
  for (const [index, notes] of others.entries())
    expect(notes, `${context}: ${desks[index + 1]!.collector} holds what ${desks[0]!.collector} holds`).toEqual(first);
  const texts = new Set(first!.values());
  for (const desk of desks) {
    const lost = [...desk.reported].filter((text) => !texts.has(text));
    expect(lost, `${context}: notes ${desk.collector}'s desk reported committed`).toEqual([]);
    const own = [...first!.keys()].filter((key) => (JSON.parse(key) as string[])[1] === desk.deskId).length;
    expect(await onServer(desk.deskId), `${context}: ${desk.collector}'s changes on the server, once each`).toBe(own);
  }
  expect(await allOnServer()).toBe(first!.size);
}

it('loses and doubles nothing when a desk is killed mid-push or mid-pull while the others record', async () => {
  // Push and pull take turns, from a random first: every run kills in both.
  const first = random.int(0, 1);
  for (let trial = 1; trial <= TRIALS; trial++) {
    const started = performance.now();
    const victimIndex = random.int(0, 2);
    const mode = (trial + first) % 2 === 0 ? 'push' : 'pull';
    // The victim's round spans two server batches (500) about half the time: a kill between them, or
    // between the server's commit and the desk's cursor. Its own rows lengthen its pull the same way.
    const batches = desks.map((_, index) => (index !== victimIndex ? random.int(20, 60) : mode === 'push' ? random.int(100, 700) : random.int(300, 600)));
    const others = desks.flatMap((desk, index) => (index === victimIndex ? [] : [run(desk, batches[index]!, 10)]));
    if (mode === 'pull') {
      // The others publish first, so the victim's pull is long: several batches, each its own commit.
      const before = await allOnServer();
      const ahead = random.int(300, 700);
      while ((await allOnServer()) < before + ahead) await pause(20);
    }
    const victim = run(desks[victimIndex]!, batches[victimIndex]!);
    const runs = [...others, victim];
    const point = mode === 'push' ? await killMidPush(victim, batches[victimIndex]!) : await killMidPull(victim);
    const context = `trial ${trial}: ${victim.desk.collector} killed ${point}`;
    expect(await openAfterKill(victim.desk.dbPath, victim.desk.key), context).toMatchObject({ integrity: 'ok' });
    // Back up, it resumes its push and pull while the others went on recording.
    const restarted = run(victim.desk, random.int(20, 100), 10);
    await restarted.line((line) => line === 'synced 1');
    await Promise.all([...runs.filter((r) => r !== victim), restarted].map((r) => r.stop()));
    await expectConverged(context);
    console.log(`${context}; converged, ${notesOf(desks[0]!).size} notes in all (${Math.round((performance.now() - started) / 1000)} s)`);
  }
}, 600_000);

it('offline edits on two desks meet on reconnect: both present everywhere, nothing doubled', async () => {
  // The test's own client goes with the server, and comes back with it.
  await client.end();
  server.pause();
  const [maya, sam] = [run(desks[0]!, 40), run(desks[1]!, 40)];
  await Promise.all([maya.line((line) => line === 'offline 2'), sam.line((line) => line === 'offline 2')]);
  server.resume();
  client = await server.connect(database);
  await Promise.all([maya.line((line) => line.startsWith('synced ')), sam.line((line) => line.startsWith('synced '))]);
  await Promise.all([maya.stop(), sam.stop()]);
  await expectConverged('offline on two desks');
}, 120_000);
