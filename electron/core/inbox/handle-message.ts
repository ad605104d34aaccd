import { AppError } from '../../../shared/errors';
import type { InboxAction } from '../../../shared/inbox';
import { prepareCached } from '../../db/statement-cache';
import { columns, type ColumnsRow } from '../../db/typed-row';
import { recordActivity } from '../activity/record-activity';
import { nowOf, type CoreContext } from '../context';

const ROW = ['id', 'kind', 'customer_id', 'subject', 'from_address'] as const;
type Row = ColumnsRow<'inbox_messages', (typeof ROW)[number]>;
const SELECT_ROW = `SELECT ${columns('inbox_messages', 'm', ROW)} FROM inbox_messages m WHERE m.id = ?`;

function rowOf(ctx: CoreContext, id: number): Row {
  const row = prepareCached(ctx.database.sqlite, SELECT_ROW).get(id) as Row | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No message ${id} in the Inbox.`);
  return row;
}

/**
 * Assigns a message no customer was found for (the Unmatched list's one key): it goes on that
 * customer's timeline, and a reply pauses that customer's ladder from now on, like a matched one.
 */
export function assignMessage(ctx: CoreContext, id: number, customerId: number): void {
  const row = rowOf(ctx, id);
  if (!prepareCached(ctx.database.sqlite, 'SELECT 1 FROM customers WHERE id = ?').get(customerId))
    throw new AppError('NOT_FOUND', `No customer with id ${customerId}.`);
  ctx.database.sqlite.transaction(() => {
    prepareCached(ctx.database.sqlite, "UPDATE inbox_messages SET customer_id = ?, matched_by = 'assigned' WHERE id = ?").run(customerId, id);
    recordActivity(ctx, {
      customerId,
      kind: 'email_received',
      body: { inboxId: id, messageKind: row.kind, subject: row.subject, from: row.fromAddress, summary: 'assigned from the Inbox' },
    });
  })();
}

/**
 * Marks a message handled, saying how (the collector confirmed "in transit", recorded the promise or
 * dispute the reply announced, found a new contact, or just read it). Handled, a reply no longer
 * pauses the ladder. The recorded promise or dispute itself goes through its own procedure.
 */
export function handleMessage(ctx: CoreContext, id: number, action: InboxAction): void {
  const row = rowOf(ctx, id);
  const changed = prepareCached(
    ctx.database.sqlite,
    "UPDATE inbox_messages SET state = 'done', handled_at = ?, handled_action = ? WHERE id = ? AND state = 'open'",
  ).run(nowOf(ctx), action, id).changes;
  if (changed > 0 && row.customerId !== null) ctx.worklist.refreshCustomer(row.customerId);
}
