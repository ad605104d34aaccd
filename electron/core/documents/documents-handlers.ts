import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting, setSetting } from '../settings';
import { completeLadderTask } from '../ladder/ladder-tasks';
import { lettersPdf } from './letters';
import { letterDay } from './letters-due';
import { setPostalAddress } from './postal-address';
import { statementBundle } from './statement-bundle';
import { statementDocument } from './statements';

export const documentsHandlers: Handlers<
  | 'documents.statement'
  | 'documents.statements'
  | 'documents.company'
  | 'documents.saveCompany'
  | 'customer.setPostalAddress'
  | 'documents.letters'
  | 'documents.lettersPdf'
  | 'documents.lettersPosted'
> = {
  'documents.statement': ({ customerId, kind, asOf, from }, ctx) =>
    statementDocument(ctx.database.sqlite, { customerId, kind, asOf: asOf ?? todayOf(ctx), from }),
  'documents.statements': ({ customerIds, kind, asOf, jobId }, ctx) =>
    ctx.jobs.run(jobId, (job) => statementBundle(ctx.database.sqlite, customerIds, kind, asOf ?? todayOf(ctx), job)),
  'documents.company': (_input, ctx) => getSetting(ctx.database.sqlite, 'companyProfile'),
  'documents.saveCompany': (profile, ctx) => {
    setSetting(ctx.database.sqlite, 'companyProfile', profile, nowOf(ctx));
    return getSetting(ctx.database.sqlite, 'companyProfile');
  },
  'documents.letters': (_input, ctx) => letterDay(ctx.database.sqlite, todayOf(ctx)),
  'documents.lettersPdf': ({ customerIds }, ctx) => lettersPdf(ctx.database.sqlite, todayOf(ctx), customerIds),
  /**
   * The printed letters went in the post: each one's ladder step is taken, as "t" on the worklist
   * does it. The guard looks once more: a letter held since it was printed is not marked, and is
   * returned with why, so it can be taken out of the envelope.
   */
  'documents.lettersPosted': ({ customerIds }, ctx) => {
    const { letters, held } = letterDay(ctx.database.sqlite, todayOf(ctx), customerIds);
    const posted = letters.map((letter) => ({
      customerId: letter.customerId,
      ...completeLadderTask(ctx, { customerId: letter.customerId, channel: letter.channel, note: 'Printed from "today\'s letters"' }),
    }));
    return { posted, held };
  },
  'customer.setPostalAddress': ({ customerId, lines }, ctx) => {
    setPostalAddress(ctx.database.sqlite, customerId, lines, nowOf(ctx));
    return { customerId, lines };
  },
};
