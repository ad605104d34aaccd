import type { AttributionReport, AttributionRow, InvoiceShareRow } from '../../../../shared/analytics';

const FAMILY_LABELS: Record<string, string> = {
  email: 'Email', video_memo: 'Video memo', call: 'Call', promise: 'Promise to pay', letter: 'Letter', ladder_task: 'Ladder task', discount_offer: 'Discount offer', none: 'No touch',
};

/** "email:first-reminder" → "Email · first reminder"; the family alone when there is nothing more. */
export function actionLabel(action: string): string {
  const [family = action, detail] = action.split(':');
  const name = FAMILY_LABELS[family] ?? (family === 'ladder' ? 'Ladder task' : family);
  return detail ? `${name} · ${detail.replaceAll(/[-_]/g, ' ')}` : name;
}

export interface AttributionTableRow extends AttributionRow {
  label: string;
  share: InvoiceShareRow | null;
}

/** One view's rows in one currency, each with the share of touched invoices paid in the window. */
export function attributionRows(report: AttributionReport, view: 'last' | 'first', currency: string): AttributionTableRow[] {
  const shares = new Map(report.invoiceShares.map((s) => [s.action, s]));
  return report.rows
    .filter((r) => r.view === view && r.currency === currency)
    .map((r) => ({ ...r, label: actionLabel(r.action), share: shares.get(r.action) ?? null }));
}
