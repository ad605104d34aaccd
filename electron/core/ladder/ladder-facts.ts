import { addDays } from '../../../shared/dates';
import type { InboxHold } from '../../../shared/outreach/guard';
import { policyOrder, type LadderCustomer, type LadderInvoice, type LadderPolicy } from '../../../shared/outreach/ladder';
import { DEFAULT_POLICY } from '../../../shared/outreach/default-policy';
import { ladderPolicySchema } from '../../../shared/outreach/ladder-schema';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import type { ColumnsRow, RenamedRow } from '../../db/typed-row';
import { readOpenCommitments, type CoveredInvoices } from '../activity/open-commitments';
import { writtenOffByInvoice } from '../activity/write-offs';
import { inScope, scopeParams, type CustomerScope } from '../ledger/customer-scope';
import { inboxHolds } from '../inbox/inbox-holds';
import { bookParams, type Book } from '../ledger/book';

/** How long a payment the customer says is on its way holds reminders back before the ladder resumes. */
const IN_TRANSIT_DAYS = 14;

/** The last policies parsed, by their stored text: every re-rank after an activity asks for them. */
let parsed: { text: string; policies: readonly LadderPolicy[] } | null = null;

/** The company's policies (in policyOrder), with the standard one for everyone else until it writes its own. */
export function readPolicies(sqlite: SqliteDb): readonly LadderPolicy[] {
  const rows = prepareCached(sqlite, 'SELECT id, name, segments, steps FROM ladder_policies ORDER BY id').all() as ColumnsRow<
    'ladder_policies',
    'id' | 'name' | 'segments' | 'steps'
  >[];
  const text = JSON.stringify(rows);
  if (parsed?.text !== text) {
    const policies = rows.map((row) =>
      ladderPolicySchema.parse({ id: row.id, name: row.name, segments: JSON.parse(row.segments) as unknown, steps: JSON.parse(row.steps) as unknown }),
    );
    parsed = { text, policies: (policies.some((policy) => policy.segments.length === 0) ? policies : [...policies, DEFAULT_POLICY]).sort(policyOrder) };
  }
  return parsed.policies;
}

/** The balance left to chase once Inflow's write-offs are taken out, and whether they took all of it. */
const collectable = (openMinor: number, writtenOffMinor: number | undefined): { openMinor: number; writtenOff?: boolean } =>
  writtenOffMinor === undefined
    ? { openMinor }
    : { openMinor: Math.max(0, openMinor - writtenOffMinor), writtenOff: openMinor > 0 && writtenOffMinor >= openMinor };

/** How long a paid invoice that was on the ladder stays in the dry run as "paid", explaining why it stopped. */
const PAID_SHOWN_DAYS = 30;

/** The invoice's columns under the ladder's names, then what the statement computes beside them. */
type InvoiceRow = RenamedRow<
  'invoices',
  {
    invoiceId: 'id';
    customerId: 'customer_id';
    number: 'number';
    dueDate: 'due_date';
    currency: 'currency';
    openMinor: 'open_minor';
    status: 'status';
    erpDisputed: 'disputed';
  }
> &
  Pick<LadderInvoice, 'lastStepTakenOn'> & { inTransit: number; doneSteps: string | null };

/**
 * What the ladder looks at on the book's day, for every customer (or one) with an open invoice or
 * one recently paid while on the ladder: balances, disputes, promises, plans, payments in transit,
 * snoozes, replies and absences (inbox/), and the steps taken. Grouped reads, so the queue can ask
 * for 50,000 customers at once; the queue passes the commitments it has already read.
 */
