import { addDays, type IsoDate } from '../../../shared/dates';
import { policyOrder, type LadderCustomer, type LadderInvoice, type LadderPolicy } from '../../../shared/outreach/ladder';
import { DEFAULT_POLICY } from '../../../shared/outreach/default-policy';
import { ladderPolicySchema } from '../../../shared/outreach/ladder-schema';
import type { SqliteDb } from '../../db/sqlite';
import { isActivePlan, readCommitments } from '../activity/commitments';

/** How long a payment the customer says is on its way holds reminders back before the ladder resumes. */
const IN_TRANSIT_DAYS = 14;

/** The company's policies (in policyOrder), with the standard one for everyone else until it writes its own. */
export function readPolicies(sqlite: SqliteDb): LadderPolicy[] {
  const rows = sqlite.prepare('SELECT id, name, segments, steps FROM ladder_policies').all() as { id: string; name: string; segments: string; steps: string }[];
  const policies = rows.map((row) => ladderPolicySchema.parse({ id: row.id, name: row.name, segments: JSON.parse(row.segments), steps: JSON.parse(row.steps) }));
  return (policies.some((policy) => policy.segments.length === 0) ? policies : [...policies, DEFAULT_POLICY]).sort(policyOrder);
}

/**
 * What the ladder looks at, for every customer with an open invoice or an invoice already on the
 * ladder: balances, disputes, promises, plans, payments in transit, snoozes and the steps taken.
 */
export function readLadderFacts(sqlite: SqliteDb, today: IsoDate): LadderCustomer[] {
  const invoices = sqlite.prepare(`
    SELECT i.id AS invoiceId, i.customer_id AS customerId, i.number, i.due_date AS dueDate, i.currency, i.open_minor AS openMinor, i.status,
           coalesce(i.in_transit_since >= @inTransitSince, 0) AS inTransit,
           (i.disputed = 1 OR EXISTS (SELECT 1 FROM dispute_invoices di JOIN disputes d ON d.id = di.dispute_id WHERE di.invoice_id = i.id AND d.status = 'open')) AS disputed,
           (SELECT group_concat(step_id) FROM ladder_invoice_steps s WHERE s.invoice_id = i.id) AS doneSteps,
           (SELECT substr(MAX(taken_at), 1, 10) FROM ladder_invoice_steps s WHERE s.invoice_id = i.id AND s.state = 'taken') AS lastStepTakenOn
    FROM invoices i
    WHERE (i.status = 'open' AND i.open_minor > 0) OR EXISTS (SELECT 1 FROM ladder_invoice_steps s WHERE s.invoice_id = i.id)
    ORDER BY i.customer_id, i.due_date, i.number`).all({ inTransitSince: addDays(today, -IN_TRANSIT_DAYS) }) as (Omit<LadderInvoice, 'inTransit' | 'disputed' | 'promised' | 'inPlan' | 'doneStepIds' | 'status' | 'lastStepTakenOn'> & {
      lastStepTakenOn: string | null;
      customerId: number; status: string; inTransit: number; disputed: number; doneSteps: string | null;
    })[];
  const byCustomer = new Map<number, typeof invoices>();
  for (const invoice of invoices) byCustomer.set(invoice.customerId, [...(byCustomer.get(invoice.customerId) ?? []), invoice]);
  const customer = sqlite.prepare(`SELECT c.external_id AS externalId, c.segment,
      EXISTS (SELECT 1 FROM snoozes s WHERE s.customer_id = c.id AND s.until_date > @today) AS snoozed,
      EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id AND k.status = 'valid' AND k.email IS NOT NULL AND k.email != '') AS hasEmail
    FROM customers c WHERE c.id = @id`);
  return [...byCustomer].map(([customerId, rows]): LadderCustomer => {
    const meta = customer.get({ id: customerId, today }) as { externalId: string; segment: string | null; snoozed: number; hasEmail: number };
    const { promises, plans } = readCommitments(sqlite, customerId, today);
    const promised = new Set(promises.filter((p) => p.state === 'open').flatMap((p) => p.invoiceIds));
    const inPlan = new Set(plans.filter(isActivePlan).flatMap((p) => p.invoiceIds));
    return {
      customerId,
      externalId: meta.externalId,
      segment: meta.segment,
      snoozed: meta.snoozed === 1,
      hasEmailContact: meta.hasEmail === 1,
      invoices: rows.map((row) => ({
        invoiceId: row.invoiceId, number: row.number, dueDate: row.dueDate, currency: row.currency, openMinor: row.openMinor,
        status: row.status === 'open' ? 'open' : row.status === 'paid' ? 'paid' : 'closed',
        inTransit: row.inTransit === 1, disputed: row.disputed === 1, promised: promised.has(row.invoiceId), inPlan: inPlan.has(row.invoiceId),
        doneStepIds: row.doneSteps ? row.doneSteps.split(',') : [],
        lastStepTakenOn: row.lastStepTakenOn,
      })),
    };
  });
}
