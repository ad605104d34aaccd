import { addDays, type IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { planStatus } from './plan-status';
import { promiseStatus, type PaymentFact } from './promise-status';

export interface CoveredInvoices {
  /** Invoices under a promise to pay that is still running. */
  promised: Set<number>;
  /** Invoices in a payment plan with installments left to pay. */
  inPlan: Set<number>;
  /** Invoices under an open dispute in Inflow. */
  disputed: Set<number>;
}

/** The most grace a promise can carry (the activity contract's limit): older promises are decided. */
const MAX_GRACE_DAYS = 60;

const ids = (list: string): number[] => list.split(',').map(Number);

/**
 * The invoices a collector has already dealt with for now (promised, in a plan, disputed), for every
 * customer or one, in a few grouped reads. Only promises whose window has not closed can still be
 * open, and plans are few, so payments are read only for those: the ladder and the queue call this
 * for 50,000 customers at once.
 */
export function readCoveredInvoices(sqlite: SqliteDb, today: IsoDate, customerId?: number): CoveredInvoices {
  const only = (column: string): string => (customerId === undefined ? '' : `AND ${column} = @customerId`);
  const params = { today, customerId: customerId ?? null };
  const payments = sqlite.prepare('SELECT received_date AS date, currency, amount_minor AS amountMinor FROM payments WHERE customer_id = ? AND received_date >= ?');
  const promised = new Set<number>();
  const promises = sqlite.prepare(`
    SELECT p.customer_id AS customerId, p.currency, p.amount_minor AS amountMinor, p.made_date AS madeDate, p.promised_date AS promisedDate,
           p.grace_days AS graceDays, p.cancelled_date AS cancelledDate, group_concat(pi.invoice_id) AS invoiceIds
    FROM promises p JOIN promise_invoices pi ON pi.promise_id = p.id
    WHERE p.cancelled_date IS NULL AND p.promised_date >= @earliest ${only('p.customer_id')}
    GROUP BY p.id`).all({ ...params, earliest: addDays(today, -MAX_GRACE_DAYS) }) as
    { customerId: number; currency: string; amountMinor: number; madeDate: string; promisedDate: string; graceDays: number; cancelledDate: null; invoiceIds: string }[];
  for (const promise of promises) {
    const { state } = promiseStatus(promise, payments.all(promise.customerId, promise.madeDate) as PaymentFact[], today);
    if (state === 'open') for (const id of ids(promise.invoiceIds)) promised.add(id);
  }
  const inPlan = new Set<number>();
  const plans = sqlite.prepare(`
    SELECT pp.customer_id AS customerId, pp.currency, pp.start_date AS startDate, pp.grace_days AS graceDays,
           (SELECT json_group_array(json_object('dueDate', due_date, 'amountMinor', amount_minor)) FROM plan_installments WHERE plan_id = pp.id) AS installments,
           (SELECT group_concat(invoice_id) FROM plan_invoices WHERE plan_id = pp.id) AS invoiceIds
    FROM payment_plans pp WHERE pp.cancelled_date IS NULL ${only('pp.customer_id')}`).all(params) as
    { customerId: number; currency: string; startDate: string; graceDays: number; installments: string; invoiceIds: string | null }[];
  for (const plan of plans) {
    if (!plan.invoiceIds) continue;
    const terms = { ...plan, installments: JSON.parse(plan.installments) as { dueDate: string; amountMinor: number }[] };
    const installments = planStatus(terms, payments.all(plan.customerId, plan.startDate) as PaymentFact[], today);
    if (installments.some((i) => i.state !== 'paid')) for (const id of ids(plan.invoiceIds)) inPlan.add(id);
  }
  const disputed = new Set((sqlite.prepare(`
    SELECT di.invoice_id AS id FROM disputes d JOIN dispute_invoices di ON di.dispute_id = d.id
    WHERE d.status = 'open' ${only('d.customer_id')}`).all(params) as { id: number }[]).map((row) => row.id));
  return { promised, inPlan, disputed };
}
