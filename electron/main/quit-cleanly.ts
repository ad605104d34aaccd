import { log, safeError } from '../log/log';
import type { App } from 'electron';

/**
 * How long a quit waits for the core: longer than the core's own grace for a message on the wire
 * (CLOSE_GRACE_MS), so the core settles that message itself; the margin covers a job's last write.
 */
export const QUIT_WAIT_MS = 15_000;

/**
 * A quit waits for the core to close: `will-quit` is held, the core closes (a message on the wire
 * completes or is marked uncertain, running jobs stop and write nothing), then the app exits. If the
 * core does not answer in time the app exits anyway; a row still `sending` is then found and marked
 * uncertain when the database next opens. Quitting again while closing changes nothing.
 */
export function closeBeforeQuit(app: Pick<App, 'on' | 'exit'>, close: () => Promise<void>, waitMs = QUIT_WAIT_MS): void {
  let closing: Promise<void> | null = null;
  app.on('will-quit', (event) => {
    event.preventDefault();
    closing ??= within(close(), waitMs).finally(() => app.exit(0));
  });
}

/** Resolves when the work ends (however it ends) or after `ms`, whichever comes first. */
function within(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const logged = work.catch((error: unknown) => log.warn('shell.quit.close-failed', safeError(error)));
  return Promise.race([logged, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}
