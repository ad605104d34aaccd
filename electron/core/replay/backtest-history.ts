import { addDays, dayNumber, fromDayNumber, type IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow, RenamedRow } from '../../db/typed-row';
import { planStatus } from '../activity/plan-status';
import { promiseStatus, type PaymentFact } from '../activity/promise-status';

/**
 * The book's history over a backtest's period, read once, and the book on any day of it: what
 * book.ts says a past day's book holds, for a sweep that asks about every day in turn (reading the
 * book through SQL 400 times over a million invoices would take minutes). Each question takes the
 * day and looks only at rows dated on or before it, so a day's answer cannot depend on a later row;
 * replay-leak.test.ts checks each day's decisions against those made on a copy of the book cut
 * after that day.
 */

/** An invoice that was open on some day of the period. Days are day numbers (shared/dates). */
export interface HistoryInvoice {
  id: number;
  customerId: number;
  number: string;
  issueDay: number;
  dueDay: number;
  dueDate: IsoDate;
  currency: string;
  /** The balance at the end of the day before the period (the start of the sweep). */
  startMinor: number;
  /**
   * What was applied on each later day, as day, amount, day, amount… in day order (a reversal is
   * negative): a flat list, as most invoices have one such day and hundreds of thousands are kept.
   */
  applied: readonly number[];
  erpDisputed: boolean;
  /** Days a payment was announced: the ERP's mark and each collector's mark naming it (a shared empty list when none). */
  transitDays: readonly number[];
}

interface DisputeSpan {
  openedDay: number;
  resolvedDay: number | null;
  invoiceIds: Set<number>;
}
interface PromiseRow {
  currency: string;
  amountMinor: number;
  madeDate: IsoDate;
  promisedDate: IsoDate;
  graceDays: number;
  cancelledDate: IsoDate | null;
  madeDay: number;
  cancelledDay: number | null;
  invoiceIds: number[] | null;
}
interface PlanRow {
  currency: string;
  startDate: IsoDate;
  graceDays: number;
  installments: { dueDate: IsoDate; amountMinor: number }[];
  startDay: number;
  cancelledDay: number | null;
  invoiceIds: number[];
}

export interface HistoryCustomer {
  id: number;
  externalId: string;
  name: string;
  segment: string | null;
  hasEmail: boolean;
  disputes: DisputeSpan[];
  promises: PromiseRow[];
  plans: PlanRow[];
  /** In date order. */
  payments: (PaymentFact & { day: number })[];
  /** Each snooze as recorded: the day and the date it runs until, in the order recorded. */
  snoozes: { day: number; untilDay: number }[];
}

/** How long a payment announced as on its way holds an invoice (as the ladder's facts say). */
const IN_TRANSIT_DAYS = 14;

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Shared by every invoice with nothing applied later or no payment announced: never written to. */
const NO_DAYS: readonly number[] = [];

const ids = (list: string | null): number[] => (list ? list.split(',').map(Number) : []);
const dayOf = (date: string | null): number | null => (date === null ? null : dayNumber(date.slice(0, 10)));

export class BookHistory {
  readonly invoices = new Map<number, HistoryInvoice>();
  readonly customers = new Map<number, HistoryCustomer>();
  /** Invoices by the day they were issued (in the period), and those already issued when it began. */
  readonly issuedOn = new Map<number, HistoryInvoice[]>();
  readonly byCustomer = new Map<number, HistoryInvoice[]>();

  constructor(
    readonly firstDay: number,
    readonly lastDay: number,
  ) {}

  /** The balance at the end of `day`. */
  balanceOn(invoice: HistoryInvoice, day: number): number {
    let balance = invoice.startMinor;
    const { applied } = invoice;
    for (let at = 0; at < applied.length && applied[at]! <= day; at += 2) balance -= applied[at + 1]!;
    return balance;
  }

  inTransitOn(invoice: HistoryInvoice, day: number): boolean {
    return invoice.transitDays.some((on) => on <= day && on >= day - IN_TRANSIT_DAYS);
  }

  disputedOn(customer: HistoryCustomer, invoice: HistoryInvoice, day: number): boolean {
    return (
      invoice.erpDisputed ||
      customer.disputes.some((d) => d.openedDay <= day && (d.resolvedDay === null || d.resolvedDay > day) && d.invoiceIds.has(invoice.id))
    );
  }

  snoozedOn(customer: HistoryCustomer, day: number): boolean {
    const latest = customer.snoozes.filter((s) => s.day <= day).at(-1);
    return latest !== undefined && latest.untilDay > day;
  }

  /**
   * The invoices each promise made by `day` covers and its state that day (judged on the payments
   * received by then): one naming no invoice covers those of its currency issued by the day it was
   * made and open on `day`.
   */
  promisesOn(customer: HistoryCustomer, day: number): { state: string; invoiceIds: Set<number> }[] {
    const date = fromDayNumber(day);
    const known = customer.payments.filter((p) => p.day <= day);
    return customer.promises
      .filter((p) => p.madeDay <= day)
      .map((p) => {
        const cancelledDate = p.cancelledDay !== null && p.cancelledDay <= day ? p.cancelledDate : null;
        const { state } = promiseStatus({ ...p, cancelledDate }, known, date);
        const covered =
          p.invoiceIds ??
          this.openInvoicesOf(customer.id, day)
            .filter((i) => i.currency === p.currency && i.issueDay <= p.madeDay)
            .map((i) => i.id);
        return { state, invoiceIds: new Set(covered) };
      });
  }

