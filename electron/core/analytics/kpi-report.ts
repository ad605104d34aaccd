import type { DisputeRow, KpiGroup, KpiReport, KpiRow } from '../../../shared/analytics';
import type { AgingEdges } from '../../../shared/aging';
import { addDays, daysBetween, type IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { promiseStatus, type PaymentFact, type PromiseTerms } from '../activity/promise-status';
import { agingReport } from '../ledger/aging-query';
import { countbackMonths } from './countback-dso';
import { paidInvoiceStats, type PaidInvoice } from './days-to-pay';
import { disputeStats, type DisputeFact } from './dispute-stats';
import { SETTLED_DATE_SQL } from '../ledger/paid-date';
import { periodKpis } from './period-kpis';
import { promiseKeptRate, type JudgedPromise } from './promise-kept-rate';

interface CustomerInfo {
  id: number;
  externalId: string;
  name: string;
  segment: string | null;
  collector: string | null;
}

/** The facts of one group and currency, summed from its customers before any ratio is taken. */
type Bucket = Pick<KpiRow, 'group' | 'label' | 'currency' | 'beginningAr' | 'endingAr' | 'currentAr' | 'sales'> & {
  monthSales: Map<string, number>;
  paid: PaidInvoice[];
  promises: JudgedPromise[];
};

function groupOf(customer: CustomerInfo, groupBy: KpiGroup): { group: string | null; label: string } {
  if (groupBy === 'book') return { group: null, label: 'Whole book' };
  if (groupBy === 'customer') return { group: customer.externalId, label: customer.name };
  const value = customer[groupBy];
  return { group: value, label: value ?? `No ${groupBy}` };
}

/**
 * The KPIs of [from, to] per group and currency. AR comes from the aging report on from − 1 and on
 * `to` (so every figure agrees with it); sales, paid invoices and promises are read per customer
 * and summed into their group. Promises are those due in the period, judged as of `to`.
 */
export function kpiReport(sqlite: SqliteDb, from: IsoDate, to: IsoDate, groupBy: KpiGroup, edges: AgingEdges): KpiReport {
  const customers = new Map(
    (sqlite.prepare('SELECT id, external_id AS externalId, name, segment, collector FROM customers').all() as CustomerInfo[]).map((c) => [c.id, c]),
  );
  const buckets = new Map<string, Bucket>();
  const bucket = (customerId: number, currency: string): Bucket => {
    const { group, label } = groupOf(customers.get(customerId)!, groupBy);
    const key = `${group ?? ''}\u0000${currency}`;
    let b = buckets.get(key);
    if (!b) {
      b = { group, label, currency, beginningAr: 0, endingAr: 0, currentAr: 0, sales: 0, monthSales: new Map(), paid: [], promises: [] };
      buckets.set(key, b);
    }
    return b;
  };

  for (const row of agingReport(sqlite, to, edges).customers) {
    const b = bucket(row.customerId, row.currency);
    b.endingAr += row.total;
    b.currentAr += row.current;
  }
  for (const row of agingReport(sqlite, addDays(from, -1), edges).customers) bucket(row.customerId, row.currency).beginningAr += row.total;

  const monthly = sqlite
    .prepare(
      `SELECT customer_id AS customerId, currency, substr(issue_date, 1, 7) AS month, SUM(amount_minor) AS sales,
      SUM(CASE WHEN issue_date >= @from THEN amount_minor ELSE 0 END) AS periodSales
    FROM invoices WHERE issue_date <= @to AND status != 'void' GROUP BY customer_id, currency, month`,
    )
    .all({ from, to }) as (ColumnsRow<'invoices', 'customer_id' | 'currency'> & { month: string; sales: number; periodSales: number })[];
  let earliest = to;
  for (const row of monthly) {
    const b = bucket(row.customerId, row.currency);
    b.sales += row.periodSales;
    b.monthSales.set(row.month, (b.monthSales.get(row.month) ?? 0) + row.sales);
    if (`${row.month}-01` < earliest) earliest = `${row.month}-01`;
  }

  const paid = sqlite
    .prepare(
      `SELECT * FROM (SELECT i.customer_id AS customerId, i.currency, i.issue_date AS issueDate, i.due_date AS dueDate, ${SETTLED_DATE_SQL} AS paidDate
    FROM invoices i WHERE i.status = 'paid' AND i.issue_date <= @to) WHERE paidDate BETWEEN @from AND @to`,
    )
    .all({ from, to }) as (PaidInvoice & { customerId: number; currency: string })[];
  for (const row of paid) bucket(row.customerId, row.currency).paid.push(row);

  for (const judged of judgedPromises(sqlite, from, to)) bucket(judged.customerId, judged.currency).promises.push(judged);

  const months = countbackMonths(to, earliest);
  const days = daysBetween(from, to) + 1;
  const rows = [...buckets.values()]
    .map((b): KpiRow => {
      const figures = periodKpis(
        { beginningAr: b.beginningAr, endingAr: b.endingAr, currentAr: b.currentAr, sales: b.sales, days },
        months.map((m) => ({ days: m.days, sales: b.monthSales.get(m.from.slice(0, 7)) ?? 0 })),
      );
      const paidStats = paidInvoiceStats(b.paid);
      const promises = promiseKeptRate(b.promises);
      return {
        group: b.group,
        label: b.label,
        currency: b.currency,
        beginningAr: b.beginningAr,
        endingAr: b.endingAr,
        currentAr: b.currentAr,
        sales: b.sales,
        ...figures,
        ...paidStats,
        promisesKept: promises.kept,
        promisesBroken: promises.broken,
        promiseKeptPct: promises.byCountPct,
        promiseKeptValuePct: promises.byValuePct,
      };
    })
    .sort((a, b) => a.currency.localeCompare(b.currency) || b.endingAr - a.endingAr || a.label.localeCompare(b.label));

  return { from, to, days, groupBy, rows, disputes: disputeRows(sqlite, from, to, customers, groupBy) };
}

function judgedPromises(sqlite: SqliteDb, from: IsoDate, to: IsoDate): (JudgedPromise & { customerId: number; currency: string })[] {
  const promises = sqlite
    .prepare(
      `SELECT customer_id AS customerId, currency, amount_minor AS amountMinor, made_date AS madeDate, promised_date AS promisedDate,
      grace_days AS graceDays, cancelled_date AS cancelledDate FROM promises WHERE promised_date BETWEEN @from AND @to`,
    )
    .all({ from, to }) as (PromiseTerms & { customerId: number })[];
  if (promises.length === 0) return [];
  const payments = new Map<number, PaymentFact[]>();
  for (const p of sqlite
    .prepare(
      `SELECT customer_id AS customerId, received_date AS date, currency, amount_minor AS amountMinor FROM payments
      WHERE customer_id IN (SELECT customer_id FROM promises WHERE promised_date BETWEEN @from AND @to)`,
    )
    .all({ from, to }) as (PaymentFact & { customerId: number })[]) {
    let list = payments.get(p.customerId);
    if (!list) payments.set(p.customerId, (list = []));
    list.push(p);
  }
  return promises.map((p) => ({
    customerId: p.customerId,
    currency: p.currency,
    amountMinor: p.amountMinor,
    ...promiseStatus(p, payments.get(p.customerId) ?? [], to),
  }));
}

function disputeRows(sqlite: SqliteDb, from: IsoDate, to: IsoDate, customers: Map<number, CustomerInfo>, groupBy: KpiGroup): DisputeRow[] {
  const facts = sqlite
    .prepare(
      `SELECT customer_id AS customerId, opened_date AS openedDate, resolved_date AS resolvedDate, sla_days AS slaDays
    FROM disputes WHERE opened_date <= @to AND (resolved_date IS NULL OR resolved_date >= @from)`,
    )
    .all({ from, to }) as (DisputeFact & { customerId: number })[];
  const groups = new Map<string, { group: string | null; label: string; facts: DisputeFact[] }>();
  for (const fact of facts) {
    const { group, label } = groupOf(customers.get(fact.customerId)!, groupBy);
    let g = groups.get(group ?? '');
    if (!g) groups.set(group ?? '', (g = { group, label, facts: [] }));
    g.facts.push(fact);
  }
  return [...groups.values()]
    .map((g) => ({ group: g.group, label: g.label, ...disputeStats(g.facts, from, to) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
