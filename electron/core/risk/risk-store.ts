import type { CreditAdvice, CustomerRisk, RiskSegment } from '../../../shared/risk';
import type { SqliteDb } from '../../db/sqlite';
import type { RiskModel } from './risk-model';

type Score = Omit<CustomerRisk, 'trainedAt'>;

/**
 * Replaces every customer's score with a new model's, in one transaction with the model itself.
 * Scores may be computed as they are written, so fifty thousand never wait in memory; returns how many.
 */
export function saveRisk(sqlite: SqliteDb, model: RiskModel, trainedAt: string, scores: Iterable<Score>): number {
  return sqlite.transaction(() => {
    const modelId = Number(
      sqlite
        .prepare('INSERT INTO risk_models (trained_at, as_of, n_train, model) VALUES (?, ?, ?, ?)')
        .run(trainedAt, model.asOf, model.nTrain, JSON.stringify(model)).lastInsertRowid,
    );
    sqlite.prepare('DELETE FROM customer_risk').run();
    return insertScores(sqlite, modelId, scores);
  })();
}

/** Replaces the given customers' scores (one with none now, e.g. no invoices left, loses its row). */
export function replaceScores(sqlite: SqliteDb, modelId: number, customerIds: readonly number[], scores: Iterable<Score>): void {
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM customer_risk WHERE customer_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(customerIds));
    insertScores(sqlite, modelId, scores);
  })();
}

function insertScores(sqlite: SqliteDb, modelId: number, scores: Iterable<Score>): number {
  const insert = sqlite.prepare(`INSERT INTO customer_risk (customer_id, model_id, p_late, expected_days_late, segment, reasons, advice)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  let count = 0;
  for (const s of scores) {
    insert.run(s.customerId, modelId, s.pLate, s.expectedDaysLate, s.segment, JSON.stringify(s.reasons), JSON.stringify(s.advice));
    count++;
  }
  return count;
}

/** The latest stored model (what `retrainRisk` saved), or null before the first training. */
export function readLatestModel(sqlite: SqliteDb): { id: number; model: RiskModel; trainedAt: string } | null {
  const row = sqlite.prepare('SELECT id, trained_at AS trainedAt, model FROM risk_models ORDER BY id DESC LIMIT 1').get() as
    { id: number; trainedAt: string; model: string } | undefined;
  return row ? { id: row.id, model: JSON.parse(row.model) as RiskModel, trainedAt: row.trainedAt } : null;
}

/** The latest model's view of one customer, or null when it has none (no model yet, or no invoices). */
export function readCustomerRisk(sqlite: SqliteDb, customerId: number): CustomerRisk | null {
  const row = sqlite
    .prepare(
      `
    SELECT r.customer_id AS customerId, r.p_late AS pLate, r.expected_days_late AS expectedDaysLate, r.segment, r.reasons, r.advice, m.trained_at AS trainedAt
    FROM customer_risk r JOIN risk_models m ON m.id = r.model_id WHERE r.customer_id = ?`,
    )
    .get(customerId) as (Omit<CustomerRisk, 'reasons' | 'advice' | 'segment'> & { segment: RiskSegment; reasons: string; advice: string }) | undefined;
  if (!row) return null;
  return { ...row, reasons: JSON.parse(row.reasons) as string[], advice: JSON.parse(row.advice) as CreditAdvice[] };
}

/** Every scored customer's P(late) and segment: what the queue and the distribution chart read. */
export function readRiskScores(sqlite: SqliteDb, customerId?: number): { customerId: number; pLate: number; segment: RiskSegment }[] {
  const only = customerId === undefined ? '' : 'WHERE customer_id = @customerId';
  return sqlite.prepare(`SELECT customer_id AS customerId, p_late AS pLate, segment FROM customer_risk ${only}`).all({ customerId: customerId ?? null }) as {
    customerId: number;
    pLate: number;
    segment: RiskSegment;
  }[];
}
