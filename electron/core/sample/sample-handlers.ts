import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { afterLedgerWrite } from '../ledger/after-ledger-write';
import { loadSample } from './load-sample';

export const sampleHandlers: Handlers<'sample.load'> = {
  'sample.load': ({ jobId }, ctx) =>
    ctx.jobs.run(jobId, async (job) => {
      job.progress('writing', 0, 1);
      const summary = loadSample(ctx.database.sqlite, { anchor: todayOf(ctx), now: nowOf(ctx) });
      afterLedgerWrite(ctx);
      return summary;
    }),
};
