import { AppError } from '../../../shared/errors';
import type { ActivityKind } from '../../../shared/activity';
import { prepareCached } from '../../db/statement-cache';
import { nowOf, type CoreContext } from '../context';

export interface ActivityWrite {
  customerId: number;
  kind: ActivityKind;
  body: Record<string, unknown>;
  /** Domain rows written with the activity (a promise, a dispute …); returns their id for the outbox. */
  also?: (activityId: number) => { entity: string; id: number } | void;
  /** Background work (the outbox sender) re-scores the customer when the queue is next read, not now. */
  deferRescore?: boolean;
}

/**
 * The one way a collector's action is stored: the timeline entry, its domain rows, an audit entry and
 * a sync-outbox row for the ERP, all in one transaction, so nothing is half-written or silently lost.
 * Then only this customer is re-scored in the queue.
 */
export function recordActivity(ctx: CoreContext, write: ActivityWrite): { activityId: number; entityId: number | null } {
  const { sqlite } = ctx.database;
  const now = nowOf(ctx);
  // Prepared once per connection: a bulk send records thousands of activities.
  const stmt = {
    customer: prepareCached(sqlite, 'SELECT 1 FROM customers WHERE id = ?'),
    activity: prepareCached(sqlite, 'INSERT INTO activities (customer_id, kind, occurred_at, body, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    audit: prepareCached(sqlite, "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'collector', ?, ?, ?, ?)"),
    outbox: prepareCached(sqlite, "INSERT INTO sync_outbox (entity, entity_id, action, payload, created_at) VALUES (?, ?, 'create', ?, ?)"),
  };
  const result = sqlite.transaction(() => {
    if (!stmt.customer.get(write.customerId)) throw new AppError('NOT_FOUND', `No customer with id ${write.customerId}.`);
    const body = JSON.stringify(write.body);
    const activityId = Number(stmt.activity.run(write.customerId, write.kind, now, body, 'collector', now).lastInsertRowid);
    const entity = write.also?.(activityId) ?? { entity: 'activity', id: activityId };
    stmt.audit.run(now, `${write.kind}.create`, entity.entity, String(entity.id), body);
    stmt.outbox.run(entity.entity, String(entity.id), JSON.stringify({ customerId: write.customerId, kind: write.kind, ...write.body }), now);
    return { activityId, entityId: entity.entity === 'activity' ? null : entity.id };
  })();
  if (write.deferRescore) ctx.worklist.markStale(write.customerId);
  else ctx.worklist.refreshCustomer(write.customerId);
  return result;
}

/** Invoice ids must belong to the customer the action is about. */
export function assertCustomerInvoices(ctx: CoreContext, customerId: number, invoiceIds: readonly number[]): void {
  if (invoiceIds.length === 0) return;
  const found = ctx.database.sqlite
    .prepare(`SELECT count(*) AS n FROM invoices WHERE customer_id = ? AND id IN (${invoiceIds.map(() => '?').join(', ')})`)
    .get(customerId, ...invoiceIds) as { n: number };
  if (found.n !== new Set(invoiceIds).size) {
    throw new AppError('INVALID_INPUT', 'Some of the chosen invoices do not belong to this customer.', { invoiceIds });
  }
}
