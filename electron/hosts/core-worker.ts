import { parentPort, workerData } from 'node:worker_threads';
import { AppError, toErrorShape, type ErrorShape } from '../../shared/errors';
import type { KeyRotation } from '../../shared/shell-settings';
import { openCore, openRecovery, RECOVERABLE, rotateDatabaseKey, type Core, type Recovery } from '../core';
import { log, safeError, setLogSink } from '../log/log';
import type { FromWorker, ToWorker, WorkerConfig } from './worker-protocol';

/**
 * Worker-thread entry: the core runs here so a long import never blocks the host's event loop
 * (Electron's main process or the web host). Calls are handled concurrently; jobs yield while reading.
 * With `recover`, a database that does not open leaves the worker serving the recovery procedures
 * (the window explains the problem and offers the latest backup); a restore then opens the core.
 * With `rotateToHex`, the database and its backups are re-encrypted under that key before opening
 * (a key rotation), here rather than on the host's thread.
 */
const port = parentPort!;
const config = workerData as WorkerConfig;
const send = (message: FromWorker): void => port.postMessage(message);
// One writer per log file: the host's thread. The core's lines go there.
setLogSink({ write: (line) => send({ type: 'log', line }) });
let key = Buffer.from(config.keyHex, 'hex');

let core: Core | null = null;
let recovery: { problem: ErrorShape; procedures: Recovery } | null = null;

function open(): Core {
  const opened = openCore({ dbPath: config.dbPath, key });
  opened.onEvent((event) => send({ type: 'event', event }));
  // Build today's queue while the window loads, so the first worklist answer is instant.
  // A failure here is reported by the first real call, which meets it again (and logged by dispatch).
  setImmediate(() => void opened.dispatch('worklist.list', { limit: 1 }).catch((error: unknown) => log.warn('core.warmup.failed', safeError(error))));
  return opened;
}

try {
  let rotated: KeyRotation | null = null;
  if (config.rotateToHex) {
    const rotateTo = Buffer.from(config.rotateToHex, 'hex');
    const rotation = rotateDatabaseKey(config.dbPath, key, rotateTo);
    rotated = { backups: rotation.backups, skipped: rotation.skipped.length };
    key = rotateTo;
  }
  core = open();
  send({ type: 'ready', problem: null, rotated });
} catch (error) {
  const problem = toErrorShape(error);
  if (config.recover && RECOVERABLE.has(problem.code)) {
    recovery = { problem, procedures: openRecovery(config.dbPath, key, problem) };
    send({ type: 'ready', problem, rotated: null });
  } else {
    send({ type: 'fatal', error: problem });
    process.exit(0);
  }
}

port.on('message', (message: ToWorker) => {
  void handle(message);
});

async function call(name: string, input: unknown): Promise<unknown> {
  if (core) return core.dispatch(name, input);
  const result = await recovery!.procedures.dispatch(name, input);
  if (name === 'recovery.restore') core = open();
  return result;
}

async function handle(message: ToWorker): Promise<void> {
  try {
    if (message.type === 'call') {
      send({ type: 'reply', id: message.id, ok: true, result: await call(message.name, message.input) });
    } else if (message.type === 'stage') {
      if (!core) throw new AppError(recovery!.problem.code, recovery!.problem.message);
      send({ type: 'reply', id: message.id, ok: true, result: core.stageFile(message.path, message.name, { temporary: message.temporary ?? false }) });
    } else {
      await core?.close();
      send({ type: 'reply', id: message.id, ok: true, result: null });
    }
  } catch (error) {
    send({ type: 'reply', id: message.id, ok: false, error: toErrorShape(error) });
  }
}
