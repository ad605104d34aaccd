import { log, safeError } from '../log/log';
import type { CoreEvent } from '../../shared/core-events';
import type { CoreClient } from './core-client';

/** A core the host can stop and start again under the same handle: IPC and HTTP keep talking to it. */
export interface RestartableCore extends CoreClient {
  /**
   * Closes the running core and starts one with `start` (default: as before), which may re-key the
   * database or find a staged restore. Calls made meanwhile wait for the new core.
   */
  restart(start?: () => Promise<CoreClient>): Promise<void>;
}

export async function restartableCore(start: () => Promise<CoreClient>): Promise<RestartableCore> {
  const listeners = new Set<(event: CoreEvent) => void>();
  const forward = (event: CoreEvent): void => listeners.forEach((listener) => listener(event));
  let current = await start();
  let stopListening = current.onEvent(forward);
  let ready: Promise<void> = Promise.resolve();
  const live = async (): Promise<CoreClient> => {
    await ready;
    return current;
  };
  return {
    get problem() {
      return current.problem;
    },
    get rotated() {
      return current.rotated;
    },
    call: async (name, input) => (await live()).call(name, input),
    dispatch: async (name, input) => (await live()).dispatch(name, input),
    stageFile: async (path, name, options) => (await live()).stageFile(path, name, options),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      // A restart that failed was answered to whoever asked for it; closing goes on.
      await ready.catch((error: unknown) => log.warn('core.restart.failed', safeError(error)));
      stopListening();
      await current.close();
    },
    restart: (next = start) => {
      const restarting = ready.then(async () => {
        stopListening();
        await current.close();
        current = await next();
        stopListening = current.onEvent(forward);
      });
      // A failed start leaves nothing to call; later calls see that failure instead of hanging.
      ready = restarting;
      return restarting;
    },
  };
}
