import { addDays, daysBetween, type IsoDate } from '../../../shared/dates';
import { currencyExponent } from '../../../shared/money';
import type { WorklistRow } from '../../../shared/worklist';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { columns, type ColumnsRow, type TableRow, type RenamedRow } from '../../db/typed-row';
import { readOpenCommitments, type CoveredInvoices, type JudgedPromise, type MissedInstallment } from '../activity/open-commitments';
import { unappliedCredits } from '../ledger/open-balance';
import { readEscalationsDue, type EscalationDue } from '../ladder/escalations-due';
import type { CustomerFacts } from './priority-score';
import { readWorked } from './worked-facts';
import { netOfWriteOffs, writtenOffSums } from './written-off-facts';
import { inScope, scopeParams, type CustomerScope } from '../ledger/customer-scope';
import { openReplies } from '../inbox/inbox-holds';
import { bookParams, type Book } from '../ledger/book';

/** A customer's identity in the queue, beside the facts its score is computed from. */
export type CustomerMeta = Pick<WorklistRow, 'customerId' | 'externalId' | 'name' | 'currency' | 'collector' | 'segment' | 'openMinor'>;

const CUSTOMER = ['external_id', 'name', 'collector', 'segment'] as const;
/** A customer's open invoices in one currency: its columns as the schema has them, then the sums it has no column for. */
type GroupRow = ColumnsRow<'customers', (typeof CUSTOMER)[number]> & {
  customerId: TableRow<'customers'>['id'];
  currency: TableRow<'invoices'>['currency'];
  openMinor: number;
  overdueMinor: number;
  overdue60Minor: number;
  oldestDue: string | null;
  weightedDaySum: number;
};
const CUSTOMER_COLUMNS = columns('customers', 'c', CUSTOMER);

export interface FactsRow {
  meta: CustomerMeta;
  facts: CustomerFacts;
}

/** Activities that count as touching the customer. */
export const TOUCH_KINDS = ['call', 'note', 'promise', 'dispute_opened', 'dispute_resolved', 'plan_created', 'email', 'ladder_task'];
/** How long a broken promise keeps its weight in the queue (within the commitments reader's 60-day window). */
const BROKEN_PROMISE_DAYS = 30;

/**
 * Reads the queue's facts for every customer in scope (one after an activity, a slice of ids while
 * the queue is built) in a handful of grouped queries, from the book of its day. One row per
 * customer and currency with open invoices, as aging does. A past day ranks without risk points:
 * today's model learned from what came after it. Without `whole`, neither the escalation (the
 * costliest read) nor the year's value is read (valueBase 0): a past day's first page reads them
 * only for the customers that can reach the page (readEscalationsDue, withYearValues).
 */
