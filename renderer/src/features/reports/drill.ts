import type { AttributedPayment } from '../../../../shared/analytics';
import type { ProcedureInput } from '../../../../shared/api';

/**
 * What the drill-down panel lists: the invoices behind a chart (an aging bucket, a P(late) tenth,
 * a forecast week), or the payments credited to an action. `amount` names the invoices' amount
 * column: their balance, or the part of it a forecast expects that week.
 */
export type Drill =
  | { kind: 'invoices'; title: string; query: ProcedureInput<'analytics.drilldown'>; amount?: 'Balance' | 'Expected' }
  | { kind: 'payments'; title: string; payments: AttributedPayment[] };
