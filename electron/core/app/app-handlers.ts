import packageJson from '../../../package.json';
import type { Handlers } from '../handler-types';
import { getSetting, setSetting } from '../settings';
import { nowOf } from '../context';


export const appHandlers: Handlers<'app.status' | 'settings.setAgingEdges'> = {
  'app.status': async (_input, ctx) => {
    const { db, sqlite } = ctx.database;
    const counts = await db
      .selectFrom('invoices')
      .select((eb) => [eb.fn.countAll<number>().as('invoices'), eb.fn.sum<number>(eb.case().when('status', '=', 'open').then(1).else(0).end()).as('open')])
      .executeTakeFirstOrThrow();
    const customers = await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const currencies = await db.selectFrom('invoices').select('currency').distinct().orderBy('currency').execute();
    return {
      version: packageJson.version,
      hasData: Number(customers.n) > 0,
      customers: Number(customers.n),
      invoices: Number(counts.invoices),
      openInvoices: Number(counts.open ?? 0),
      currencies: currencies.map((c) => c.currency),
      baseCurrency: getSetting(sqlite, 'baseCurrency'),
      agingEdges: getSetting(sqlite, 'agingEdges'),
    };
  },
  'settings.setAgingEdges': ({ edges }, ctx) => {
    setSetting(ctx.database.sqlite, 'agingEdges', edges, nowOf(ctx));
    return { edges };
  },
};
