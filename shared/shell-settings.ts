import { z } from 'zod';

/**
 * Settings of the desktop shell itself, kept in the encrypted database with the rest. The update feed
 * is not one of them: it is fixed when the app is built, so nothing that can write settings can
 * redirect updates. (An `updateUrl` an older version stored is dropped when the value is read.)
 */
export const shellSettingsSchema = z.object({
  /** How many rolling backups to keep beside the database. */
  keepBackups: z.number().int().min(1).max(60).default(7),
  /** Whether the OS may be asked to show reminders (promises due, sends finished). */
  notifications: z.boolean().default(true),
});
export type ShellSettings = z.output<typeof shellSettingsSchema>;
export const DEFAULT_SHELL_SETTINGS: ShellSettings = shellSettingsSchema.parse({});

/** What the shell needs to know before it may restart the app. */
export interface AppBusy {
  /** A message is going out now, or queued messages are due and the sender is not paused. */
  outboxSending: boolean;
  /** Imports, sample loads, syncs: anything in the job registry. */
  jobsRunning: number;
}

/**
 * Why the app may not restart, re-key or swap its database now, or null when it may: never in the
 * middle of a send (a message cut off mid-SMTP has an unknown fate) or a job (an import or sync would
 * have to start over). Unknown (the core did not answer) counts as busy.
 */
export function busyReason(busy: AppBusy | null): string | null {
  if (!busy) return 'Inflow could not tell whether it is busy; try again in a moment.';
  if (busy.outboxSending) return 'Emails are being sent; wait for the outbox to finish, or pause it first.';
  if (busy.jobsRunning > 0)
    return `${busy.jobsRunning === 1 ? 'An import or sync is' : `${busy.jobsRunning} imports or syncs are`} running; wait for ${busy.jobsRunning === 1 ? 'it' : 'them'} to finish.`;
  return null;
}

/** How the database key is protected, as Settings → Data and backups shows it. */
export interface VaultStatus {
  /** keychain or passphrase in the desktop app; environment in the browser host (INFLOW_DB_KEY or a throwaway key). */
  protection: 'keychain' | 'passphrase' | 'environment';
  /** Why neither change is possible here, or null. */
  unavailable: string | null;
  minPassphraseLength: number;
}

/** What a key rotation re-encrypted. */
export interface KeyRotation {
  /** Rolling backups moved to the new key with the database. */
  backups: number;
  /** Backups the old key did not open (left by an earlier interrupted rotation): kept, not re-keyed. */
  skipped: number;
}

/** Where the updater is; the Settings screen shows it and offers "Check now" / "Restart to update". */
export interface UpdateStatus {
  state: 'off' | 'idle' | 'checking' | 'up-to-date' | 'downloading' | 'ready' | 'waiting' | 'error';
  /** The version on offer, once known. */
  version: string | null;
  /** One line for the user: why updates are off, what failed, what the restart waits for. */
  message: string | null;
  checkedAt: string | null;
}
