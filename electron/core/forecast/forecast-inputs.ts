import type { IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { nowOf, type CoreContext } from '../context';
import { readRiskHistories } from '../risk/read-risk-history';
import { trainingSet, trainRiskModel, type RiskModel } from '../risk/risk-model';
import { readLatestModel } from '../risk/risk-store';
import type { OpenItem } from './cash-forecast';
import { openItemsAt } from './forecast-items';

/**
 * The open invoices at `day` with their predicted pay days, from the stored model, which the ledger
 * writes and "risk train" keep fresh, so showing the chart never retrains (the first ask on a book
 * never trained trains and stores it once). A day before that model learned is a backtest: a model
 * is learned from what was known then, and not stored.
 */
export function forecastItems(ctx: CoreContext, day: IsoDate): { items: OpenItem[]; model: RiskModel; trainedAt: string } {
  const tooFew = () => new AppError('CONFLICT', `Too few invoices with a known outcome by ${day} to forecast from.`);
  const histories = readRiskHistories(ctx.database.sqlite);
  const stored = readLatestModel(ctx.database.sqlite) ?? (ctx.ledgerWritten() && readLatestModel(ctx.database.sqlite));
  if (!stored) throw tooFew();
  let { model, trainedAt } = stored;
  if (model.asOf > day) {
    const backtest = trainRiskModel(trainingSet(histories, day), day);
    if (!backtest) throw tooFew();
    model = backtest;
    trainedAt = nowOf(ctx);
  }
  return { items: openItemsAt(histories.values(), model, day), model, trainedAt };
}
