import packageJson from '../../../package.json' with { type: 'json' };
import type { Handlers } from '../handler-types';
import { getSetting, setSetting } from '../settings';
import { AppError } from '../../../shared/errors';
import { isCurrencyCode } from '../../../shared/money';
import { nowOf, todayOf } from '../context';
import { deleteRate, fxRatesView, saveRates } from '../worklist/exchange-rates';

export const appHandlers: Handlers<'app.status' | 'settings.setAgingEdges' | 'settings.setFxRates' | 'settings.fxRates.list' | 'settings.fxRates.delete'> = {
  'app.status': async (_input, ctx) => {
    const { db, sqlite } = ctx.database;
    const counts = await db
      .selectFrom('invoices')
      .select((eb) => [eb.fn.countAll<number>().as('invoices'), eb.fn.sum<number>(eb.case().when('status', '=', 'open').then(1).else(0).end()).as('open')])
      .executeTakeFirstOrThrow();
    const customers = await db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
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
  /** Rates rank customers owing in different currencies against each other, so the queue is rebuilt. */
  'settings.setFxRates': ({ baseCurrency, date, rates }, ctx) => {
    for (const code of [baseCurrency, ...Object.keys(rates)]) {
      if (!isCurrencyCode(code)) throw new AppError('INVALID_INPUT', `"${code}" is not a currency code.`, { field: code });
    }
    // The base currency is 1 by definition; a stored rate for it would only contradict that.
    const others = Object.fromEntries(Object.entries(rates).filter(([code]) => code !== baseCurrency));
    const { sqlite } = ctx.database;
    sqlite.transaction(() => {
      setSetting(sqlite, 'baseCurrency', baseCurrency, nowOf(ctx));
      saveRates(sqlite, baseCurrency, date ?? todayOf(ctx), others, nowOf(ctx));
    })();
    ctx.worklist.rebuild(todayOf(ctx));
    return fxRatesView(sqlite, baseCurrency, todayOf(ctx));
  },
  'settings.fxRates.list': (_input, ctx) => fxRatesView(ctx.database.sqlite, getSetting(ctx.database.sqlite, 'baseCurrency'), todayOf(ctx)),
  'settings.fxRates.delete': ({ currency, date }, ctx) => {
    const { sqlite } = ctx.database;
    const base = getSetting(sqlite, 'baseCurrency');
    if (!deleteRate(sqlite, base, currency, date, nowOf(ctx))) throw new AppError('NOT_FOUND', `No ${currency} rate dated ${date} is kept.`);
    ctx.worklist.rebuild(todayOf(ctx));
    return fxRatesView(sqlite, base, todayOf(ctx));
  },
};