export function readFacts(sqlite: SqliteDb, book: Book, fxRates: Readonly<Record<string, number>>, scope?: CustomerScope, whole = true): FactsRow[] {
  // Filter on each table's own customer_id so a single-customer refresh uses its index.
  const only = (column: string): string => inScope(column, scope);
  const today = book.day;
  const params = { today, d60: addDays(today, -60), ...bookParams(book), ...scopeParams(scope) };
  const ledgerGroups = sqlite
    .prepare(
      `
    SELECT c.id AS customerId, ${CUSTOMER_COLUMNS}, i.currency,
           SUM(i.open_minor) AS openMinor,
           SUM(CASE WHEN i.due_date < @today THEN i.open_minor ELSE 0 END) AS overdueMinor,
           SUM(CASE WHEN i.due_date < @d60 THEN i.open_minor ELSE 0 END) AS overdue60Minor,
           MIN(CASE WHEN i.due_date < @today THEN i.due_date END) AS oldestDue,
           SUM(CASE WHEN i.due_date < @today THEN i.open_minor * (julianday(@today) - julianday(i.due_date)) ELSE 0 END) AS weightedDaySum
    FROM ${book.openBalances} i JOIN customers c ON c.id = i.customer_id
    WHERE i.status = 'open' AND i.open_minor > 0 ${only('i.customer_id')}
    GROUP BY i.customer_id, i.currency`,
    )
    .all(params) as GroupRow[];
  // The queue chases what is left to collect: written-off amounts are out of it, a customer written off in full leaves it.
  const writtenOff = writtenOffSums(sqlite, book, scope);
  const groups = ledgerGroups.map((g) => netOfWriteOffs(g, writtenOff.get(`${g.customerId}|${g.currency}`))).filter((g) => g.openMinor > 0);
  if (groups.length === 0) return [];
  const lastTouch = mapBy(
    sqlite
      .prepare(
        `
    SELECT a.customer_id AS id, substr(MAX(a.occurred_at), 1, 10) AS value FROM ${book.activities} a
    WHERE a.kind IN (${TOUCH_KINDS.map((k) => `'${k}'`).join(', ')}) AND a.deleted_at IS NULL ${only('a.customer_id')} GROUP BY a.customer_id`,
      )
      .all(params) as (RenamedRow<'activities', { id: 'customer_id' }> & { value: string })[],
  );
  const value = whole ? yearValues(sqlite, book, scope) : new Map<string, number>();
  const disputes = new Map(
    (
      sqlite
        .prepare(
          `
    SELECT d.customer_id AS id, COUNT(di.invoice_id) AS invoices, MAX(julianday(@today) - julianday(d.opened_date) - d.sla_days) AS daysOver
    FROM ${book.disputes} d JOIN dispute_invoices di ON di.dispute_id = d.id
    WHERE d.status = 'open' AND julianday(@today) - julianday(d.opened_date) > d.sla_days ${only('d.customer_id')} GROUP BY d.customer_id`,
        )
        .all(params) as (RenamedRow<'disputes', { id: 'customer_id' }> & { invoices: number; daysOver: number })[]
    ).map((row) => [row.id, row]),
  );
  const risk = book.past
    ? new Map<number, number>()
    : mapBy(
        sqlite.prepare(`SELECT r.customer_id AS id, r.p_late AS value FROM customer_risk r WHERE 1 = 1 ${only('r.customer_id')}`).all(params) as RenamedRow<
          'customer_risk',
          { id: 'customer_id'; value: 'p_late' }
        >[],
      );
  const snoozed = new Set(
    (
      sqlite.prepare(`SELECT s.customer_id AS id FROM ${book.snoozes} s WHERE s.until_date > @today ${only('s.customer_id')}`).all(params) as RenamedRow<
        'snoozes',
        { id: 'customer_id' }
      >[]
    ).map((r) => r.id),
  );
  const commitments = readOpenCommitments(sqlite, book, scope);
  const promises = currentPromises(commitments.promises, today);
  const missed = firstMissedInstallments(commitments.missedInstallments);
  const escalations = whole ? readEscalationsDue(sqlite, book, scope, commitments.covered) : new Map<string, EscalationDue>();
  // Open and overdue net of unapplied credits, as the aging and the customer page count them.
  const credits = unappliedCredits(sqlite, today, scope);
  const worked = readWorked(sqlite, book, scope);
  // The Inbox keeps a reply's current state only, so a past day's queue is ranked without them.
  const replied = book.past ? new Map<number, string>() : openReplies(sqlite, scope);
  const coveredOverdue = overdueCovered(sqlite, book, commitments.covered);
  return groups
    .filter((g) => !snoozed.has(g.customerId))
    .map((g) => {
      // No rate: the currency is ranked on its own, in its own units, never assumed to be at par.
      const rate = fxRates[g.currency] ?? null;
      const promise = promises.get(g.customerId);
      const dispute = disputes.get(g.customerId);
      const credit = credits.get(`${g.customerId}|${g.currency}`) ?? { creditsMinor: 0, pastDueMinor: 0 };
      return {
        meta: {
          customerId: g.customerId,
          externalId: g.externalId,
          name: g.name,
          currency: g.currency,
          collector: g.collector,
          segment: g.segment,
          openMinor: g.openMinor + credit.creditsMinor,
        },
        facts: {
          currency: g.currency,
          baseRate: rate,
          overdueMinor: Math.max(0, g.overdueMinor + credit.pastDueMinor),
          overdue60Minor: g.overdue60Minor,
          coveredOverdueMinor: coveredOverdue.get(`${g.customerId}|${g.currency}`) ?? 0,
          oldestDaysPastDue: g.oldestDue ? daysBetween(g.oldestDue, today) : 0,
          weightedDaysPastDue: g.overdueMinor > 0 ? g.weightedDaySum / g.overdueMinor : 0,
          promise: promise && promise.currency === g.currency ? promise : null,
          installmentMissed: missed.get(`${g.customerId}|${g.currency}`) ?? null,
          disputePastSla: dispute ? { daysOver: Math.round(dispute.daysOver), invoices: dispute.invoices } : null,
          lastTouch: lastTouch.get(g.customerId) ?? null,
          escalation: escalations.get(`${g.customerId}|${g.currency}`) ?? null,
          risk: risk.get(g.customerId) ?? null,
          valueBase: valueBase(value.get(`${g.customerId}|${g.currency}`), g.currency, rate),
          worked: worked.get(g.customerId) ?? null,
          repliedAt: replied.get(g.customerId) ?? null,
        },
      };
    });
}

