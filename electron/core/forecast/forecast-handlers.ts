import type { IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { nowOf, todayOf, type CoreContext } from '../context';
import type { Handlers } from '../handler-types';
import { afterLedgerWrite } from '../ledger/after-ledger-write';
import { readRiskHistories } from '../risk/read-risk-history';
import { trainingExamples, trainRiskModel, type RiskModel } from '../risk/risk-model';
import { readLatestModel } from '../risk/risk-store';
import type { CustomerHistory } from '../risk/risk-history';
import { cashForecast } from './cash-forecast';
import { openItemsAt } from './forecast-items';
import { compareForecast, listForecastRuns, saveForecast } from './forecast-store';

export const forecastHandlers: Handlers<'forecast.run' | 'forecast.compare' | 'forecast.runs'> = {
  'forecast.run': ({ asOf }, ctx) => {
    const day = asOf ?? todayOf(ctx);
    const histories = readRiskHistories(ctx.database.sqlite);
    const { model, trainedAt } = modelFor(ctx, histories, day);
    const currencies = cashForecast(openItemsAt(histories.values(), model, day), day);
    return { runId: saveForecast(ctx.database.sqlite, day, nowOf(ctx), currencies), asOf: day, model: { asOf: model.asOf, trainedAt }, currencies };
  },
  'forecast.compare': (choice, ctx) => compareForecast(ctx.database.sqlite, todayOf(ctx), choice),
  'forecast.runs': (_input, ctx) => listForecastRuns(ctx.database.sqlite),
};

/**
 * The stored model, which the ledger writes and "risk train" keep fresh, so showing the chart never
 * retrains (the first ask on a book never trained trains and stores it once). A forecast for a day
 * before that model learned is a backtest: it learns from what was known then, and is not stored.
 */
function modelFor(ctx: CoreContext, histories: Map<number, CustomerHistory>, day: IsoDate): { model: RiskModel; trainedAt: string } {
  const tooFew = () => new AppError('CONFLICT', `Too few invoices with a known outcome by ${day} to forecast from.`);
  const stored = readLatestModel(ctx.database.sqlite) ?? (afterLedgerWrite(ctx) && readLatestModel(ctx.database.sqlite));
  if (!stored) throw tooFew();
  if (stored.model.asOf <= day) return stored;
  const model = trainRiskModel(trainingExamples(histories.values(), day), day);
  if (!model) throw tooFew();
  return { model, trainedAt: nowOf(ctx) };
}
