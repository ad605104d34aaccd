import { performance } from 'node:perf_hooks';
import type { Core } from '../../electron/core';

/** P3: the worklist on the bench ledger: the first page cold (facts + scores for everyone), warm, and after one logged call. */
export async function benchWorklist(core: Core, time: (label: string, work: () => Promise<unknown>) => Promise<number>): Promise<{ cold: number; warm: number; afterCall: number }> {
  const cold = await time('worklist first page, cold', () => core.call('worklist.list', { asOf: '2026-11-22', limit: 100 }));
  const warm = await time('worklist first page, warm', () => core.call('worklist.list', { asOf: '2026-11-22', limit: 100 }));
  const first = (await core.call('worklist.list', { asOf: '2026-11-22', limit: 1 })).rows[0]!;
  const started = performance.now();
  await core.call('activity.logCall', { customerId: first.customerId, outcome: 'reached' });
  const afterCall = performance.now() - started;
  console.log(`${'log a call + re-rank that customer'.padEnd(36)} ${afterCall.toFixed(1).padStart(7)} ms`);
  return { cold, warm, afterCall };
}
