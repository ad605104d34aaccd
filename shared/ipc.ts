import type { ErrorShape } from './errors';

/**
 * The desktop window's IPC channels, named once for the preload and the host. Each answers with a
 * Reply, never a rejection: an Error crossing Electron's IPC keeps only its message, and the
 * renderer needs the code and details.
 */
export const IPC_CHANNELS = {
  rpc: 'inflow:rpc',
  event: 'inflow:event',
  /** The host's own procedures (shared/shell-api.ts): files, the key vault, updates, restarting. */
  shell: 'inflow:shell',
  /** The passphrase page's one call (its own window, its own preload). */
  passphrase: 'inflow:passphrase',
} as const;

/** What every host (IPC and HTTP alike) answers a call with. */
export type Reply<T = unknown> = { ok: true; result: T } | { ok: false; error: ErrorShape };
