import type { PromiseState } from '../../../shared/commitments';

export interface JudgedPromise {
  state: PromiseState;
  amountMinor: number;
  paidMinor: number;
}

export interface PromiseKeptRate {
  kept: number;
  /** Broken and partially kept: a promise paid short was not kept. */
  broken: number;
  /** kept ÷ (kept + broken) × 100. */
  byCountPct: number | null;
  /** Σ min(paid, promised) ÷ Σ promised × 100 over the same promises. */
  byValuePct: number | null;
}

/**
 * Promise-kept rates over settled promises (judged by promise-status.ts); open and cancelled ones
 * are left out because their outcome is not known or not the customer's. One currency at a time.
 */
export function promiseKeptRate(promises: readonly JudgedPromise[]): PromiseKeptRate {
  let kept = 0;
  let broken = 0;
  let promised = 0;
  let honoured = 0;
  for (const p of promises) {
    if (p.state === 'open' || p.state === 'cancelled') continue;
    if (p.state === 'kept') kept += 1;
    else broken += 1;
    promised += p.amountMinor;
    honoured += Math.min(p.paidMinor, p.amountMinor);
  }
  return {
    kept,
    broken,
    byCountPct: kept + broken === 0 ? null : (kept / (kept + broken)) * 100,
    byValuePct: promised === 0 ? null : (honoured / promised) * 100,
  };
}
