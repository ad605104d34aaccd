import { copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makePrivate } from './private-files';
import type { SqliteDb } from './sqlite';

/**
 * Copies the (still encrypted) database file beside itself. The WAL is checkpointed first so the main
 * file holds every committed page; copying bytes keeps the copy under the same key and cipher.
 * With `keep`, only the newest that many copies stay, so backups never fill a disk. The database
 * layer takes none (it cannot read the user's setting); the core prunes to it when it opens.
 */
export function backupDatabase(db: SqliteDb, path: string, reason: string, now: Date = new Date(), keep = Number.POSITIVE_INFINITY): string {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${path}.bak-${stamp}-${reason}`;
  copyFileSync(path, target);
  makePrivate(target);
  pruneBackups(path, keep);
  return target;
}

const DAY_MS = 86_400_000;

/** A rolling daily copy: taken at open when the newest backup is more than a day old. */
export function backupIfDue(db: SqliteDb, path: string, now: Date = new Date(), keep = Number.POSITIVE_INFINITY): string | null {
  const newest = listBackups(path).at(-1);
  if (newest && now.getTime() - statSync(newest).mtimeMs < DAY_MS) return null;
  return backupDatabase(db, path, 'daily', now, keep);
}

/** What SQLite leaves beside a file it opened (a backup previewed, a copy rekeyed): part of that backup, not one of its own. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

export function listBackups(path: string): string[] {
  const dir = dirname(path);
  if (!existsSync(dir)) return [];
  const prefix = `${basename(path)}.bak-`;
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && !SIDE_FILES.some((suffix) => f.endsWith(suffix)))
    .sort()
    .map((f) => join(dir, f));
}

/** Keeps the newest `keep` copies (names sort by their timestamp). */
export function pruneBackups(path: string, keep: number): void {
  const backups = listBackups(path);
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) {
    for (const file of [old, ...SIDE_FILES.map((suffix) => old + suffix)]) rmSync(file, { force: true });
  }
}
