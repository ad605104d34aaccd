import { createHash } from 'node:crypto';
import type pg from 'pg';
import { describeHold } from '../../../shared/outreach/guard-words';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow, RenamedRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import { customerKey, invoiceKeys } from './team-keys';

/**
 * The message's reminder as the whole team names it: its local idempotency key (outbox.ts:
 * `[sms|]ladder|customer|policy|step|invoices` or `[sms|]template|customer|template|invoices|day`)
 * with the customer and invoices by their ERP keys, hashed. Two desks queueing the same step for the
 * same invoices make the same key. Null for a message no longer in the outbox.
 */
export function teamClaimKey(sqlite: SqliteDb, messageId: number): string | null {
  const row = prepareCached(sqlite, 'SELECT idempotency_key AS key FROM outbox_messages WHERE id = ?').get(messageId) as
    RenamedRow<'outbox_messages', { key: 'idempotency_key' }> | undefined;
  if (!row) return null;
  const tokens = row.key.split('|');
  const channel = tokens[0] === 'sms' ? tokens.shift()! : 'email';
  const [kind, customerId] = tokens;
  const day = kind === 'template' ? tokens.pop()! : null;
  const invoices = tokens.pop()!.split(',').filter(Boolean).map(Number);
  const customer = customerKey(sqlite, Number(customerId));
  if (!customer) return null;
  const named = [channel, kind, customer, tokens.slice(2), invoiceKeys(sqlite, invoices).sort(), day];
  return createHash('sha256').update(JSON.stringify(named)).digest('hex');
}

/**
 * Claims the reminder for this desk: the first insert of a key wins. A desk that claimed it before
 * (it crashed before sending, or a resend) still holds it. Returns the collector whose desk has it
 * when that is another desk, else null.
 *
 * The loser reads the winner in a second statement: an INSERT … ON CONFLICT that waited for a
 * concurrent winner's commit cannot see that row in its own statement's snapshot, so one statement
 * would find no holder at all and both desks would send.
 */
export async function claimSend(pool: pg.Pool, deskId: string, collector: string, key: string): Promise<string | null> {
  const inserted = await pool.query('INSERT INTO team_send_claims (claim_key, desk_id, collector) VALUES ($1, $2, $3) ON CONFLICT (claim_key) DO NOTHING', [
    key,
    deskId,
    collector,
  ]);
  if (inserted.rowCount === 1) return null;
  const { rows } = await pool.query<{ desk_id: string; collector: string }>('SELECT desk_id, collector FROM team_send_claims WHERE claim_key = $1', [key]);
  const holder = rows[0];
  // Claims are never deleted; a server that says neither "yours" nor whose is not trusted to send on.
  if (!holder) throw new Error('The team server refused the send claim but shows no holder.');
  return holder.desk_id === deskId ? null : holder.collector;
}

/**
 * A team desk that cannot reach the server does not send (another desk may be sending the same
 * reminder): the message, already marked `sending` by this desk's sender, goes back to the queue
 * saying why (the attempt is not counted), and goes once the server answers again.
 */
export function waitForTeam(sqlite: SqliteDb, messageId: number, retryAt: string, now: string): void {
  prepareCached(
    sqlite,
    `UPDATE outbox_messages SET status = 'queued', sender = NULL, attempts = max(attempts - 1, 0), next_attempt_at = ?, last_error = ?, updated_at = ?
    WHERE id = ? AND status = 'sending'`,
  ).run(retryAt, describeHold('team_offline', NO_VERDICT, now.slice(0, 10), 0), now, messageId);
}

/** Another desk sent this reminder: it is cancelled here, saying who; its ladder step stays taken. */
export function cancelSentByTeam(sqlite: SqliteDb, messageId: number, collector: string, now: string): void {
  sqlite.transaction(() => {
    const words = `${describeHold('team_sent', NO_VERDICT, now.slice(0, 10), 0)} (${collector}).`;
    const row = prepareCached(
      sqlite,
      "UPDATE outbox_messages SET status = 'cancelled', sender = NULL, last_error = ?, updated_at = ? WHERE id = ? AND status = 'sending' RETURNING channel",
    ).get(words, now, messageId) as ColumnsRow<'outbox_messages', 'channel'> | undefined;
    if (!row) return;
    prepareCached(sqlite, "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'team', 'outbox.held', ?, ?, ?)").run(
      now,
      row.channel,
      String(messageId),
      JSON.stringify({ hold: 'team_sent', by: collector }),
    );
  })();
}

/** The team holds are about the whole message: no invoices dropped, no rhythm to cite. */
const NO_VERDICT = { dropped: [], recent: [] };
