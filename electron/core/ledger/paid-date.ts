/**
 * SQL for the day an invoice (alias `i`, not open) was settled: the day its balance last reached
 * zero, read from the dated allocations (payments, credit notes, ERP adjustments; a reversal is a
 * negative one that reopens it, so a later closing wins). Only an invoice with no allocation at all
 * (settled before the first import, or closed by an ERP that sent no payment) falls back to the
 * ERP's closed date. The one rule for analytics and the risk model alike.
 *
 * Per allocation day, newest first, the running sum is what was still to be applied before that day:
 * the balance before the day is open + that sum, after it open + that sum − the day's total.
 */
export const SETTLED_DATE_SQL = `CASE WHEN i.status != 'open' THEN COALESCE(
  (SELECT MAX(day) FROM (
     SELECT day, total, i.open_minor + SUM(total) OVER (ORDER BY day DESC) AS before
     FROM (SELECT a.applied_date AS day, SUM(a.amount_minor) AS total FROM allocations a WHERE a.invoice_id = i.id GROUP BY a.applied_date))
   WHERE before > 0 AND before - total <= 0),
  i.closed_date) END`;

/**
 * SETTLED_DATE_SQL's rule for an invoice already read with its allocations, for a reader of the
 * whole ledger (the risk model), where a correlated subquery per invoice would cost more than the
 * read itself. The same walk: allocation days newest first, the balance before a day is
 * open + everything applied that day or later; the newest day that took it from above zero to
 * zero or below is the day it was settled. Tested equal to the SQL.
 */
export function settledDate(openMinor: number, closedDate: string | null, allocations: readonly { date: string; amountMinor: number }[]): string | null {
  const byDay = new Map<string, number>();
  for (const a of allocations) byDay.set(a.date, (byDay.get(a.date) ?? 0) + a.amountMinor);
  let before = openMinor;
  for (const [day, total] of [...byDay].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0))) {
    before += total;
    if (before > 0 && before - total <= 0) return day;
  }
  return closedDate;
}
