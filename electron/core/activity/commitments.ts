import { z } from 'zod';
import type { Commitments, DiscountView, DisputeView, PlanView, PromiseView } from '../../../shared/commitments';
import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { columns, type ColumnsRow } from '../../db/typed-row';
import { bookParams, type Book } from '../ledger/book';
import { planStatus } from './plan-status';
import { promiseStatus, type PaymentFact } from './promise-status';

const ids = (list: string | null): number[] => (list ? list.split(',').map(Number) : []);

/** invoiceIds is a group_concat, not a column: typed next to the schema's part. */
interface Linked {
  invoiceIds: string | null;
}
const PROMISE = ['id', 'currency', 'amount_minor', 'made_date', 'promised_date', 'grace_days', 'cancelled_date'] as const;
type PromiseRow = ColumnsRow<'promises', (typeof PROMISE)[number]> & Linked;
const DISPUTE = ['id', 'reason_code', 'owner', 'sla_days', 'opened_date', 'status', 'resolved_date', 'resolution_note', 'note'] as const;
type DisputeRow = ColumnsRow<'disputes', (typeof DISPUTE)[number]> & Linked;
// status is TEXT in the schema (CHECK open/resolved): parsed, not cast.
const disputeStatus = z.enum(['open', 'resolved']);

/** A customer's promises, plans, disputes and offers made by the book's day, newest first, each judged against the book's payments as of that day. */
export function readCommitments(sqlite: SqliteDb, customerId: number, book: Book): Commitments {
  const today: IsoDate = book.day;
  const params = bookParams(book);
  const payments = prepareCached(
    sqlite,
    `SELECT received_date AS date, currency, amount_minor AS amountMinor FROM ${book.payments} p WHERE customer_id = ?`,
  ).all(params, customerId) as PaymentFact[];
  const promises = (
    prepareCached(
      sqlite,
      `
    SELECT ${columns('promises', 'p', PROMISE)},
           (SELECT group_concat(invoice_id) FROM promise_invoices WHERE promise_id = p.id) AS invoiceIds
    FROM ${book.promises} p WHERE p.customer_id = ? ORDER BY p.made_date DESC, p.id DESC`,
    ).all(params, customerId) as PromiseRow[]
  ).map((row): PromiseView => ({ ...row, ...promiseStatus(row, payments, today), invoiceIds: ids(row.invoiceIds) }));
  const plans = (
    prepareCached(
      sqlite,
      `
    SELECT pp.id, pp.label, pp.currency, pp.start_date AS startDate, pp.grace_days AS graceDays, pp.cancelled_date AS cancelledDate,
           (SELECT json_group_array(json_object('dueDate', due_date, 'amountMinor', amount_minor)) FROM plan_installments WHERE plan_id = pp.id) AS installments,
           (SELECT group_concat(invoice_id) FROM plan_invoices WHERE plan_id = pp.id) AS invoiceIds
    FROM ${book.paymentPlans} pp WHERE pp.customer_id = ? ORDER BY pp.start_date DESC, pp.id DESC`,
    ).all(params, customerId) as (Omit<PlanView, 'installments' | 'invoiceIds'> & { installments: string; invoiceIds: string | null })[]
  ).map((row): PlanView => {
    const terms = { ...row, installments: JSON.parse(row.installments) as { dueDate: string; amountMinor: number }[] };
    return { ...row, installments: planStatus(terms, payments, today), invoiceIds: ids(row.invoiceIds) };
  });
  const disputes = (
    prepareCached(
      sqlite,
      `
    SELECT ${columns('disputes', 'd', DISPUTE)},
           (SELECT group_concat(invoice_id) FROM dispute_invoices WHERE dispute_id = d.id) AS invoiceIds
    FROM ${book.disputes} d WHERE d.customer_id = ? ORDER BY d.opened_date DESC, d.id DESC`,
    ).all(params, customerId) as DisputeRow[]
  ).map((row): DisputeView => ({ ...row, status: disputeStatus.parse(row.status), invoiceIds: ids(row.invoiceIds) }));
  const discounts = (
    prepareCached(
      sqlite,
      `
    SELECT o.id, o.currency, o.percent_bp AS percentBp, o.pay_by AS payBy, o.offered_date AS offeredDate,
           SUM(i.amount_minor) AS baseMinor, group_concat(i.id) AS invoiceIds,
           SUM(CASE WHEN i.status != 'open' AND i.closed_date IS NOT NULL AND i.closed_date <= o.pay_by THEN 0 ELSE 1 END) AS unpaid
    FROM discount_offers o JOIN discount_offer_invoices oi ON oi.offer_id = o.id JOIN ${book.invoices} i ON i.id = oi.invoice_id
    WHERE o.customer_id = ? AND o.offered_date <= @asOf GROUP BY o.id ORDER BY o.offered_date DESC, o.id DESC`,
    ).all(params, customerId) as (Omit<DiscountView, 'state' | 'savingMinor' | 'invoiceIds'> & { baseMinor: number; invoiceIds: string; unpaid: number })[]
  ).map(({ baseMinor, unpaid, ...row }): DiscountView => ({
    ...row,
    savingMinor: discountMinor(baseMinor, row.percentBp),
    state: unpaid === 0 ? 'taken' : today > row.payBy ? 'expired' : 'open',
    invoiceIds: ids(row.invoiceIds),
  }));
  return { promises, plans, disputes, discounts };
}

/** base × basis points / 10,000, rounded half up, in integers only. */
export function discountMinor(baseMinor: number, percentBp: number): number {
  return Math.floor((baseMinor * percentBp + 5_000) / 10_000);
}

/** A plan still running: not cancelled and with an installment left to pay. */
export function isActivePlan(plan: PlanView): boolean {
  return plan.cancelledDate === null && plan.installments.some((i) => i.state !== 'paid');
}