  /** Invoices in a plan started by `day`, not cancelled by then, with an installment left to pay then. */
  inPlanOn(customer: HistoryCustomer, day: number): Set<number> {
    const date = fromDayNumber(day);
    const known = customer.payments.filter((p) => p.day <= day);
    const covered = new Set<number>();
    for (const plan of customer.plans) {
      if (plan.startDay > day || (plan.cancelledDay !== null && plan.cancelledDay <= day)) continue;
      if (planStatus(plan, known, date).some((i) => i.state !== 'paid')) for (const id of plan.invoiceIds) covered.add(id);
    }
    return covered;
  }

  /** The customer's invoices issued by `day` and open at its end. */
  openInvoicesOf(customerId: number, day: number): HistoryInvoice[] {
    return (this.byCustomer.get(customerId) ?? []).filter((i) => i.issueDay <= day && this.balanceOn(i, day) > 0);
  }
}

/**
 * Reads what the sweep over [first, last] needs: every invoice open on some day of it (issued by
 * `last`, and open before `first` or settled after it), what was applied to each after the day
 * before `first`, and the customers' disputes, promises, plans, payments, snoozes and marks. An
 * invoice settled before the period without an allocation after it was settled then, as in aging.
 */
export function readBookHistory(sqlite: SqliteDb, first: IsoDate, last: IsoDate): BookHistory {
  const history = new BookHistory(dayNumber(first), dayNumber(last));
  const params = { before: addDays(first, -1), last, lastEnd: addDays(last, 1) };
  const applied = new Map<number, number[]>();
  for (const row of sqlite
    .prepare(
      `SELECT invoice_id AS id, applied_date AS date, SUM(amount_minor) AS amount FROM allocations INDEXED BY allocations_applied
      WHERE applied_date > @before GROUP BY invoice_id, applied_date ORDER BY invoice_id, applied_date`,
    )
    .iterate(params) as Iterable<RenamedRow<'allocations', { id: 'invoice_id'; date: 'applied_date' }> & { amount: number }>) {
    const days = applied.get(row.id);
    if (days) days.push(dayNumber(row.date), row.amount);
    else applied.set(row.id, [dayNumber(row.date), row.amount]);
  }
  // One pass over the table in its own order: most of a long period's invoices qualify, and fetching
  // them through an index by date instead reads (and decrypts) a page per row, several times slower.
  const rows = sqlite
    .prepare(
      `SELECT i.id, i.customer_id AS customerId, i.number, i.issue_date AS issueDate, i.due_date AS dueDate, i.currency,
      i.open_minor AS openMinor, i.status, i.disputed, i.in_transit_since AS inTransitSince
    FROM invoices i NOT INDEXED WHERE i.status != 'void' AND i.issue_date <= @last
      AND (i.status = 'open' OR i.id IN (SELECT invoice_id FROM allocations INDEXED BY allocations_applied WHERE applied_date > @before))`,
    )
    .iterate(params) as Iterable<
    ColumnsRow<'invoices', 'id' | 'customer_id' | 'number' | 'issue_date' | 'due_date' | 'currency' | 'open_minor' | 'status' | 'disputed' | 'in_transit_since'>
  >;
  // Hundreds of thousands of invoices live through the sweep: their few distinct texts are kept once.
  const shared = new Map<string, string>();
  const once = (text: string): string => shared.get(text) ?? (shared.set(text, text), text);
  for (const row of rows) {
    const later = applied.get(row.id);
    if (row.status !== 'open' && later === undefined) continue;
    let startMinor = row.openMinor;
    for (let at = 1; at < (later?.length ?? 0); at += 2) startMinor += later![at]!;
    const invoice: HistoryInvoice = {
      id: row.id,
      customerId: row.customerId,
      number: row.number,
      issueDay: dayNumber(row.issueDate),
      dueDay: dayNumber(row.dueDate),
      dueDate: once(row.dueDate),
      currency: once(row.currency),
      startMinor,
      applied: later ?? NO_DAYS,
      erpDisputed: row.disputed === 1,
      transitDays: row.inTransitSince ? [dayNumber(row.inTransitSince)] : NO_DAYS,
    };
    history.invoices.set(invoice.id, invoice);
    pushTo(history.byCustomer, invoice.customerId, invoice);
    pushTo(history.issuedOn, Math.max(invoice.issueDay, history.firstDay - 1), invoice);
  }
  readCustomers(sqlite, history, params);
  return history;
}

