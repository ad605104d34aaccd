/**
 * P11b on a smaller book, to time a new team desk's join phase by phase (wall and CPU time of this
 * process and of PostgreSQL at each progress step). The book (the bench's dataset, 20 invoices a
 * customer) is imported into dir once and reused; the bench itself copies it and never writes it.
 * With a profile path, the join alone (not the leader's part) is profiled into it (.cpuprofile).
 *   ./node_modules/.bin/tsx test/bench/profile-team-join.ts [invoices=100000] [dir] [profile]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchTeamJoin } from './team-join';

const invoices = Number(process.argv[2] ?? 100_000);
const dir = process.argv[3] ?? join(tmpdir(), `inflow-profile-join-${invoices}`);
const profile = process.argv[4];

const session = new Session();
const around = async (phase: 'start' | 'stop'): Promise<void> => {
  if (!profile) return;
  if (phase === 'start') {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    return;
  }
  const { profile: taken } = await session.post('Profiler.stop');
  writeFileSync(profile, JSON.stringify(taken));
  session.disconnect();
};

const joined = await benchTeamJoin(dir, { customers: Math.max(1, Math.round(invoices / 20)), invoices }, around);
console.log(
  `join: ${Math.round(joined.joinMs)} ms wall, ${Math.round(joined.joinCpuMs)} ms CPU, PostgreSQL ${Math.round(joined.serverCpuMs ?? Number.NaN)} ms CPU; the leader's join and snapshot ${Math.round(joined.publishMs)} ms`,
);
