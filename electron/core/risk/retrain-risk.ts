import type { IsoDate } from '../../../shared/dates';
import type { CustomerRisk, RiskTrainSummary } from '../../../shared/risk';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { customerRisk, owedInvoices, type OwedInvoice } from './customer-risk';
import { historyFacts } from './history-facts';
import { readRiskHistories } from './read-risk-history';
import type { CustomerHistory } from './risk-history';
import type { RiskFacts } from './risk-features';
import { trainingSet, trainRiskModel, type RiskModel } from './risk-model';
import { readLatestModel, replaceScores, saveRisk } from './risk-store';

/**
 * Trains on everything known today and re-scores every customer; run on demand and after a ledger
 * write the model has not seen the day of (see rescoreRisk), before the queue is rebuilt so it
 * ranks with fresh risk.
 */
export function retrainRisk(sqlite: SqliteDb, today: IsoDate, now: string): RiskTrainSummary | null {
  const histories = readRiskHistories(sqlite);
  // Each customer's facts are computed once, for training; of them scoring needs only its owed invoices'.
  const owed = new Map<number, OwedInvoice[]>();
  const factsOnce = (history: CustomerHistory): RiskFacts[] => {
    const facts = historyFacts(history);
    owed.set(history.customerId, owedInvoices(history, today, facts));
    return facts;
  };
  const model = trainRiskModel(trainingSet(histories, today, factsOnce), today);
  if (!model) return null;
  const customersScored = saveRisk(sqlite, model, now, scoreCustomers(sqlite, model, histories.values(), today, { owed }));
  return { trainedAt: now, asOf: today, nTrain: model.nTrain, lateShare: model.lateShare, customersScored };
}

/**
 * Between retrains: a write that touched a few customers (a sync page, a small import) re-scores
 * just them with the model trained earlier the same day. The weights a day's few new outcomes
 * would move are left for the next day's first write; a customer's own new facts (a payment, a
 * broken promise) count at once. Returns false, having done nothing, when no model is from today.
 */
export function rescoreRisk(sqlite: SqliteDb, today: IsoDate, customerIds: readonly number[]): boolean {
  const latest = readLatestModel(sqlite);
  if (!latest || latest.model.asOf !== today) return false;
  const histories = readRiskHistories(sqlite, customerIds);
  replaceScores(sqlite, latest.id, customerIds, scoreCustomers(sqlite, latest.model, histories.values(), today, { only: customerIds }));
  return true;
}

/**
 * Scores one customer at a time, as they are consumed. `owed`: the customers' owed invoices when
 * already found; `only`: the customers scored, when not everyone.
 */
function* scoreCustomers(
  sqlite: SqliteDb,
  model: RiskModel,
  histories: Iterable<CustomerHistory>,
  today: IsoDate,
  { owed, only }: { owed?: Map<number, OwedInvoice[]>; only?: readonly number[] },
): Generator<Omit<CustomerRisk, 'trainedAt'>> {
  const limits = new Map(
    (
      sqlite
        .prepare(`SELECT id, credit_limit_minor AS creditLimitMinor FROM customers ${only ? 'WHERE id IN (SELECT value FROM json_each(?))' : ''}`)
        .all(...(only ? [JSON.stringify(only)] : [])) as ColumnsRow<'customers', 'id' | 'credit_limit_minor'>[]
    ).map((row) => [row.id, row.creditLimitMinor]),
  );
  for (const history of histories) {
    const risk = customerRisk(model, history, today, { creditLimitMinor: limits.get(history.customerId) ?? null }, owed?.get(history.customerId));
    if (risk) yield risk;
  }
}
