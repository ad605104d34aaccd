import { z } from 'zod';

/** Settings of the desktop shell itself, kept in the encrypted database with the rest. */
export const shellSettingsSchema = z.object({
  /** electron-updater's generic provider: a folder holding latest.yml and the installers; '' turns updates off. */
  updateUrl: z.union([z.literal(''), z.string().trim().max(500).regex(/^https:\/\/[^\s/@]+(\/[^\s]*)?$/, 'an https:// address')]).default(''),
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

/** Where the updater is; the Settings screen shows it and offers "Check now" / "Restart to update". */
export interface UpdateStatus {
  state: 'off' | 'idle' | 'checking' | 'up-to-date' | 'downloading' | 'ready' | 'waiting' | 'error';
  /** The version on offer, once known. */
  version: string | null;
  /** One line for the user: why updates are off, what failed, what the restart waits for. */
  message: string | null;
  checkedAt: string | null;
}
