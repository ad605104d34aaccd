import type { ErrorShape } from './errors';

/** A rolling backup beside the database, as Settings lists it. */
export interface BackupInfo {
  /** The file name (never a path: the core resolves it inside the data folder). */
  name: string;
  takenAt: string;
  /** daily, before-v3 (before a migration) … */
  reason: string;
  sizeBytes: number;
}

/** What a backup holds, shown before restoring it. */
export interface BackupPreview extends BackupInfo {
  schemaVersion: number;
  customers: number;
  invoices: number;
  openInvoices: number;
  activities: number;
  /** The newest activity or import in it: how up to date it is. */
  latestActivityAt: string | null;
}

/** A backup recovery passed over, newest first, and why. */
export interface SkippedBackup {
  name: string;
  reason: string;
}

/** Why the database did not open, and the newest whole backup that can replace it (null: none). */
export interface RecoveryStatus {
  /** null when the database is open and well. */
  problem: ErrorShape | null;
  latest: BackupPreview | null;
  skipped: SkippedBackup[];
}

export interface RestoreResult {
  restored: BackupPreview;
  /** Where the broken file was moved (never deleted). */
  keptAs: string;
}

export interface ExportResult {
  folder: string;
  files: string[];
}
