import { todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { runBacktest } from './backtest';

export const replayHandlers: Handlers<'replay.backtest'> = {
  'replay.backtest': ({ jobId, from, to, policy, compare }, ctx) =>
    ctx.jobs.run(jobId, (job) => {
      const choices = compare === undefined ? [policy] : [policy, compare];
      return runBacktest(ctx.database.sqlite, { from, to, choices }, todayOf(ctx), (done, total) => job.progress('replaying', done, total), job.signal);
    }),
};
