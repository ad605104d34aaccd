import type { CoreEvent } from '../../shared/api';
import { AppError, type ErrorCode, type ErrorShape } from '../../shared/errors';
import { openRecovery } from '../core';
import type { CoreClient } from './core-client';

/** Open failures a window can explain (and, for damage, repair from a backup) rather than refusing to start. */
export const RECOVERABLE: ReadonlySet<ErrorCode> = new Set(['DB_CORRUPT', 'DB_WRONG_KEY', 'DB_TOO_NEW', 'DB_CANNOT_OPEN']);

/**
 * A host's core while its database does not open: it answers the recovery procedures (so the window
 * shows what is wrong and offers the latest backup instead of a blank page), and after a restore it
 * starts the real core and hands every later call to it.
 */
export function recoveringClient(problem: ErrorShape, dbPath: string, key: Buffer, startCore: () => Promise<CoreClient>): CoreClient {
  const recovery = openRecovery(dbPath, key, problem);
  const listeners = new Set<(event: CoreEvent) => void>();
  let core: CoreClient | null = null;
  const unavailable = (): AppError => new AppError(problem.code, problem.message, problem.details);
  return {
    dispatch: async (name, input) => {
      if (core) return core.dispatch(name, input);
      const result = await recovery.dispatch(name, input);
      if (name === 'recovery.restore') {
        core = await startCore();
        core.onEvent((event) => listeners.forEach((listener) => listener(event)));
      }
      return result;
    },
    stageFile: (path, name) => (core ? core.stageFile(path, name) : Promise.reject(unavailable())),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      await core?.close();
    },
  };
}
