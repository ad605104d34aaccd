import type { Handlers } from '../handler-types';
import { getSetting } from '../settings';
import { agingReport } from './aging-query';

export const ledgerHandlers: Handlers<'aging.report'> = {
  'aging.report': ({ asOf }, ctx) => agingReport(ctx.database.sqlite, asOf, getSetting(ctx.database.sqlite, 'agingEdges')),
};
