import { nowOf, todayOf, type CoreContext } from '../context';
import { retrainRisk } from '../risk/retrain-risk';

/**
 * What follows every committed ledger write (an import, the sample): the risk model learns from the
 * new outcomes, then the queue is rebuilt so it ranks with the fresh risk.
 */
export function afterLedgerWrite(ctx: CoreContext): void {
  retrainRisk(ctx.database.sqlite, todayOf(ctx), nowOf(ctx));
  ctx.worklist.rebuild(todayOf(ctx));
}
