import { addDays, daysBetween, type IsoDate } from '../../../shared/dates';
import { currencyExponent } from '../../../shared/money';
import type { WorklistRow } from '../../../shared/worklist';
import type { SqliteDb } from '../../db/sqlite';
import { planStatus } from '../activity/plan-status';
import { promiseStatus, type PaymentFact } from '../activity/promise-status';
import { readEscalationsDue } from '../outreach/escalations-due';
import type { CustomerFacts } from './priority-score';

/** A customer's identity in the queue, beside the facts its score is computed from. */
export type CustomerMeta = Pick<WorklistRow, 'customerId' | 'externalId' | 'name' | 'currency' | 'collector' | 'segment' | 'openMinor'>;

export interface FactsRow {
  meta: CustomerMeta;
  facts: CustomerFacts;
}

/** Activities that count as touching the customer. */
export const TOUCH_KINDS = ['call', 'note', 'promise', 'dispute_opened', 'dispute_resolved', 'plan_created', 'email', 'ladder_task'];
/** How long a broken promise keeps its weight in the queue. */
const BROKEN_PROMISE_DAYS = 30;

/**
 * Reads the queue's facts for every customer (or one, after an activity) in a handful of grouped
 * queries. One row per customer and currency with open invoices, as aging does.
 */
export function readFacts(sqlite: SqliteDb, today: IsoDate, fxRates: Record<string, number>, customerId?: number): FactsRow[] {
  // Filter on each table's own customer_id so a single-customer refresh uses its index.
  const only = (column: string): string => (customerId === undefined ? '' : `AND ${column} = @customerId`);
  const params = { today, d60: addDays(today, -60), yearAgo: addDays(today, -365), customerId: customerId ?? null };
  const groups = sqlite.prepare(`
    SELECT c.id AS customerId, c.external_id AS externalId, c.name, c.collector, c.segment, i.currency,
           SUM(i.open_minor) AS openMinor,
           SUM(CASE WHEN i.due_date < @today THEN i.open_minor ELSE 0 END) AS overdueMinor,
           SUM(CASE WHEN i.due_date < @d60 THEN i.open_minor ELSE 0 END) AS overdue60Minor,
           MIN(CASE WHEN i.due_date < @today THEN i.due_date END) AS oldestDue,
           SUM(CASE WHEN i.due_date < @today THEN i.open_minor * (julianday(@today) - julianday(i.due_date)) ELSE 0 END) AS weightedDaySum
    FROM invoices i JOIN customers c ON c.id = i.customer_id
    WHERE i.status = 'open' AND i.open_minor > 0 ${only('i.customer_id')}
    GROUP BY i.customer_id, i.currency`).all(params) as (Omit<CustomerMeta, 'openMinor'> & {
      openMinor: number; overdueMinor: number; overdue60Minor: number; oldestDue: string | null; weightedDaySum: number;
    })[];
  if (groups.length === 0) return [];
  const lastTouch = mapBy(sqlite.prepare(`
    SELECT a.customer_id AS id, substr(MAX(a.occurred_at), 1, 10) AS value FROM activities a
    WHERE a.kind IN (${TOUCH_KINDS.map((k) => `'${k}'`).join(', ')}) AND a.deleted_at IS NULL ${only('a.customer_id')} GROUP BY a.customer_id`).all(params) as { id: number; value: string }[]);
  const value = mapBy(sqlite.prepare(`
    SELECT i.customer_id || '|' || i.currency AS id, SUM(i.amount_minor) AS value FROM invoices i INDEXED BY invoices_issued
    WHERE i.issue_date >= @yearAgo ${only('i.customer_id')} GROUP BY i.customer_id, i.currency`).all(params) as { id: string; value: number }[]);
  const disputes = new Map((sqlite.prepare(`
    SELECT d.customer_id AS id, COUNT(di.invoice_id) AS invoices, MAX(julianday(@today) - julianday(d.opened_date) - d.sla_days) AS daysOver
    FROM disputes d JOIN dispute_invoices di ON di.dispute_id = d.id
    WHERE d.status = 'open' AND julianday(@today) - julianday(d.opened_date) > d.sla_days ${only('d.customer_id')} GROUP BY d.customer_id`).all(params) as
    { id: number; invoices: number; daysOver: number }[]).map((row) => [row.id, row]));
  const risk = mapBy(sqlite.prepare(`SELECT r.customer_id AS id, r.p_late AS value FROM customer_risk r WHERE 1 = 1 ${only('r.customer_id')}`)
    .all(params) as { id: number; value: number }[]);
  const snoozed = new Set((sqlite.prepare(`SELECT s.customer_id AS id FROM snoozes s WHERE s.until_date > @today ${only('s.customer_id')}`)
    .all(params) as { id: number }[]).map((r) => r.id));
  const promises = currentPromises(sqlite, today, params, only('p.customer_id'));
  const missed = missedInstallments(sqlite, today, params, only('pp.customer_id'));
  const escalations = readEscalationsDue(sqlite, today, customerId);
  return groups.filter((g) => !snoozed.has(g.customerId)).map((g) => {
    const rate = fxRates[g.currency] ?? 1;
    const promise = promises.get(g.customerId);
    const dispute = disputes.get(g.customerId);
    return {
      meta: { customerId: g.customerId, externalId: g.externalId, name: g.name, currency: g.currency, collector: g.collector, segment: g.segment, openMinor: g.openMinor },
      facts: {
        currency: g.currency,
        baseRate: rate,
        overdueMinor: g.overdueMinor,
        overdue60Minor: g.overdue60Minor,
        oldestDaysPastDue: g.oldestDue ? daysBetween(g.oldestDue, today) : 0,
        weightedDaysPastDue: g.overdueMinor > 0 ? g.weightedDaySum / g.overdueMinor : 0,
        promise: promise && promise.currency === g.currency ? promise : null,
        installmentMissed: missed.get(`${g.customerId}|${g.currency}`) ?? null,
        disputePastSla: dispute ? { daysOver: Math.round(dispute.daysOver), invoices: dispute.invoices } : null,
        lastTouch: lastTouch.get(g.customerId) ?? null,
        escalation: escalations.get(`${g.customerId}|${g.currency}`) ?? null,
        risk: risk.get(g.customerId) ?? null,
        valueBase: ((value.get(`${g.customerId}|${g.currency}`) ?? 0) / 10 ** currencyExponent(g.currency)) * rate,
      },
    };
  });
}

