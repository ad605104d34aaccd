import type { Handlers } from '../handler-types';
import { getSetting } from '../settings';
import { agingReport } from './aging-query';

export const ledgerHandlers: Handlers<'aging.report' | 'customers.list'> = {
  'aging.report': ({ asOf }, ctx) => agingReport(ctx.database.sqlite, asOf, getSetting(ctx.database.sqlite, 'agingEdges')),
  'customers.list': async ({ asOf }, ctx) => {
    const rows = await ctx.database.db
      .selectFrom('customers as c')
      .leftJoin('invoices as i', (join) => join.onRef('i.customer_id', '=', 'c.id').on('i.status', '=', 'open'))
      .select((eb) => [
        'c.id as id',
        'c.external_id as externalId',
        'c.name as name',
        'c.currency as currency',
        eb.fn.count<number>('i.id').as('openInvoices'),
        eb.fn.coalesce(eb.fn.sum<number>('i.open_minor'), eb.lit(0)).as('openMinor'),
        eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('i.due_date', '<', asOf).then(eb.ref('i.open_minor')).else(0).end()), eb.lit(0)).as('overdueMinor'),
      ])
      .groupBy('c.id')
      .orderBy('overdueMinor', 'desc')
      .orderBy('c.name')
      .execute();
    return rows.map((r) => ({ ...r, openInvoices: Number(r.openInvoices), openMinor: Number(r.openMinor), overdueMinor: Number(r.overdueMinor) }));
  },
};
