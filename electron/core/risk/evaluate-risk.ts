import { addDays, type IsoDate } from '../../../shared/dates';
import type { RiskEvaluation } from '../../../shared/risk';
import { accuracy, auc, brier } from './classification-metrics';
import { isLate, lateShare } from './risk-features';
import { LATE_GRACE_DAYS, type CustomerHistory } from './risk-history';
import { historyFacts } from './history-facts';
import { scoreFacts, trainingSet, trainRiskModel } from './risk-model';

/**
 * A time split: train on what was known at `asOf` (invoices paid by then, each with the facts of its
 * own issue date) and test on invoices issued after it whose outcome is known `today`: paid, or
 * still open past due (late for certain). Invoices closed without a payment have no outcome.
 */
export function evaluateRisk(histories: Map<number, CustomerHistory>, asOf: IsoDate, today: IsoDate): RiskEvaluation | null {
  const model = trainRiskModel(trainingSet(histories, asOf), asOf);
  if (!model) return null;
  const tests: { p: number; baseline: number; late: number }[] = [];
  const lateBy = addDays(today, -LATE_GRACE_DAYS);
  for (const history of histories.values()) {
    const facts = historyFacts(history);
    for (const [k, invoice] of history.invoices.entries()) {
      if (invoice.issueDate <= asOf) continue;
      let outcome: 0 | 1 | null = null;
      if (invoice.paidDate !== null && invoice.paidDate <= today) outcome = isLate(invoice) ? 1 : 0;
      else if (invoice.paidDate === null && invoice.openMinor > 0 && invoice.dueDate < lateBy) outcome = 1;
      if (outcome === null) continue;
      const scored = scoreFacts(model, facts[k]!);
      tests.push({ p: scored.pLate, baseline: lateShare(scored.facts), late: outcome });
    }
  }
  const labels = tests.map((t) => t.late);
  const probabilities = tests.map((t) => t.p);
  return {
    auc: auc(probabilities, labels),
    accuracy: accuracy(probabilities, labels),
    brier: brier(probabilities, labels),
    baselineAuc: auc(
      tests.map((t) => t.baseline),
      labels,
    ),
    nTrain: model.nTrain,
    nTest: tests.length,
  };
}
