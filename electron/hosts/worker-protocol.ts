import type { CoreEvent } from '../../shared/core-events';
import type { ErrorShape } from '../../shared/errors';
import type { KeyRotation } from '../../shared/shell-settings';

/** Messages between a host and the core's worker thread. */
export type ToWorker =
  | { type: 'call'; id: number; name: string; input: unknown }
  | { type: 'stage'; id: number; path: string; name?: string | undefined; temporary?: boolean | undefined }
  | { type: 'close'; id: number };

export type FromWorker =
  /** `problem`: the database did not open and the worker serves only the recovery procedures. */
  | { type: 'ready'; problem: ErrorShape | null; rotated: KeyRotation | null }
  | { type: 'fatal'; error: ErrorShape }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: ErrorShape }
  | { type: 'event'; event: CoreEvent }
  /** A log line the core wrote (already free of customer text); the host's log file gets it. */
  | { type: 'log'; line: string };

export interface WorkerConfig {
  dbPath: string;
  keyHex: string;
  /** Serve the recovery procedures when the database does not open, instead of failing to start. */
  recover: boolean;
  /** Re-encrypt the database and its backups under this key before opening (a key rotation), off the host's thread. */
  rotateToHex?: string;
}
