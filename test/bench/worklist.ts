import { performance } from 'node:perf_hooks';
import type { Core } from '../../electron/core';

/** Calls logged for P3b, each on a different customer from the top of the queue. */
const CALLS = 20;

/**
 * P3: the worklist on the bench ledger: the first page cold (facts + scores for everyone), warm,
 * and a logged call with its customer re-ranked: the median of 20 calls on 20 customers, beside the
 * process's first call, which also prepares the statements it runs.
 */
export async function benchWorklist(
  core: Core,
  time: (label: string, work: () => Promise<unknown>) => Promise<number>,
): Promise<{ cold: number; warm: number; afterCall: number; firstCall: number }> {
  const cold = await time('worklist first page, cold', () => core.call('worklist.list', { asOf: '2026-11-22', limit: 100 }));
  const warm = await time('worklist first page, warm', () => core.call('worklist.list', { asOf: '2026-11-22', limit: 100 }));
  const top = (await core.call('worklist.list', { asOf: '2026-11-22', limit: CALLS + 1 })).rows;
  const calls: number[] = [];
  for (const row of top) {
    const started = performance.now();
    await core.call('activity.logCall', { customerId: row.customerId, outcome: 'reached' });
    calls.push(performance.now() - started);
  }
  const [firstCall, ...rest] = calls;
  const afterCall = rest.sort((a, b) => a - b)[rest.length >> 1]!;
  console.log(`${`log a call + re-rank, median of ${rest.length}`.padEnd(36)} ${afterCall.toFixed(1).padStart(7)} ms (first call ${firstCall!.toFixed(1)} ms)`);
  return { cold, warm, afterCall, firstCall: firstCall! };
}