/** Invoiced over the year to the book's day, in minor units, by customer and currency ("id|currency"). */
function yearValues(sqlite: SqliteDb, book: Book, scope: CustomerScope): Map<string, number> {
  return mapBy(
    prepareCached(
      sqlite,
      `SELECT i.customer_id || '|' || i.currency AS id, SUM(i.amount_minor) AS value FROM invoices i INDEXED BY invoices_issued
    WHERE i.issue_date >= @yearAgo AND i.issue_date <= @today ${inScope('i.customer_id', scope)} GROUP BY i.customer_id, i.currency`,
    ).all({ today: book.day, yearAgo: addDays(book.day, -365), ...scopeParams(scope) }) as { id: string; value: number }[],
  );
}

/** The year's value in base-currency units (its own without a rate). */
const valueBase = (minor: number | undefined, currency: string, rate: number | null): number => ((minor ?? 0) / 10 ** currencyExponent(currency)) * (rate ?? 1);

/**
 * Rows read without `whole` with their year's value, read for their customers alone: the same
 * figure the whole read gives them (per customer and currency, whatever else is read with it).
 */
export function withYearValues(sqlite: SqliteDb, book: Book, rows: readonly FactsRow[]): FactsRow[] {
  if (rows.length === 0) return [];
  const value = yearValues(sqlite, book, { ids: [...new Set(rows.map((row) => row.meta.customerId))] });
  return rows.map(({ meta, facts }) => ({
    meta,
    facts: { ...facts, valueBase: valueBase(value.get(`${meta.customerId}|${meta.currency}`), facts.currency, facts.baseRate) },
  }));
}

/**
 * The overdue balance under a running promise, by customer and currency. Those invoices are few
 * (promises are), so each is read by its key.
 */
function overdueCovered(sqlite: SqliteDb, book: Book, covered: CoveredInvoices): Map<string, number> {
  const read = prepareCached(
    sqlite,
    `SELECT customer_id AS customerId, currency, open_minor AS openMinor FROM ${book.invoices} i WHERE id = ? AND status = 'open' AND due_date < ?`,
  );
  const params = bookParams(book);
  const sums = new Map<string, number>();
  for (const id of covered.promised) {
    const row = read.get(params, id, book.day) as ColumnsRow<'invoices', 'customer_id' | 'currency' | 'open_minor'> | undefined;
    if (!row) continue;
    const key = `${row.customerId}|${row.currency}`;
    sums.set(key, (sums.get(key) ?? 0) + row.openMinor);
  }
  return sums;
}

type PromiseFact = NonNullable<CustomerFacts['promise']>;

/** Each customer's promise that matters today: the latest broken one (recently) or the one falling due. */
function currentPromises(promises: readonly JudgedPromise[], today: IsoDate): Map<number, PromiseFact> {
  const since = addDays(today, -BROKEN_PROMISE_DAYS);
  const current = new Map<number, PromiseFact>();
  for (const { customerId, state, amountMinor, currency, promisedDate } of promises) {
    if (promisedDate < since) continue;
    // A later promise replaces an earlier one; kept promises need no action.
    if (state === 'broken' || state === 'open') current.set(customerId, { state, amountMinor, currency, promisedDate });
    else current.delete(customerId);
  }
  return current;
}

type InstallmentFact = NonNullable<CustomerFacts['installmentMissed']>;

/** The first missed installment of each customer's active plans (by customer and currency). */
function firstMissedInstallments(missed: readonly MissedInstallment[]): Map<string, InstallmentFact> {
  const first = new Map<string, InstallmentFact>();
  for (const { customerId, currency, amountMinor, dueDate } of missed) {
    const key = `${customerId}|${currency}`;
    if (!first.has(key)) first.set(key, { amountMinor, currency, dueDate });
  }
  return first;
}

function mapBy<K, V>(rows: { id: K; value: V }[]): Map<K, V> {
  return new Map(rows.map((row) => [row.id, row.value]));
}
