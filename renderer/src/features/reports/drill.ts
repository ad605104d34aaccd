import type { AttributedPayment, DrilldownBucket } from '../../../../shared/analytics';

/** What the drill-down panel lists: open invoices on a date, or the payments credited to an action. */
export type Drill =
  | { kind: 'invoices'; title: string; asOf: string; currency: string; bucket: DrilldownBucket }
  | { kind: 'payments'; title: string; payments: AttributedPayment[] };
