import { performance } from 'node:perf_hooks';
import type { Core } from '../../electron/core';
import { addDays } from '../../shared/dates';
import { BENCH_TODAY } from './dataset';

/**
 * P8 (issue 21): history on the bench book. The worklist's first page as of a day six months back
 * (the whole past queue built from the book as it stood then), beside today's first page built cold
 * in the same process; and a year's backtest of the standard ladder, day by day, with the number of
 * days it replayed per second of progress it reported.
 */
export async function benchReplay(
  core: Core,
  time: (label: string, work: () => Promise<unknown>) => Promise<number>,
): Promise<{
  todayCold: number;
  asOfFirstPage: number;
  asOfRows: number;
  backtest: number;
  backtestCpu: number;
  backtestDays: number;
  messages: number;
  progressEvents: number;
}> {
  const asOf = addDays(BENCH_TODAY, -183);
  const todayCold = await time('worklist first page today, cold', () => core.call('worklist.list', { limit: 100 }));
  let asOfRows = 0;
  const asOfFirstPage = await time(`worklist first page as of ${asOf}`, async () => {
    asOfRows = (await core.call('worklist.list', { asOf, limit: 100 })).total;
  });
  const from = addDays(BENCH_TODAY, -366);
  const to = addDays(BENCH_TODAY, -1);
  let messages = 0;
  let progressEvents = 0;
  const stop = core.onEvent((event) => {
    if (event.type === 'job.progress' && event.jobId === 'bench-backtest') progressEvents++;
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const backtest = await time(`backtest ${from} to ${to}, standard ladder`, async () => {
    const report = await core.call('replay.backtest', { jobId: 'bench-backtest', from, to, policy: 'standard' });
    messages = Object.values(report.policies[0]!.messages).reduce((a, b) => a + b, 0);
  });
  stop();
  // CPU time beside wall time: on a shared machine the wall clock also counts other people's work.
  const used = process.cpuUsage(cpu);
  console.log(
    `  ${messages.toLocaleString('en-US')} messages and tasks, ${progressEvents} progress events in ${((performance.now() - started) / 1000).toFixed(1)} s (${((used.user + used.system) / 1e6).toFixed(1)} s of CPU)`,
  );
  if (progressEvents === 0) throw new Error('the backtest reported no progress');
  return { todayCold, asOfFirstPage, asOfRows, backtest, backtestCpu: (used.user + used.system) / 1000, backtestDays: 366, messages, progressEvents };
}
