import type { RiskTrainSummary } from '../../../shared/risk';
import { nowOf, todayOf, type CoreContext } from '../context';
import { retrainRisk } from '../risk/retrain-risk';

/**
 * What follows every committed ledger write (an import, a sync, the sample) and an asked-for
 * retrain: the risk model learns from the new outcomes, then the queue is rebuilt so it ranks with
 * the fresh risk.
 */
export function afterLedgerWrite(ctx: CoreContext): RiskTrainSummary | null {
  const summary = retrainRisk(ctx.database.sqlite, todayOf(ctx), nowOf(ctx));
  ctx.worklist.rebuild(todayOf(ctx));
  return summary;
}
