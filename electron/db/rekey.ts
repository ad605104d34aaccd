import { listBackups } from './backup';
import { keyMatchesRecord, recordKey } from './key-check';
import { databaseOpensWith, withKeyedFile } from './open';

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
  // A database's key record follows its key (a copy being exported has none and gets none).
  if (keyMatchesRecord(path, oldKey) !== null) recordKey(path, newKey);
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
