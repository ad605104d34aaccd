import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import { withKeyedFile } from './keyed-file';
import { makePrivate } from './private-files';

/** Where a chosen backup waits for the next start to replace the database. */
export const pendingRestorePath = (path: string): string => `${path}.restore`;

/**
 * Stages a backup to replace the database at the next open: the open database cannot be swapped
 * under a running core, and a copy staged first means a crash never leaves half a database.
 */
export function stageRestore(path: string, backup: string, key: Buffer): void {
  withKeyedFile(backup, key, { readonly: true }, () => undefined);
  copyFileSync(backup, `${pendingRestorePath(path)}.tmp`);
  makePrivate(`${pendingRestorePath(path)}.tmp`);
  renameSync(`${pendingRestorePath(path)}.tmp`, pendingRestorePath(path));
}

/**
 * Run before opening: a staged restore replaces the database, whose current file is kept beside it
 * (`.before-restore`, or a damaged one's `.corrupt-<time>`) so a wrong choice can be undone. The WAL
 * of the old file goes with it.
 */
export function applyPendingRestore(path: string, kept = `${path}.before-restore`): string | null {
  const staged = pendingRestorePath(path);
  if (!existsSync(staged)) return null;
  if (existsSync(path)) {
    rmSync(kept, { force: true });
    renameSync(path, kept);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, kept + suffix);
    }
  }
  renameSync(staged, path);
  if (!existsSync(path)) throw new AppError('DB_CANNOT_OPEN', `Restoring ${path} failed: the staged backup vanished.`);
  return kept;
}
