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
