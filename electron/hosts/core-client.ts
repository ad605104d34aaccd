import { Worker } from 'node:worker_threads';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/api';
import type { CoreEvent } from '../../shared/core-events';
import type { StagedFile } from '../../shared/shell-api';
import type { StageOptions } from '../core';
import { AppError, type ErrorShape } from '../../shared/errors';
import type { KeyRotation } from '../../shared/shell-settings';
import { log, safeError, writeLogLine } from '../log/log';
import type { FromWorker, ToWorker, WorkerConfig } from './worker-protocol';

/** A host's handle on the core running in a worker thread. */
export interface CoreClient {
  /** Why the database did not open (a worker started with `recover` then serves only recovery), else null. */
  problem: ErrorShape | null;
  /** A procedure by name, typed by the contract (shared/api.ts): what the host itself asks. */
  call<P extends ProcedureName>(name: P, input: ProcedureInput<P>): Promise<ProcedureOutput<P>>;
  /** The untyped relay for a name and input off the wire (IPC, HTTP); the core parses both. */
  dispatch(name: string, input: unknown): Promise<unknown>;
  /** `temporary`: the host's own copy (an upload), deleted once an import has used it. */
  stageFile(path: string, name?: string, options?: StageOptions): Promise<StagedFile>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  close(): Promise<void>;
  /** What the start re-encrypted, when it was asked to rotate the key first. */
  readonly rotated: KeyRotation | null;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * Starts the worker and resolves once the database is open, or rejects with the open error.
 * From sources (dev:web, tests) the worker is TypeScript and needs tsx's loader; built code is plain JS.
 */
export function startCoreWorker(workerUrl: URL, dbPath: string, key: Buffer, options: { recover?: boolean; rotateTo?: Buffer } = {}): Promise<CoreClient> {
  const fromSource = workerUrl.pathname.endsWith('.ts') && !process.execArgv.some((arg) => arg.includes('tsx'));
  const worker = new Worker(workerUrl, {
    workerData: {
      dbPath,
      keyHex: key.toString('hex'),
      recover: options.recover ?? false,
      ...(options.rotateTo ? { rotateToHex: options.rotateTo.toString('hex') } : {}),
    } satisfies WorkerConfig,
    ...(fromSource ? { execArgv: [...process.execArgv, '--import', 'tsx'] } : {}),
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: AppError) => void }>();
  const listeners = new Set<(event: CoreEvent) => void>();
  let nextId = 1;
  const fail = (error: ErrorShape): AppError => new AppError(error.code, error.message, error.details);

  const request = (message: WithoutId<ToWorker>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });

  return new Promise((resolveClient, rejectClient) => {
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          resolveClient({ ...client, problem: message.problem, rotated: message.rotated });
          break;
        case 'fatal':
          rejectClient(fail(message.error));
          break;
        case 'event':
          listeners.forEach((listener) => listener(message.event));
          break;
        case 'log':
          writeLogLine(message.line);
          break;
        case 'reply': {
          const waiter = pending.get(message.id);
          pending.delete(message.id);
          if (message.ok) waiter?.resolve(message.result);
          else waiter?.reject(fail(message.error));
        }
      }
    });
    worker.on('error', (error) => {
      log.error('core.worker.crashed', safeError(error));
      const shape = { code: 'INTERNAL' as const, message: `The core stopped: ${error.message}` };
      rejectClient(fail(shape));
      pending.forEach((waiter) => waiter.reject(fail(shape)));
      pending.clear();
    });
    const client: Omit<CoreClient, 'problem' | 'rotated'> = {
      // The worker answers with what the contract says the procedure returns; the core parsed the input.
      call: <P extends ProcedureName>(name: P, input: ProcedureInput<P>) => request({ type: 'call', name, input }) as Promise<ProcedureOutput<P>>,
      dispatch: (name, input) => request({ type: 'call', name, input }),
      stageFile: (path, name, options) => request({ type: 'stage', path, name, temporary: options?.temporary }) as Promise<StagedFile>,
      onEvent: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close: async () => {
        await request({ type: 'close' });
        await worker.terminate();
      },
    };
  });
}
