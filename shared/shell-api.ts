import { z } from 'zod';
import { newPassphraseSchema, passphraseSubmissionSchema } from './passphrase';
import { returns } from './procedure';
import type { KeyRotation, UpdateStatus, VaultStatus } from './shell-settings';

/** What a staged file looks like to the renderer. */
export interface StagedFile {
  fileId: string;
  name: string;
  size: number;
}

export const MAX_DROPPED_BYTES = 512 * 1024 * 1024;
/** A dropped file the desktop app stages: its name as the user sees it, and its bytes (IPC may deliver them as a Uint8Array). */
export const droppedFileSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\\/\u0000-\u001f]+$/, 'a file name without a folder'),
  bytes: z
    .union([z.instanceof(ArrayBuffer), z.instanceof(Uint8Array)])
    .refine((b) => b.byteLength <= MAX_DROPPED_BYTES, `at most ${MAX_DROPPED_BYTES / 1024 / 1024} MB`),
});

/** The Settings screen's requests to the desktop updater (the web host has none). */
export const updateActionSchema = z.enum(['status', 'check', 'restart']);
export type UpdateAction = z.output<typeof updateActionSchema>;

/**
 * What the window asks of its host rather than the core: the database key (held by the desktop
 * shell's keychain or passphrase, never by the core's callers), restarting onto a restored backup, the
 * updater, and files the user picks or drops. Parsed by the host with these schemas, like the core's
 * procedures; in a browser the page picks and uploads files itself (POST /api/files).
 */
export const shellApi = {
  'vault.status': returns<VaultStatus>()(z.object({})),
  /** Re-wraps the same database key under a new passphrase; the database itself is untouched. */
  'vault.changePassphrase': returns<{ changed: true }>()(z.object({ current: passphraseSubmissionSchema, next: newPassphraseSchema })),
  /** A new random key: the database and its backups are re-encrypted (PRAGMA rekey) and the key re-wrapped. */
  'vault.rotateKey': returns<KeyRotation>()(z.object({ passphrase: passphraseSubmissionSchema.optional() })),
  /** Starts Inflow again (applying a staged restore); `reload` tells a browser page to load itself again. */
  'app.restart': returns<{ reload: boolean }>()(z.object({})),
  /** The desktop updater: where it is, a check now, or a restart onto a downloaded update; `off` (saying why) elsewhere. */
  'app.update': returns<UpdateStatus>()(z.object({ action: updateActionSchema })),
  /** Lets the user choose a file of these extensions; the host stages it for the core. Null when cancelled. */
  'file.pick': returns<StagedFile | null>()(z.object({ accept: z.array(z.string().regex(/^\.\w{1,8}$/, 'an extension like ".csv"')).max(20) })),
  /** Stages a file the user dropped on the window, from its bytes (a dropped file's path is never trusted). */
  'file.stageDropped': returns<StagedFile>()(droppedFileSchema),
} as const;

export type ShellApi = typeof shellApi;
export type ShellProcedureName = keyof ShellApi;
export type ShellInput<P extends ShellProcedureName> = z.input<ShellApi[P]['input']>;
export type ShellOutput<P extends ShellProcedureName> = ShellApi[P]['output'];
/** Run by the desktop window's IPC host (a dialog, bytes over IPC); a browser page picks and uploads files itself. */
export const FILE_PROCEDURES = ['file.pick', 'file.stageDropped'] as const satisfies readonly ShellProcedureName[];
export type FileProcedureName = (typeof FILE_PROCEDURES)[number];

export function isFileProcedure(name: string): name is FileProcedureName {
  return (FILE_PROCEDURES as readonly string[]).includes(name);
}

export function isShellProcedureName(name: string): name is ShellProcedureName {
  return Object.hasOwn(shellApi, name);
}
