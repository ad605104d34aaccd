import { copyFileSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3-multiple-ciphers';
import { openCore, type Core } from '../../electron/core';
import { startPostgres } from '../helpers/postgres-server';
import { BENCH_TODAY, type BenchSize } from './dataset';
import { percentile } from './figures';
import { benchClock, replayBook } from './replay-book';

export interface TeamLatencyPlan {
  desks: number;
  /** A day's activities across the team. */
  activities: number;
  /** How many a second the replay commits: a day compressed. */
  perSecond: number;
  /** Measure only below this 1-minute load average (null: at once, for a smoke run whose figure is not kept). */
  maxLoad: number | null;
}

export interface TeamLatencyFigures extends TeamLatencyPlan {
  /** Commit on one desk to the change in another desk's SQLite, over every (activity, other desk) pair. */
  p50: number;
  p95: number;
  max: number;
  samples: number;
  /** The 1-minute load average as the replay started and as it ended. */
  loadBefore: number;
  loadAfter: number;
}

/** How often the observer reads each desk's pull cursor: its resolution, added to every sample at worst. */
const OBSERVE_EVERY_MS = 10;

interface Desk {
  core: Core;
  deskId: string;
  /** A reading connection of the bench's own to the desk's file, for the cursor. */
  reader: Database.Database;
  /** (time, pulled-through seq) each time the desk's cursor moved. */
  cursor: { at: number; through: number }[];
}

/**
 * P11a: desks in one process (each its own core and encrypted copy of the bench book, all joined to
 * one throwaway PostgreSQL, exchanging in the background as in the app) and a day's activities
 * committed at a steady rate, each on one desk (round robin) about a random customer. What is timed
 * is an activity's commit on its desk (its call returning) to the moment another desk's cursor
 * passes it (the pull that applies it commits the cursor in the same transaction), for every other
 * desk. In one process all desks share one thread, so a desk's pull can wait behind another's: the
 * figure is an upper bound on what desks on their own machines see.
 */
export async function benchTeamLatency(dir: string, size: BenchSize, plan: TeamLatencyPlan, book?: string): Promise<TeamLatencyFigures> {
  const { dbPath: bookPath, key } = await replayBook(book ?? join(dir, 'book'), size);
  const server = await startPostgres();
  const desks: Desk[] = [];
  let observer: ReturnType<typeof setInterval> | undefined;
  try {
    const database = await server.createDatabase('team_latency');
    for (let n = 0; n < plan.desks; n++) {
      const deskDir = join(dir, `desk-${n}`);
      mkdirSync(deskDir, { recursive: true });
      const dbPath = join(deskDir, 'inflow.db');
      copyFileSync(bookPath, dbPath);
      const core = openCore({ dbPath, key, clock: benchClock, sendMail: false, watchInbox: false });
      await core.call('settings.team.save', {
        host: server.host,
        port: server.port,
        database,
        user: server.user,
        password: server.password,
        collector: `Collector ${n + 1}`,
      });
      const { deskId } = await core.call('team.join', {});
      // A desk in use has its queue built: a first activity would otherwise build it, seconds on this book.
      await core.call('worklist.list', { asOf: BENCH_TODAY, limit: 100 });
      const reader = new Database(dbPath, { readonly: true });
      reader.pragma("cipher='sqlcipher'");
      reader.pragma('legacy=4');
      reader.pragma(`key="x'${key.toString('hex')}'"`);
      desks.push({ core, deskId: deskId!, reader, cursor: [] });
    }
    const customers = (desks[0]!.reader.prepare('SELECT id FROM customers').all() as { id: number }[]).map((row) => row.id);
    console.log(`P11a: ${plan.desks} desks joined over ${customers.length.toLocaleString('en-US')} customers`);
    if (plan.maxLoad !== null) await loadBelow(plan.maxLoad);
    const loadBefore = loadavg()[0]!;

    const cursorOf = desks.map((desk) => desk.reader.prepare('SELECT pulled_through AS through FROM team_state WHERE id = 1'));
    const observe = (): void => {
      const at = performance.now();
      desks.forEach((desk, i) => {
        const { through } = cursorOf[i]!.get() as { through: number };
        if (through !== desk.cursor.at(-1)?.through) desk.cursor.push({ at, through });
      });
    };
    observe();
    observer = setInterval(observe, OBSERVE_EVERY_MS);

    // The replay: activity i is due at i / perSecond s; a late one goes at once (the day catches up).
    const committed: { desk: number; activityId: number; at: number }[] = [];
    const calls: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < plan.activities; i++) {
      const due = start + (i * 1000) / plan.perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const desk = i % plan.desks;
      const customerId = customers[Math.floor(Math.random() * customers.length)]!;
      calls.push(
        desks[desk]!.core.call('activity.addNote', { customerId, text: `Bench note ${i}` }).then(({ activityId }) => {
          committed.push({ desk, activityId, at: performance.now() });
        }),
      );
    }
    await Promise.all(calls);

    // Each activity's server seq, once its desk pushed it: published under (desk, outbox id).
    const client = await server.connect(database);
    const outboxId = desks.map((desk) => desk.reader.prepare("SELECT id FROM sync_outbox WHERE entity = 'activity' AND entity_id = ? AND action = 'create'"));
    const keys = committed.map(({ desk, activityId }) => `${desks[desk]!.deskId} ${(outboxId[desk]!.get(String(activityId)) as { id: number }).id}`);
    let seqs: (number | undefined)[] = [];
    await within('every activity on the server', async () => {
      const { rows } = await client.query<{ desk_id: string; local_id: string; seq: string }>('SELECT desk_id, local_id, seq FROM team_changes');
      const seqOf = new Map(rows.map((row) => [`${row.desk_id} ${row.local_id}`, Number(row.seq)]));
      seqs = keys.map((key) => seqOf.get(key));
      return seqs.every((seq) => seq !== undefined);
    });
    const last = Math.max(...(seqs as number[]));
    await within('every desk past the last activity', () => desks.every((desk) => (desk.cursor.at(-1)?.through ?? 0) >= last));
    clearInterval(observer);
    const loadAfter = loadavg()[0]!;
    await client.end();

    const samples: number[] = [];
    committed.forEach(({ desk, at }, i) => {
      desks.forEach((other, j) => {
        if (j === desk) return;
        const seen = other.cursor.find((step) => step.through >= seqs[i]!)!;
        samples.push(Math.max(0, seen.at - at));
      });
    });
    return {
      ...plan,
      p50: percentile(samples, 0.5),
      p95: percentile(samples, 0.95),
      // Not Math.max(...samples): 190,000 arguments overflow the stack.
      max: samples.reduce((most, sample) => Math.max(most, sample), 0),
      samples: samples.length,
      loadBefore,
      loadAfter,
    };
  } finally {
    clearInterval(observer);
    for (const desk of desks) {
      desk.reader.close();
      await desk.core.close();
    }
    server.stop();
  }
}

/** Waits for `done`, or a generous minute. */
async function within(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  for (const deadline = performance.now() + 60_000; !(await done());) {
    if (performance.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The figure means something only on a machine not busy with others' work: it waits until the load falls. */
async function loadBelow(limit: number): Promise<void> {
  while (loadavg()[0]! >= limit) {
    console.log(`  load ${loadavg()[0]!.toFixed(1)}: waiting`);
    await new Promise((resolve) => setTimeout(resolve, 30_000));
  }
}
