import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { loadSample } from './load-sample';

export const sampleHandlers: Handlers<'sample.load'> = {
  'sample.load': ({ jobId }, ctx) =>
    ctx.jobs.run(jobId, async (job) => {
      job.progress('writing', 0, 3, 'Writing the sample company’s customers, invoices and payments');
      const summary = loadSample(ctx.database.sqlite, { anchor: todayOf(ctx), now: nowOf(ctx) });
      ctx.ledgerWritten(undefined, (step) =>
        job.progress(
          'writing',
          step === 'learning' ? 1 : 2,
          3,
          step === 'learning' ? 'Learning how each customer pays (the risk model)' : 'Ranking today’s worklist',
        ),
      );
      return summary;
    }),
};
