import { AMENDABLE_KINDS } from '../../../shared/activity';
import { AppError } from '../../../shared/errors';
import { nowOf, type CoreContext } from '../context';

interface Amendment {
  activityId: number;
  /** Correct the free text (a call's notes, a note's text), or withdraw the entry with a reason. */
  change: { edit: string } | { withdraw: string };
}

const TEXT_FIELD = { call: 'notes', note: 'text' } as const;

/**
 * Corrects or withdraws a call or a note. The row is only marked, the audit log keeps the version
 * before, and the ERP outbox hears of it, all in one transaction; then the customer is re-scored
 * (a withdrawn call no longer counts as a touch).
 */
export function amendActivity(ctx: CoreContext, { activityId, change }: Amendment): void {
  const { sqlite } = ctx.database;
  const now = nowOf(ctx);
  const row = sqlite.prepare('SELECT customer_id AS customerId, kind, body, deleted_at AS deletedAt FROM activities WHERE id = ?').get(activityId) as
    { customerId: number; kind: string; body: string; deletedAt: string | null } | undefined;
  if (!row || row.deletedAt) throw new AppError('NOT_FOUND', `No activity with id ${activityId}.`);
  const kind = AMENDABLE_KINDS.find((k) => k === row.kind);
  if (!kind) throw new AppError('CONFLICT', `A ${row.kind.replaceAll('_', ' ')} cannot be edited or withdrawn; cancel or resolve it instead.`);
  const before = JSON.parse(row.body) as Record<string, unknown>;
  sqlite.transaction(() => {
    if ('edit' in change) {
      const after = { ...before, [TEXT_FIELD[kind]]: change.edit };
      sqlite.prepare('UPDATE activities SET body = ?, edited_at = ? WHERE id = ?').run(JSON.stringify(after), now, activityId);
      audit(ctx, `${kind}.edit`, activityId, { before, after }, row.customerId, now);
    } else {
      sqlite.prepare('UPDATE activities SET deleted_at = ? WHERE id = ?').run(now, activityId);
      audit(ctx, `${kind}.delete`, activityId, { before, reason: change.withdraw }, row.customerId, now);
    }
  })();
  ctx.worklist.refreshCustomer(row.customerId);
}

function audit(ctx: CoreContext, action: string, activityId: number, detail: Record<string, unknown>, customerId: number, now: string): void {
  const { sqlite } = ctx.database;
  const payload = JSON.stringify(detail);
  sqlite
    .prepare("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'collector', ?, 'activity', ?, ?)")
    .run(now, action, String(activityId), payload);
  sqlite
    .prepare("INSERT INTO sync_outbox (entity, entity_id, action, payload, created_at) VALUES ('activity', ?, ?, ?, ?)")
    .run(String(activityId), action.endsWith('.edit') ? 'update' : 'delete', JSON.stringify({ customerId, ...detail }), now);
}
