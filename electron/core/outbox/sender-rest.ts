import type { SqliteDb } from '../../db/sqlite';
import { firstRow, query } from '../../db/typed-query';

/** The longest a sender rests before it looks at the outbox again, whatever it was told. */
export const MAX_IDLE_MS = 60_000;
/** How long closing waits for a message on the wire to be confirmed before it hangs up. */
export const CLOSE_GRACE_MS = 10_000;

/** Milliseconds until the channel's next queued message falls due: at least 10, at most MAX_IDLE_MS. */
export function msUntilNextDue(sqlite: SqliteDb, channel: 'email' | 'sms', now: Date): number {
  const row = firstRow(
    sqlite,
    query
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.min<string | null>('next_attempt_at').as('at'))
      .where('status', '=', 'queued')
      .where('channel', '=', channel),
  );
  if (!row?.at) return MAX_IDLE_MS;
  return Math.max(10, Math.min(MAX_IDLE_MS, Date.parse(row.at) - now.getTime()));
}

/** A sender's rest between looks at the outbox, which wake() ends early (a message queued, closing). */
export class SenderRest {
  private wakeUp: (() => void) | null = null;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}

/** Whether the promise settles within `ms` (it keeps running either way). */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
