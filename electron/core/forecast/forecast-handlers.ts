import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { agingReport } from '../ledger/aging-query';
import { getSetting } from '../settings';
import { cashForecast } from './cash-forecast';
import { forecastItems } from './forecast-inputs';
import { compareForecast, listForecastRuns, saveForecast } from './forecast-store';

export const forecastHandlers: Handlers<'forecast.run' | 'forecast.compare' | 'forecast.runs'> = {
  'forecast.run': ({ asOf }, ctx) => {
    const day = asOf ?? todayOf(ctx);
    const { items, model, trainedAt } = forecastItems(ctx, day);
    const credits = agingReport(ctx.database.sqlite, day, getSetting(ctx.database.sqlite, 'agingEdges')).totals;
    const currencies = cashForecast(items, day).map((c) => ({ ...c, creditsMinor: credits[c.currency]?.credits ?? 0 }));
    return { runId: saveForecast(ctx.database.sqlite, day, nowOf(ctx), currencies), asOf: day, model: { asOf: model.asOf, trainedAt }, currencies };
  },
  'forecast.compare': (choice, ctx) => compareForecast(ctx.database.sqlite, todayOf(ctx), choice),
  'forecast.runs': (_input, ctx) => listForecastRuns(ctx.database.sqlite),
};
