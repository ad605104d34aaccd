import type { IsoDate } from '../../../shared/dates';
import type { RiskTrainSummary } from '../../../shared/risk';
import type { SqliteDb } from '../../db/sqlite';
import { customerRisk } from './customer-risk';
import { historyFacts } from './history-facts';
import { readRiskHistories } from './read-risk-history';
import { trainingExamples, trainRiskModel } from './risk-model';
import { saveRisk } from './risk-store';

/**
 * Trains on everything known today and re-scores every customer; run on demand and after every
 * ledger write (an import, the sample), before the queue is rebuilt so it ranks with fresh risk.
 */
export function retrainRisk(sqlite: SqliteDb, today: IsoDate, now: string): RiskTrainSummary | null {
  const histories = readRiskHistories(sqlite);
  // Each customer's facts once: training and scoring read the same ones.
  const facts = new Map([...histories.values()].map((history) => [history.customerId, historyFacts(history)]));
  const model = trainRiskModel(trainingExamples(histories.values(), today, (history) => facts.get(history.customerId)!), today);
  if (!model) return null;
  const limits = new Map((sqlite.prepare('SELECT id, credit_limit_minor AS creditLimitMinor FROM customers').all() as { id: number; creditLimitMinor: number | null }[])
    .map((row) => [row.id, row.creditLimitMinor]));
  const scores = [...histories.values()].flatMap((history) => {
    const risk = customerRisk(model, history, today, { creditLimitMinor: limits.get(history.customerId) ?? null }, facts.get(history.customerId));
    return risk ? [risk] : [];
  });
  saveRisk(sqlite, model, now, scores);
  return { trainedAt: now, asOf: today, nTrain: model.nTrain, lateShare: model.lateShare, customersScored: scores.length };
}