type PromiseFact = NonNullable<CustomerFacts['promise']>;

/** Each customer's promise that matters today: the latest broken one (recently) or the one falling due. */
function currentPromises(sqlite: SqliteDb, today: IsoDate, params: Record<string, unknown>, only: string): Map<number, PromiseFact> {
  const rows = sqlite.prepare(`
    SELECT p.id, p.customer_id AS customerId, p.currency, p.amount_minor AS amountMinor, p.made_date AS madeDate,
           p.promised_date AS promisedDate, p.grace_days AS graceDays, p.cancelled_date AS cancelledDate
    FROM promises p
    WHERE p.cancelled_date IS NULL AND p.promised_date >= @since ${only}
    ORDER BY p.made_date, p.id`).all({ ...params, since: addDays(today, -BROKEN_PROMISE_DAYS) }) as
    { id: number; customerId: number; currency: string; amountMinor: number; madeDate: string; promisedDate: string; graceDays: number; cancelledDate: string | null }[];
  const payments = paymentsSince(sqlite);
  const current = new Map<number, PromiseFact>();
  for (const promise of rows) {
    const { state } = promiseStatus(promise, payments.all(promise.customerId, promise.madeDate) as PaymentFact[], today);
    // A later promise replaces an earlier one; kept promises need no action.
    if (state === 'broken' || state === 'open') current.set(promise.customerId, { state, amountMinor: promise.amountMinor, currency: promise.currency, promisedDate: promise.promisedDate });
    else current.delete(promise.customerId);
  }
  return current;
}

type InstallmentFact = NonNullable<CustomerFacts['installmentMissed']>;

/** The first missed installment of each customer's active plans (by customer and currency). */
function missedInstallments(sqlite: SqliteDb, today: IsoDate, params: Record<string, unknown>, only: string): Map<string, InstallmentFact> {
  const plans = sqlite.prepare(`
    SELECT pp.id, pp.customer_id AS customerId, pp.currency, pp.start_date AS startDate, pp.grace_days AS graceDays,
           json_group_array(json_object('dueDate', pi.due_date, 'amountMinor', pi.amount_minor)) AS installments
    FROM payment_plans pp JOIN plan_installments pi ON pi.plan_id = pp.id
    WHERE pp.cancelled_date IS NULL ${only} GROUP BY pp.id`).all(params) as
    { id: number; customerId: number; currency: string; startDate: string; graceDays: number; installments: string }[];
  const payments = paymentsSince(sqlite);
  const missed = new Map<string, InstallmentFact>();
  for (const plan of plans) {
    const terms = { ...plan, installments: JSON.parse(plan.installments) as { dueDate: string; amountMinor: number }[] };
    const first = planStatus(terms, payments.all(plan.customerId, plan.startDate) as PaymentFact[], today).find((i) => i.state === 'missed');
    const key = `${plan.customerId}|${plan.currency}`;
    if (first && !missed.has(key)) missed.set(key, { amountMinor: first.amountMinor - first.paidMinor, currency: plan.currency, dueDate: first.dueDate });
  }
  return missed;
}

/** A customer's payments from a date: what promises and plans are judged by. */
function paymentsSince(sqlite: SqliteDb) {
  return sqlite.prepare('SELECT received_date AS date, currency, amount_minor AS amountMinor FROM payments WHERE customer_id = ? AND received_date >= ?');
}

function mapBy<K, V>(rows: { id: K; value: V }[]): Map<K, V> {
  return new Map(rows.map((row) => [row.id, row.value]));
}
