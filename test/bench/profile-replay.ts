/**
 * P8 on a smaller book, to profile history on its own: the as-of worklist's first page (six months
 * back) and a backtest of the standard ladder, beside today's first page. The book (the bench's
 * dataset, 20 invoices a customer) is imported into dir once and reused.
 *   ./node_modules/.bin/tsx test/bench/profile-replay.ts [invoices=200000] [backtestDays=366] [dir]
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof test/bench/profile-replay.ts 200000 120
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../../electron/core';
import { addDays } from '../../shared/dates';
import { BENCH_TODAY } from './dataset';
import { benchClock as clock, replayBook } from './replay-book';

const invoices = Number(process.argv[2] ?? 200_000);
const backtestDays = Number(process.argv[3] ?? 366);
const dir = process.argv[4] ?? join(tmpdir(), `inflow-profile-replay-${invoices}`);

const cpuMs = (since: NodeJS.CpuUsage): number => Math.round((process.cpuUsage(since).user + process.cpuUsage(since).system) / 1000);

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  console.log(`${label}: ${Math.round(performance.now() - started)} ms wall, ${cpuMs(cpu)} ms CPU`);
  return result;
}

const { dbPath, key } = await replayBook(dir, { customers: Math.max(1, Math.round(invoices / 20)), invoices });
const core = openCore({ dbPath, key, clock });
await timed('today first page, cold', () => core.call('worklist.list', { limit: 100 }));
const asOf = addDays(BENCH_TODAY, -183);
const page = await timed(`as of ${asOf} first page`, () => core.call('worklist.list', { asOf, limit: 100 }));
console.log(
  `  ${page.total} rows; top ${page.rows
    .slice(0, 3)
    .map((r) => `${r.externalId}:${r.score}`)
    .join(' ')}`,
);
const from = addDays(BENCH_TODAY, -backtestDays);
// Repeated (REPEAT=n): on a shared machine the least CPU time of a few runs is the steadiest figure.
let report = await timed(`backtest ${from}..${addDays(BENCH_TODAY, -1)}`, () =>
  core.call('replay.backtest', { from, to: addDays(BENCH_TODAY, -1), policy: 'standard' }),
);
for (let run = 1; run < Number(process.env.REPEAT ?? 1); run++)
  report = await timed('  again', () => core.call('replay.backtest', { from, to: addDays(BENCH_TODAY, -1), policy: 'standard' }));
console.log(
  `  ${JSON.stringify({ messages: report.policies[0]!.messages, wasted: report.policies[0]!.wastedReminders, untouched: report.policies[0]!.untouchedLate, dso: report.policies[0]!.dsoEffect.days })}`,
);
await core.close();
