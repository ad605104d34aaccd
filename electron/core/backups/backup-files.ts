import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackupInfo, BackupPreview } from '../../../shared/backups';
import { AppError } from '../../../shared/errors';
import { listBackups } from '../../db/backup';
import { withKeyedFile } from '../../db/open';

/** `inflow.db.bak-2026-11-22T12-00-00-000Z-daily` → its time and reason. */
const STAMP = /\.bak-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(.+)$/;

export function listBackupInfo(dbPath: string): BackupInfo[] {
  return listBackups(dbPath).map(describeBackup).reverse();
}

/** Resolves a name from the window to a backup of this database, never to any other file. */
export function backupPath(dbPath: string, name: string): string {
  const path = join(dirname(dbPath), basename(name));
  if (basename(name) !== name || !listBackups(dbPath).includes(path)) throw new AppError('NOT_FOUND', `There is no backup called "${name}".`);
  return path;
}

/** Opens the backup read-only under the database key and counts what it holds. */
export function previewBackup(dbPath: string, name: string, key: Buffer): BackupPreview {
  const path = backupPath(dbPath, name);
  return withKeyedFile(path, key, { readonly: true }, (sqlite) => {
    const count = (sql: string): number => (sqlite.prepare(sql).get() as { n: number }).n;
    const latest = sqlite
      .prepare('SELECT MAX(at) AS at FROM (SELECT MAX(occurred_at) AS at FROM activities UNION ALL SELECT MAX(committed_at) FROM import_batches)')
      .get() as { at: string | null };
    return {
      ...describeBackup(path),
      schemaVersion: sqlite.pragma('user_version', { simple: true }) as number,
      customers: count('SELECT count(*) AS n FROM customers'),
      invoices: count('SELECT count(*) AS n FROM invoices'),
      openInvoices: count("SELECT count(*) AS n FROM invoices WHERE status = 'open'"),
      activities: count('SELECT count(*) AS n FROM activities'),
      latestActivityAt: latest.at,
    };
  });
}

export function describeBackup(path: string): BackupInfo {
  const match = STAMP.exec(path);
  const stats = statSync(path);
  return {
    name: basename(path),
    takenAt: match ? `${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z` : stats.mtime.toISOString(),
    reason: match?.[6] ?? 'backup',
    sizeBytes: stats.size,
  };
}
