import { log } from '../../log/log';
import { AppError, toErrorShape } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import type { ChargeInvoice, Connector } from './connector';

interface PendingPush {
  id: number;
  payload: string;
}

/** One round at a time per database: two rounds sending the same row could both miss the other's invoice. */
const rounds = new WeakMap<SqliteDb, Promise<unknown>>();

/**
 * Sends the charges invoices waiting in charge_pushes for this connector, oldest first: the collector
 * asked for each (charges.push), and each stays here until the ERP has taken it, so one asked for
 * offline, or cut off by a crash between the request and its answer, goes on the next push or sync.
 * The connector finds an earlier attempt by the row's ref, so a resend never makes a second invoice.
 * A refusal is kept on the row (lastError) and ends the round: the ERP is likely down, or needs a
 * setting the message names, and the sync that called this is not failed for it.
 */
export function sendChargeInvoices(sqlite: SqliteDb, connector: Connector, signal: AbortSignal, now: () => string): Promise<number> {
  const previous = rounds.get(sqlite) ?? Promise.resolve();
  const round = previous.catch(() => undefined).then(() => sendRound(sqlite, connector, signal, now));
  rounds.set(sqlite, round);
  return round;
}

async function sendRound(sqlite: SqliteDb, connector: Connector, signal: AbortSignal, now: () => string): Promise<number> {
  if (!connector.pushChargeInvoice) return 0;
  const pending = sqlite
    .prepare('SELECT id, payload FROM charge_pushes WHERE pushed_at IS NULL AND connector = ? ORDER BY id')
    .all(connector.id) as PendingPush[];
  let sent = 0;
  for (const row of pending) {
    let pushed;
    try {
      pushed = await connector.pushChargeInvoice(JSON.parse(row.payload) as ChargeInvoice, signal);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const { code, message } = toErrorShape(error);
      log.info('charges.push.failed', { pushId: row.id, code });
      sqlite.prepare('UPDATE charge_pushes SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(message, row.id);
      return sent;
    }
    sqlite
      .prepare('UPDATE charge_pushes SET pushed_at = ?, erp_id = ?, erp_number = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?')
      .run(now(), pushed.erpId, pushed.number, row.id);
    sent++;
  }
  return sent;
}
