import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isLockHeld, removeLockFile } from '../../db/process-lock';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { log } from '../../log/log';

/** Beside the database: one lock file per process draining its outbox, held for as long as that process lives. */
const locksFolder = (dbPath: string): string => `${dbPath}-senders`;
export const senderLockPath = (dbPath: string, sender: string): string => join(locksFolder(dbPath), `${sender}.lock`);

export const ORPHANED_SEND = 'Inflow stopped while this message was being sent. Check your Sent folder, then mark it sent or send it again.';

/**
 * A message is `sending` from the commit before its first byte until the server's answer is recorded.
 * One whose sender has died (its lock is free) may or may not have been delivered: it becomes
 * `uncertain` for a person to decide, never silently sent again. A live sender's messages, in this
 * process or another (the app while the CLI runs), are left alone. Rows from before senders were
 * recorded have none and count as orphaned. Returns how many were settled.
 */
export function settleOrphanedSends(sqlite: SqliteDb, dbPath: string, now: string): number {
  const senders = sqlite.prepare("SELECT DISTINCT sender FROM outbox_messages WHERE status = 'sending'").all() as ColumnsRow<'outbox_messages', 'sender'>[];
  const settle = sqlite.prepare(`UPDATE outbox_messages SET status = 'uncertain', updated_at = ?, last_error = ? WHERE status = 'sending' AND sender IS ?`);
  let settled = 0;
  for (const { sender } of senders) {
    if (sender !== null && isLockHeld(senderLockPath(dbPath, sender))) continue;
    const count = settle.run(now, ORPHANED_SEND, sender).changes;
    log.warn('outbox.orphaned', { sender, count });
    settled += count;
    if (sender !== null) removeLockFile(senderLockPath(dbPath, sender));
  }
  removeDeadLocks(dbPath);
  return settled;
}

/** A sender locks its file within milliseconds of creating it; one this old and unlocked is a dead sender's. */
const SURELY_LOCKED_MS = 60_000;

/** Lock files whose process has gone (their messages settled above, or none): nothing needs them. */
function removeDeadLocks(dbPath: string): void {
  const folder = locksFolder(dbPath);
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.lock')) continue;
    const path = join(folder, name);
    const age = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > SURELY_LOCKED_MS && !isLockHeld(path)) removeLockFile(path);
  }
}
