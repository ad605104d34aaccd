import type { PromiseState } from '../../../shared/commitments';
import { addDays, type IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow, RenamedRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import { planStatus } from './plan-status';
import { promiseStatus, type PaymentFact } from './promise-status';
import { inScope, scopeParams, type CustomerScope } from '../ledger/customer-scope';
import { bookParams, type Book } from '../ledger/book';

export interface CoveredInvoices {
  /** Invoices under a promise to pay that is still running. */
  promised: Set<number>;
  /** Invoices in a payment plan with installments left to pay. */
  inPlan: Set<number>;
  /** Invoices under an open dispute in Inflow. */
  disputed: Set<number>;
}

/** A promise whose window may still be open or recently closed, judged as of the book's day. */
export interface JudgedPromise {
  customerId: number;
  currency: string;
  amountMinor: number;
  promisedDate: IsoDate;
  state: PromiseState;
}

/** An active plan's first installment that was missed. */
export interface MissedInstallment {
  customerId: number;
  currency: string;
  amountMinor: number;
  dueDate: IsoDate;
}

export interface OpenCommitments {
  covered: CoveredInvoices;
  /** In the order they were made, so a later promise can replace an earlier one. */
  promises: JudgedPromise[];
  /** In plan order. */
  missedInstallments: MissedInstallment[];
}

/** The most grace a promise can carry (the activity contract's limit): older promises are decided. */
const MAX_GRACE_DAYS = 60;

const ids = (list: string | null): number[] => (list ? list.split(',').map(Number) : []);

/**
 * Promises, plans and disputes that can still matter on the book's day, judged once against the
 * payments of the book, for every customer or one: which invoices they cover (ladder, customer page)
 * and what the queue weighs (a promise due or broken, a missed installment). Only promises whose
 * window has not long closed are read, and plans are few, so payments are read only for those: the
 * ladder and the queue call this for 50,000 customers at once.
 */
export function readOpenCommitments(sqlite: SqliteDb, book: Book, scope?: CustomerScope): OpenCommitments {
  const only = (column: string): string => inScope(column, scope);
  const today = book.day;
  const params = { today, ...bookParams(book), ...scopeParams(scope) };
  const payments = prepareCached(
    sqlite,
    `SELECT received_date AS date, currency, amount_minor AS amountMinor FROM ${book.payments} p WHERE customer_id = ? AND received_date >= ?`,
  );
  const covered: CoveredInvoices = { promised: new Set(), inPlan: new Set(), disputed: new Set() };

  const promiseRows = prepareCached(
    sqlite,
    `
    SELECT p.customer_id AS customerId, p.currency, p.amount_minor AS amountMinor, p.made_date AS madeDate, p.promised_date AS promisedDate,
           p.grace_days AS graceDays, p.cancelled_date AS cancelledDate,
           (SELECT group_concat(invoice_id) FROM promise_invoices WHERE promise_id = p.id) AS invoiceIds
    FROM ${book.promises} p
    WHERE p.cancelled_date IS NULL AND p.promised_date >= @earliest ${only('p.customer_id')}
    ORDER BY p.made_date, p.id`,
  ).all({ ...params, earliest: addDays(today, -MAX_GRACE_DAYS) }) as (ColumnsRow<
    'promises',
    'customer_id' | 'currency' | 'amount_minor' | 'made_date' | 'promised_date' | 'grace_days'
  > & { cancelledDate: null; invoiceIds: string | null })[]; // null: the WHERE leaves cancelled promises out
  // A promise naming no invoice is the customer's word on the whole account in its currency: it
  // covers every invoice open on the book's day that was issued by the day it was made.
  const wholeAccount = prepareCached(
    sqlite,
    `SELECT id FROM ${book.invoices} i
    WHERE customer_id = ? AND currency = ? AND issue_date <= ? AND status = 'open' AND open_minor > 0`,
  );
  const promises = promiseRows.map((row): JudgedPromise => {
    const { state } = promiseStatus(row, payments.all(params, row.customerId, row.madeDate) as PaymentFact[], today);
    if (state === 'open') {
      const invoiceIds = row.invoiceIds
        ? ids(row.invoiceIds)
        : (wholeAccount.all(params, row.customerId, row.currency, row.madeDate) as ColumnsRow<'invoices', 'id'>[]).map((r) => r.id);
      for (const id of invoiceIds) covered.promised.add(id);
    }
    return { customerId: row.customerId, currency: row.currency, amountMinor: row.amountMinor, promisedDate: row.promisedDate, state };
  });

  const plans = prepareCached(
    sqlite,
    `
    SELECT pp.customer_id AS customerId, pp.currency, pp.start_date AS startDate, pp.grace_days AS graceDays,
           (SELECT json_group_array(json_object('dueDate', due_date, 'amountMinor', amount_minor)) FROM plan_installments WHERE plan_id = pp.id) AS installments,
           (SELECT group_concat(invoice_id) FROM plan_invoices WHERE plan_id = pp.id) AS invoiceIds
    FROM ${book.paymentPlans} pp WHERE pp.cancelled_date IS NULL ${only('pp.customer_id')}
    ORDER BY pp.id`,
  ).all(params) as (ColumnsRow<'payment_plans', 'customer_id' | 'currency' | 'start_date' | 'grace_days'> & {
    installments: string;
    invoiceIds: string | null;
  })[];
  const missedInstallments: MissedInstallment[] = [];
  for (const plan of plans) {
    const terms = { ...plan, installments: JSON.parse(plan.installments) as { dueDate: string; amountMinor: number }[] };
    const installments = planStatus(terms, payments.all(params, plan.customerId, plan.startDate) as PaymentFact[], today);
    if (installments.some((i) => i.state !== 'paid')) for (const id of ids(plan.invoiceIds)) covered.inPlan.add(id);
    const missed = installments.find((i) => i.state === 'missed');
    if (missed)
      missedInstallments.push({
        customerId: plan.customerId,
        currency: plan.currency,
        amountMinor: missed.amountMinor - missed.paidMinor,
        dueDate: missed.dueDate,
      });
  }

  for (const row of prepareCached(
    sqlite,
    `
    SELECT di.invoice_id AS id FROM ${book.disputes} d JOIN dispute_invoices di ON di.dispute_id = d.id
    WHERE d.status = 'open' ${only('d.customer_id')}`,
  ).all(params) as RenamedRow<'dispute_invoices', { id: 'invoice_id' }>[])
    covered.disputed.add(row.id);
  return { covered, promises, missedInstallments };
}
