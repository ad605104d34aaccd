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

export interface ExportResult {
  folder: string;
  files: string[];
}
