import type { RiskTrainSummary } from '../../../shared/risk';
import { nowOf, todayOf, type CoreContext } from '../context';
import { noteLedgerFollowedUp } from '../ledger/follow-up';
import { rescoreRisk, retrainRisk } from '../risk/retrain-risk';

/**
 * Past this many touched customers a write counts as a big one (an import, a first sync): the model
 * learns from it at once, and the queue is rebuilt rather than re-ranked a customer at a time.
 */
const REFRESH_EACH_UP_TO = 500;

/**
 * What follows every committed ledger write (an import, a sync, the sample) and an asked-for
 * retrain: the risk model learns from the new outcomes, then the queue is rebuilt so it ranks with
 * the fresh risk. A write that names the few customers it touched, on a day the model was already
 * trained, re-scores and re-ranks just them: a sync every few minutes must not retrain a
 * million-invoice book each time. Returns the training summary, or null when nothing was trained.
 * The core wires it in as `ctx.ledgerWritten`, so the folders that write (import, sync, sample) and
 * those below the queue call it without importing risk or the worklist.
 */
export function afterLedgerWrite(ctx: CoreContext, touched?: ReadonlySet<number>, onStep?: (step: 'learning' | 'ranking') => void): RiskTrainSummary | null {
  const today = todayOf(ctx);
  if (touched && touched.size <= REFRESH_EACH_UP_TO && rescoreRisk(ctx.database.sqlite, today, [...touched])) {
    noteLedgerFollowedUp(ctx.database.sqlite, touched);
    for (const customerId of touched) ctx.worklist.markStale(customerId);
    // Re-ranked now, so the tray's count follows the write rather than the next look at the queue.
    ctx.worklist.ranked(today);
    return null;
  }
  onStep?.('learning');
  const summary = retrainRisk(ctx.database.sqlite, today, nowOf(ctx));
  // Learned from the whole ledger as it is now: whatever was written before is followed up.
  noteLedgerFollowedUp(ctx.database.sqlite);
  onStep?.('ranking');
  ctx.worklist.rebuild(today);
  return summary;
}
