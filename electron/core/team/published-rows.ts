import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow, RenamedRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import type { OutboxRow } from './outbox-row';
import { publishedInbox, type PublishedInbox } from './published-inbox';
import { bindRecord, domainKey, invoiceKeys, recordKeyOfLocal } from './team-keys';

/**
 * What another desk needs, beyond the activity's body, to write the same domain rows (apply-rows.ts):
 * the dates the origin stamped on them (its day, not the applying desk's), the record a cancel or a
 * resolve is about by its team key, and the ladder steps a send or a task took. Read from the origin's
 * rows when the change is published; ids that only mean something here are left out.
 */
export interface PublishedRows {
  /** Dates and settings the domain row holds but the activity body does not. */
  row?: Record<string, unknown>;
  /** The promise, dispute or plan a cancel or resolve is about. */
  target?: string;
  ladderSteps?: { invoiceKey: string; policyId: string; stepId: string; state: string }[];
  /** The Inbox message an `email_received` entry is about (published-inbox.ts). */
  inbox?: PublishedInbox;
}

/** Domain rows created with an activity, by the sync outbox entity that names them. */
const CREATED: Record<string, string> = {
  promise: 'SELECT made_date AS madeDate, grace_days AS graceDays FROM promises WHERE id = ?',
  dispute: 'SELECT opened_date AS openedDate FROM disputes WHERE id = ?',
  payment_plan: 'SELECT start_date AS startDate FROM payment_plans WHERE id = ?',
  discount_offer: 'SELECT offered_date AS offeredDate FROM discount_offers WHERE id = ?',
  write_off: 'SELECT written_off_on AS writtenOffOn FROM write_offs WHERE id = ?',
};

/** Kinds that close a record another change created, and the date the origin closed it on. */
const CLOSING: Record<string, { entity: string; day: string }> = {
  promise_cancelled: { entity: 'promise', day: 'SELECT cancelled_date AS day FROM promises WHERE id = ?' },
  plan_cancelled: { entity: 'payment_plan', day: 'SELECT cancelled_date AS day FROM payment_plans WHERE id = ?' },
  dispute_resolved: { entity: 'dispute', day: 'SELECT resolved_date AS day FROM disputes WHERE id = ?' },
};

/** How long before its activity a task's steps may have been stamped (the same transaction: far less). */
const TASK_WINDOW_MS = 5000;

export function publishedRows(sqlite: SqliteDb, deskId: string, row: OutboxRow, kind: string, raw: Record<string, unknown>): PublishedRows {
  const entityId = Number(row.entityId);
  const closing = CLOSING[kind];
  if (closing) {
    const target = recordKeyOfLocal(sqlite, closing.entity, entityId);
    const day = prepareCached(sqlite, closing.day).get(entityId) as { day: string | null } | undefined;
    return target ? { target, row: { day: day?.day ?? row.createdAt.slice(0, 10) } } : {};
  }
  const created = row.action === 'create' ? CREATED[row.entity] : undefined;
  if (created) {
    // Named once, by the outbox row that created it: a later cancel on any desk finds it by this key.
    bindRecord(sqlite, domainKey(row.entity, deskId, row.id), row.entity, entityId, 0);
    return { row: prepareCached(sqlite, created).get(entityId) as Record<string, unknown> };
  }
  if (kind === 'payment_in_transit') {
    const ids = Array.isArray(raw.invoiceIds) ? (raw.invoiceIds as number[]) : [];
    const since =
      ids.length > 0
        ? (prepareCached(sqlite, 'SELECT in_transit_since AS day FROM invoices WHERE id = ?').get(ids[0]) as
            RenamedRow<'invoices', { day: 'in_transit_since' }> | undefined)
        : undefined;
    return { row: { day: since?.day ?? row.createdAt.slice(0, 10) } };
  }
  if (kind === 'email_received' && typeof raw.inboxId === 'number') {
    const inbox = publishedInbox(sqlite, raw.inboxId);
    return inbox ? { inbox } : {};
  }
  const steps = takenSteps(sqlite, row, raw);
  return steps.length > 0 ? { ladderSteps: steps } : {};
}

/**
 * The ladder steps the action took: a send's by its outbox message, a call's or task's by when they
 * were recorded: takeLadderTask writes them just before the activity, in its transaction, each with
 * its own reading of the clock, so they are the customer's steps of the moments just before it.
 */
function takenSteps(sqlite: SqliteDb, row: OutboxRow, raw: Record<string, unknown>): NonNullable<PublishedRows['ladderSteps']> {
  const rows = (
    typeof raw.outboxId === 'number'
      ? prepareCached(
          sqlite,
          'SELECT invoice_id AS invoiceId, policy_id AS policyId, step_id AS stepId, state FROM ladder_invoice_steps WHERE message_id = ?',
        ).all(raw.outboxId)
      : raw.ladderStep !== undefined || raw.stepId !== undefined
        ? prepareCached(
            sqlite,
            `SELECT s.invoice_id AS invoiceId, s.policy_id AS policyId, s.step_id AS stepId, s.state FROM ladder_invoice_steps s
          JOIN invoices i ON i.id = s.invoice_id WHERE s.taken_at BETWEEN ? AND ? AND i.customer_id = ? AND s.message_id IS NULL`,
          ).all(new Date(Date.parse(row.createdAt) - TASK_WINDOW_MS).toISOString(), row.createdAt, raw.customerId)
        : []
  ) as ColumnsRow<'ladder_invoice_steps', 'invoice_id' | 'policy_id' | 'step_id' | 'state'>[];
  return rows.flatMap(({ invoiceId, ...step }) => invoiceKeys(sqlite, [invoiceId]).map((invoiceKey) => ({ invoiceKey, ...step })));
}
