import { z } from 'zod';
import { newPassphraseSchema, passphraseSubmissionSchema } from './passphrase';
import { returns } from './procedure';
import type { KeyRotation, VaultStatus } from './shell-settings';

/**
 * What the window asks of its host rather than the core: the database key (held by the desktop
 * shell's keychain or passphrase, never by the core's callers) and restarting onto a restored backup.
 * Parsed by the host with these schemas, like the core's procedures.
 */
export const shellApi = {
  'vault.status': returns<VaultStatus>()(z.object({})),
  /** Re-wraps the same database key under a new passphrase; the database itself is untouched. */
  'vault.changePassphrase': returns<{ changed: true }>()(z.object({ current: passphraseSubmissionSchema, next: newPassphraseSchema })),
  /** A new random key: the database and its backups are re-encrypted (PRAGMA rekey) and the key re-wrapped. */
  'vault.rotateKey': returns<KeyRotation>()(z.object({ passphrase: passphraseSubmissionSchema.optional() })),
  /** Starts Inflow again (applying a staged restore); `reload` tells a browser page to load itself again. */
  'app.restart': returns<{ reload: boolean }>()(z.object({})),
} as const;

export type ShellApi = typeof shellApi;
export type ShellProcedureName = keyof ShellApi;

export function isShellProcedureName(name: string): name is ShellProcedureName {
  return Object.hasOwn(shellApi, name);
}
