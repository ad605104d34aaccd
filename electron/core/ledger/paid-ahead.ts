/**
 * Money in hand that a day's invoices do not show as paid: what a payment received by the day paid
 * on an invoice issued after it (a payment made in advance, matched once the invoice exists) or
 * applied to one only after it. On that day the payment had paid nothing the book holds, so the book
 * holds that part as unapplied credit, dated and aged by the payment's date, as an ERP's aged
 * receivable does (Odoo counts a match from its max_date, the later of the two documents' dates).
 * An allocation is ahead from its payment's date until the later of its invoice's date and its own
 * date, that day excluded; then the invoice's balance shows it. A void invoice's allocations are left
 * out (the ERP hands what they paid back to the payment's own credit, which the ledger keeps).
 *
 * This is the one definition every reader of a day's credits adds to the credit notes and unapplied
 * payments it reads: the aging (and with it the customer page, Customers, statements, KPIs and the
 * forecast), the month-end trend and the queue. Rows: one per payment allocation ahead on some day
 * after `after` among payments received by `upTo` (SQL: parameters, or columns the caller joins
 * against `until`), read from the few allocations that can ever be ahead: those whose payment came
 * in before the later of their invoice's date and their own (`allocations_early`, kept by triggers:
 * migration 0025). `only` narrows by customer, with `?` for the invoice's alias.
 */
export const aheadAllocations = (after: string, upTo: string, only = ''): string => `
  SELECT p.id AS paymentId, p.customer_id AS customerId, p.currency AS currency, p.received_date AS receivedDate,
         COALESCE(NULLIF(p.reference, ''), p.external_id) AS number, p.amount_minor AS paymentMinor, a.amount_minor AS amountMinor,
         max(i.issue_date, a.applied_date) AS until
  FROM allocations_early e CROSS JOIN allocations a ON a.id = e.allocation_id
  CROSS JOIN invoices i ON i.id = a.invoice_id CROSS JOIN payments p ON p.id = a.payment_id
  WHERE (a.applied_date > ${after} OR i.issue_date > ${after}) AND a.credit_note_id IS NULL AND p.received_date <= ${upTo}
    AND i.status != 'void' ${only.replaceAll('?', 'i')}`;
