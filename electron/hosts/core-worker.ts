import { parentPort, workerData } from 'node:worker_threads';
import { toErrorShape } from '../../shared/errors';
import { openCore, rotateDatabaseKey, type Core } from '../core';
import type { FromWorker, ToWorker, WorkerConfig } from './worker-protocol';

/**
 * Worker-thread entry: the core runs here so a long import never blocks the host's event loop
 * (Electron's main process or the web host). Calls are handled concurrently; jobs yield while reading.
 */
const port = parentPort!;
const config = workerData as WorkerConfig;
const send = (message: FromWorker): void => port.postMessage(message);

let core: Core;
try {
  const key = Buffer.from(config.keyHex, 'hex');
  const rotateTo = config.rotateToHex ? Buffer.from(config.rotateToHex, 'hex') : null;
  const rotation = rotateTo ? rotateDatabaseKey(config.dbPath, key, rotateTo) : null;
  core = openCore({ dbPath: config.dbPath, key: rotateTo ?? key });
  core.onEvent((event) => send({ type: 'event', event }));
  send({ type: 'ready', rotated: rotation && { backups: rotation.backups, skipped: rotation.skipped.length } });
  // Build today's queue while the window loads, so the first worklist answer is instant.
  // A failure here is reported by the first real call, which meets it again.
  setImmediate(() => void core.dispatch('worklist.list', { limit: 1 }).catch(() => undefined));
} catch (error) {
  send({ type: 'fatal', error: toErrorShape(error) });
  process.exit(0);
}

port.on('message', (message: ToWorker) => {
  void handle(message);
});

async function handle(message: ToWorker): Promise<void> {
  try {
    if (message.type === 'call') {
      send({ type: 'reply', id: message.id, ok: true, result: await core.dispatch(message.name, message.input) });
    } else if (message.type === 'stage') {
      send({ type: 'reply', id: message.id, ok: true, result: core.stageFile(message.path, message.name) });
    } else {
      await core.close();
      send({ type: 'reply', id: message.id, ok: true, result: null });
    }
  } catch (error) {
    send({ type: 'reply', id: message.id, ok: false, error: toErrorShape(error) });
  }
}
