import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { getSetting, setSetting } from '../settings';
import { setPostalAddress } from './postal-address';
import { statementBundle } from './statement-bundle';
import { statementDocument } from './statements';

export const documentsHandlers: Handlers<'documents.statement' | 'documents.statements' | 'documents.company' | 'documents.saveCompany' | 'customer.setPostalAddress'> = {
  'documents.statement': ({ customerId, kind, asOf, from }, ctx) => statementDocument(ctx.database.sqlite, { customerId, kind, asOf: asOf ?? todayOf(ctx), from }),
  'documents.statements': ({ customerIds, kind, asOf, jobId }, ctx) =>
    ctx.jobs.run(jobId, (job) => statementBundle(ctx.database.sqlite, customerIds, kind, asOf ?? todayOf(ctx), job)),
  'documents.company': (_input, ctx) => getSetting(ctx.database.sqlite, 'companyProfile'),
  'documents.saveCompany': (profile, ctx) => {
    setSetting(ctx.database.sqlite, 'companyProfile', profile, nowOf(ctx));
    return getSetting(ctx.database.sqlite, 'companyProfile');
  },
  'customer.setPostalAddress': ({ customerId, lines }, ctx) => {
    setPostalAddress(ctx.database.sqlite, customerId, lines, nowOf(ctx));
    return { customerId, lines };
  },
};
