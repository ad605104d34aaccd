import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore, type Core } from '../../electron/core';
import { postgresCpuMs } from './process-cpu';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';
import { type BenchSize } from './dataset';
import { benchClock, replayBook } from './replay-book';

export interface JoinFigures {
  invoices: number;
  /** The leader's join and its first snapshot of the book. */
  publishMs: number;
  /** A fresh desk's `team.join`: the snapshot downloaded and loaded, the tail applied, the queue built. */
  joinMs: number;
  /** Each progress step the joining desk reported, with the wall and CPU time (this process's) since the join began. */
  steps: { step: string; atMs: number; cpuMs: number }[];
  /** This process's CPU time over the whole join, and the PostgreSQL cluster's (null where it cannot be read). */
  joinCpuMs: number;
  serverCpuMs: number | null;
  /** Activities published after the snapshot: the tail the new desk pulls. */
  tail: number;
}

const TAIL_ACTIVITIES = 200;

const seconds = (ms: number | null): string => (ms === null ? '?' : (ms / 1000).toFixed(1)).padStart(6);

/**
 * P11b: a leader desk holding the bench's book (imported once into `bookDir`, reused after; copied
 * here so the kept book is never written) joins a fresh PostgreSQL and publishes its snapshot, then
 * logs some calls after it; then a desk with no book joins, and the
 * time to a usable desk is measured with its progress steps. `around` hears the join's start and
 * end (a profiler: profile-team-join.ts).
 */
export async function benchTeamJoin(bookDir: string, size: BenchSize, around?: (phase: 'start' | 'stop') => Promise<void>): Promise<JoinFigures> {
  const book = await replayBook(bookDir, size);
  const dir = mkdtempSync(join(tmpdir(), 'inflow-bench-join-'));
  const server = await startPostgres();
  let leader: Core | null = null;
  let joiner: Core | null = null;
  try {
    const database = await server.createDatabase('bench_join');
    copyFileSync(book.dbPath, join(dir, 'leader.db'));
    leader = openCore({ dbPath: join(dir, 'leader.db'), key: book.key, clock: benchClock, sendMail: false, scheduleSync: false, watchInbox: false });
    await saveTeam(leader, server, database, 'Maya');
    // An ERP connection makes it stand for the sync lease, and so keep the team's snapshot.
    await leader.call('sync.connection.save', { connector: 'folder', folder: dir, mapping: 'generic-invoices', intervalMinutes: 0 });
    const publishStart = performance.now();
    await leader.call('team.join', {});
    const publishMs = performance.now() - publishStart;
    console.log(`leader joined and published its snapshot: ${publishMs.toFixed(0)} ms`);
    const page = await leader.call('worklist.list', { limit: TAIL_ACTIVITIES });
    for (const row of page.rows) {
      await leader.call('activity.logCall', { customerId: row.customerId, outcome: 'reached', notes: 'Asked for the remittance' });
    }
    await leader.call('team.sync', {});

    joiner = openCore({ dbPath: join(dir, 'joiner.db'), key: book.key, clock: benchClock, sendMail: false, scheduleSync: false, watchInbox: false });
    await saveTeam(joiner, server, database, 'Sam');
    const steps: JoinFigures['steps'] = [];
    await around?.('start');
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const cpuMs = (): number => {
      const { user, system } = process.cpuUsage(cpuStart);
      return (user + system) / 1000;
    };
    const serverStart = postgresCpuMs(server.port);
    const serverCpuMs = (): number | null => {
      const now = postgresCpuMs(server.port);
      return now === null || serverStart === null ? null : now - serverStart;
    };
    const jobId = 'bench-team-join';
    const stop = joiner.onEvent((event) => {
      if (event.type !== 'job.progress' || event.jobId !== jobId || !event.step) return;
      const atMs = performance.now() - start;
      if (steps.at(-1)?.step !== event.step) {
        const cpu = cpuMs();
        steps.push({ step: event.step, atMs, cpuMs: cpu });
        console.log(`  ${seconds(atMs)} s  ${seconds(cpu)} s CPU  ${seconds(serverCpuMs())} s server  ${event.step} (${event.done}/${event.total})`);
      }
    });
    await joiner.call('team.join', { jobId });
    const joinMs = performance.now() - start;
    const joinCpuMs = cpuMs();
    const serverCpu = serverCpuMs();
    await around?.('stop');
    stop();
    console.log(`  ${seconds(joinMs)} s  ${seconds(joinCpuMs)} s CPU  ${seconds(serverCpu)} s server  joined`);
    return { invoices: size.invoices, publishMs, joinMs, joinCpuMs, serverCpuMs: serverCpu, steps, tail: page.rows.length };
  } finally {
    await joiner?.close();
    await leader?.close();
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function saveTeam(core: Core, server: PostgresServer, database: string, collector: string): Promise<void> {
  await core.call('settings.team.save', { host: server.host, port: server.port, database, user: server.user, password: server.password, collector });
}
