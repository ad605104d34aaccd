import { AppError } from '../../../shared/errors';
import { nowOf, todayOf } from '../context';
import type { Handlers } from '../handler-types';
import { readRiskHistories } from '../risk/read-risk-history';
import { trainingExamples, trainRiskModel } from '../risk/risk-model';
import { cashForecast } from './cash-forecast';
import { openItemsAt } from './forecast-items';
import { compareForecast, saveForecast } from './forecast-store';

export const forecastHandlers: Handlers<'forecast.run' | 'forecast.compare'> = {
  /** Learns from what was known at the as-of date, so a forecast for a past date is an honest backtest. */
  'forecast.run': ({ asOf }, ctx) => {
    const day = asOf ?? todayOf(ctx);
    const histories = readRiskHistories(ctx.database.sqlite);
    const model = trainRiskModel(trainingExamples(histories.values(), day), day);
    if (!model) throw new AppError('CONFLICT', `Too few invoices with a known outcome by ${day} to forecast from.`);
    const currencies = cashForecast(openItemsAt(histories.values(), model, day), day);
    return { runId: saveForecast(ctx.database.sqlite, day, nowOf(ctx), currencies), asOf: day, currencies };
  },
  'forecast.compare': ({ runId }, ctx) => compareForecast(ctx.database.sqlite, todayOf(ctx), runId),
};