export function readLadderFacts(sqlite: SqliteDb, book: Book, scope?: CustomerScope, covered?: CoveredInvoices): LadderCustomer[] {
  const only = (column: string): string => inScope(column, scope);
  const today = book.day;
  const params = {
    today,
    ...bookParams(book),
    ...scopeParams(scope),
    inTransitSince: addDays(today, -IN_TRANSIT_DAYS),
    paidSince: addDays(today, -PAID_SHOWN_DAYS),
  };
  const columns = `i.id AS invoiceId, i.customer_id AS customerId, i.number, i.due_date AS dueDate, i.currency, i.open_minor AS openMinor, i.status,
           coalesce(i.in_transit_since >= @inTransitSince, 0) AS inTransit, i.disputed AS erpDisputed,
           (SELECT group_concat(step_id) FROM ${book.ladderSteps} s WHERE s.invoice_id = i.id) AS doneSteps,
           (SELECT substr(MAX(taken_at), 1, 10) FROM ${book.ladderSteps} s WHERE s.invoice_id = i.id AND s.state = 'taken') AS lastStepTakenOn`;
  // Two halves, so the open half is read from the open-invoices index alone (it covers these columns).
  // No ORDER BY: the evaluation orders customers and invoices itself.
  const invoices = prepareCached(
    sqlite,
    `
    SELECT ${columns} FROM ${book.openInvoices} i WHERE i.status = 'open' AND i.open_minor > 0 ${only('i.customer_id')}
    UNION ALL
    SELECT ${columns} FROM ${book.invoices} i
    WHERE i.id IN (SELECT invoice_id FROM ${book.ladderSteps}) AND NOT (i.status = 'open' AND i.open_minor > 0)
      AND coalesce(i.closed_date, @today) >= @paidSince ${only('i.customer_id')}`,
  ).all(params) as InvoiceRow[];
  if (invoices.length === 0) return [];
  const byCustomer = new Map<number, InvoiceRow[]>();
  for (const invoice of invoices) {
    const rows = byCustomer.get(invoice.customerId);
    if (rows) rows.push(invoice);
    else byCustomer.set(invoice.customerId, [invoice]);
  }
  const meta = new Map(
    (
      prepareCached(
        sqlite,
        `SELECT c.id, c.external_id AS externalId, c.name, c.segment,
      EXISTS (SELECT 1 FROM ${book.snoozes} s WHERE s.customer_id = c.id AND s.until_date > @today) AS snoozed,
      EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id AND k.status = 'valid' AND k.email IS NOT NULL AND k.email != '') AS hasEmail
    FROM customers c WHERE 1 ${only('c.id')}`,
      ).all(params) as (ColumnsRow<'customers', 'id' | 'external_id' | 'name' | 'segment'> & { snoozed: number; hasEmail: number })[]
    ).map((row) => [row.id, row]),
  );
  const { promised, inPlan, disputed } = covered ?? readOpenCommitments(sqlite, book, scope).covered;
  const writtenOff = writtenOffByInvoice(sqlite, today);
  // The Inbox keeps a reply's current state only (handled or not), so a past day is replayed without them.
  const holds = book.past ? new Map<number, InboxHold>() : inboxHolds(sqlite, today, scope);
  return [...byCustomer].map(([id, rows]): LadderCustomer => {
    const customer = meta.get(id)!;
    return {
      customerId: id,
      externalId: customer.externalId,
      name: customer.name,
      segment: customer.segment,
      snoozed: customer.snoozed === 1,
      inboxHold: holds.get(id) ?? null,
      hasEmailContact: customer.hasEmail === 1,
      invoices: rows.map((row) => ({
        invoiceId: row.invoiceId,
        number: row.number,
        dueDate: row.dueDate,
        currency: row.currency,
        ...collectable(row.openMinor, writtenOff.get(row.invoiceId)),
        status: row.status === 'open' ? 'open' : row.status === 'paid' ? 'paid' : 'closed',
        inTransit: row.inTransit === 1,
        disputed: row.erpDisputed === 1 || disputed.has(row.invoiceId),
        promised: promised.has(row.invoiceId),
        inPlan: inPlan.has(row.invoiceId),
        doneStepIds: row.doneSteps ? row.doneSteps.split(',') : [],
        lastStepTakenOn: row.lastStepTakenOn,
      })),
    };
  });
}