function readCustomers(sqlite: SqliteDb, history: BookHistory, params: { before: IsoDate; last: IsoDate; lastEnd: IsoDate }): void {
  for (const row of sqlite
    .prepare(
      `SELECT c.id, c.external_id AS externalId, c.name, c.segment,
      EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id AND k.status = 'valid' AND k.email IS NOT NULL AND k.email != '') AS hasEmail
    FROM customers c`,
    )
    .iterate() as Iterable<ColumnsRow<'customers', 'id' | 'external_id' | 'name' | 'segment'> & { hasEmail: number }>) {
    history.customers.set(row.id, { ...row, hasEmail: row.hasEmail === 1, disputes: [], promises: [], plans: [], payments: [], snoozes: [] });
  }
  const customer = (id: number): HistoryCustomer => history.customers.get(id)!;
  for (const row of sqlite
    .prepare(
      `SELECT d.customer_id AS customerId, d.opened_date AS opened, CASE WHEN d.status = 'resolved' THEN d.resolved_date END AS resolved,
      (SELECT group_concat(invoice_id) FROM dispute_invoices WHERE dispute_id = d.id) AS invoiceIds
    FROM disputes d WHERE d.opened_date <= @last`,
    )
    .all(params) as (RenamedRow<'disputes', { customerId: 'customer_id'; opened: 'opened_date'; resolved: 'resolved_date' }> & {
    invoiceIds: string | null;
  })[]) {
    customer(row.customerId).disputes.push({ openedDay: dayNumber(row.opened), resolvedDay: dayOf(row.resolved), invoiceIds: new Set(ids(row.invoiceIds)) });
  }
  for (const row of sqlite
    .prepare(
      `SELECT p.customer_id AS customerId, p.currency, p.amount_minor AS amountMinor, p.made_date AS madeDate, p.promised_date AS promisedDate,
      p.grace_days AS graceDays, p.cancelled_date AS cancelledDate, (SELECT group_concat(invoice_id) FROM promise_invoices WHERE promise_id = p.id) AS invoiceIds
    FROM promises p WHERE p.made_date <= @last ORDER BY p.made_date, p.id`,
    )
    .all(params) as (Omit<PromiseRow, 'madeDay' | 'cancelledDay' | 'invoiceIds'> & { customerId: number; invoiceIds: string | null })[]) {
    customer(row.customerId).promises.push({
      ...row,
      madeDay: dayNumber(row.madeDate),
      cancelledDay: dayOf(row.cancelledDate),
      invoiceIds: row.invoiceIds ? ids(row.invoiceIds) : null,
    });
  }
  for (const row of sqlite
    .prepare(
      `SELECT pp.customer_id AS customerId, pp.currency, pp.start_date AS startDate, pp.grace_days AS graceDays, pp.cancelled_date AS cancelledDate,
      (SELECT json_group_array(json_object('dueDate', due_date, 'amountMinor', amount_minor)) FROM plan_installments WHERE plan_id = pp.id) AS installments,
      (SELECT group_concat(invoice_id) FROM plan_invoices WHERE plan_id = pp.id) AS invoiceIds
    FROM payment_plans pp WHERE pp.start_date <= @last ORDER BY pp.id`,
    )
    .all(params) as (ColumnsRow<'payment_plans', 'customer_id' | 'currency' | 'start_date' | 'grace_days' | 'cancelled_date'> & {
    installments: string;
    invoiceIds: string | null;
  })[]) {
    customer(row.customerId).plans.push({
      currency: row.currency,
      startDate: row.startDate,
      graceDays: row.graceDays,
      installments: JSON.parse(row.installments) as PlanRow['installments'],
      startDay: dayNumber(row.startDate),
      cancelledDay: dayOf(row.cancelledDate),
      invoiceIds: ids(row.invoiceIds),
    });
  }
  // Payments matter only to judge promises and plans.
  const judged = [...history.customers.values()].filter((c) => c.promises.length > 0 || c.plans.length > 0);
  const payments = sqlite.prepare(
    'SELECT received_date AS date, currency, amount_minor AS amountMinor FROM payments WHERE customer_id = ? AND received_date <= ? ORDER BY received_date',
  );
  for (const c of judged) c.payments = (payments.all(c.id, params.last) as PaymentFact[]).map((p) => ({ ...p, day: dayNumber(p.date) }));
  for (const row of sqlite
    .prepare(
      `SELECT customer_id AS customerId, occurred_at AS at, json_extract(body, '$.untilDate') AS until FROM activities
    WHERE kind = 'snooze' AND deleted_at IS NULL AND occurred_at < @lastEnd ORDER BY id`,
    )
    .all(params) as (RenamedRow<'activities', { customerId: 'customer_id'; at: 'occurred_at' }> & { until: string })[]) {
    customer(row.customerId).snoozes.push({ day: dayNumber(row.at.slice(0, 10)), untilDay: dayNumber(row.until) });
  }
  for (const row of sqlite
    .prepare(
      `SELECT a.occurred_at AS at, j.value AS invoiceId FROM activities a, json_each(a.body, '$.invoiceIds') j
    WHERE a.kind = 'payment_in_transit' AND a.deleted_at IS NULL AND a.occurred_at < @lastEnd`,
    )
    .all(params) as { at: string; invoiceId: number }[]) {
    const invoice = history.invoices.get(row.invoiceId);
    if (invoice) invoice.transitDays = [...invoice.transitDays, dayNumber(row.at.slice(0, 10))];
  }
}
