import { AppError } from '../../shared/errors';
import { listBackups } from './backup';
import { withKeyedFile } from './open';

/**
 * Re-encrypts a closed database file under a new key, with the same cipher settings `openDatabase`
 * uses (SQLCipher 4), so the file still opens there and in any SQLCipher tool. SQLite3 Multiple
 * Ciphers cannot rekey a WAL database, so the WAL is folded in and the file switched to a rollback
 * journal for the rekey, then back.
 */
export function rekeyDatabase(path: string, oldKey: Buffer, newKey: Buffer): void {
  withKeyedFile(path, oldKey, { readonly: false }, (sqlite) => {
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma(`rekey="x'${newKey.toString('hex')}'"`);
    sqlite.pragma('journal_mode = WAL');
  });
}

/** Whether a key opens a database file (nothing is written): decides which key an interrupted rotation left. */
export function databaseOpensWith(path: string, key: Buffer): boolean {
  try {
    return withKeyedFile(path, key, { readonly: true }, () => true);
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

/**
 * Key rotation: the database and every rolling backup move to the new key, so an old key (the reason
 * to rotate) opens nothing. A backup the old key does not open (left by an earlier, interrupted
 * rotation) is reported, not destroyed.
 */
export function rotateDatabaseKey(path: string, oldKey: Buffer, newKey: Buffer): { backups: number; skipped: string[] } {
  rekeyDatabase(path, oldKey, newKey);
  const skipped: string[] = [];
  let backups = 0;
  for (const backup of listBackups(path)) {
    if (!databaseOpensWith(backup, oldKey)) {
      skipped.push(backup);
      continue;
    }
    rekeyDatabase(backup, oldKey, newKey);
    backups++;
  }
  return { backups, skipped };
}
