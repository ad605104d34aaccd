import { z } from 'zod';

/** Wire names of the aging buckets, in order. The CLI's JSON uses exactly these keys. */
export const AGING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd91_120', 'd120_plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/**
 * Upper edges (days past due, inclusive) of the four middle buckets. Default 30/60/90/120; a company
 * that ages by 15/30/45/60 changes the edges but keeps the six slots (labels follow the edges).
 */
export const agingEdgesSchema = z
  .tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive(), z.number().int().positive()])
  .refine((e) => e[0] < e[1] && e[1] < e[2] && e[2] < e[3], 'bucket edges must increase');
export type AgingEdges = z.infer<typeof agingEdgesSchema>;
export const DEFAULT_AGING_EDGES: AgingEdges = [30, 60, 90, 120];

/**
 * Balances by bucket, netted as an ERP's aging report nets them: an unapplied credit (a credit note
 * or payment not yet applied) counts against the customer, negative, in the bucket of its date.
 * `credits` says how much of `total` is such credits (zero or negative), so every screen can show
 * them on their own line; `total` is the open balance (see ledger/open-balance.ts).
 */
export type AgingAmounts = Record<AgingBucket, number> & { credits: number; total: number };

export interface AgingCustomerRow extends AgingAmounts {
  customerId: number;
  externalId: string;
  name: string;
  currency: string;
}

export interface AgingReport {
  asOf: string;
  edges: AgingEdges;
  totals: Record<string, AgingAmounts>;
  customers: AgingCustomerRow[];
}

export function agingBucketLabels(edges: AgingEdges): Record<AgingBucket, string> {
  const [a, b, c, d] = edges;
  return {
    current: 'Current',
    d1_30: `1–${a}`,
    d31_60: `${a + 1}–${b}`,
    d61_90: `${b + 1}–${c}`,
    d91_120: `${c + 1}–${d}`,
    d120_plus: `${d}+`,
  };
}

export function emptyAgingAmounts(): AgingAmounts {
  return { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d91_120: 0, d120_plus: 0, credits: 0, total: 0 };
}
