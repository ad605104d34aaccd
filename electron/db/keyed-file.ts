import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import type { SqliteDb } from './sqlite';

/**
 * Keys a fresh connection; every connection to an Inflow file (the live one, a backup previewed or
 * restored, a copy rekeyed, a key or damage check) goes through here before its first read.
 */
export function applyKey(sqlite: SqliteDb, key: Buffer): void {
  // SQLCipher 4 format so the file opens in any SQLCipher-compatible tool given the key.
  sqlite.pragma("cipher='sqlcipher'");
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
  // The cipher encrypts the database and its WAL only: a sort, an index build or a VACUUM too big for
  // the cache would spill rows in plain text to $TMPDIR. Temp storage stays in memory instead.
  sqlite.pragma('temp_store = MEMORY');
}

/** A wrong key only shows at the first read, so read right away to fail at open, not later. */
export function proveKey(sqlite: SqliteDb, path: string): void {
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') {
      throw new AppError('DB_CANNOT_OPEN', `${path} cannot be opened: wrong key, or not an Inflow database.`);
    }
    throw new AppError('DB_CANNOT_OPEN', `${path} cannot be opened: ${(error as Error).message}`);
  }
}

/**
 * Opens an existing encrypted file under a key, proves the key, runs `use`, and closes it again: for
 * the files beside the database (a backup to preview or restore, a copy to rekey), never the live one.
 */
export function withKeyedFile<T>(path: string, key: Buffer, options: { readonly: boolean }, use: (sqlite: SqliteDb) => T): T {
  const sqlite = new Database(path, { fileMustExist: true, readonly: options.readonly });
  try {
    applyKey(sqlite, key);
    proveKey(sqlite, path);
    return use(sqlite);
  } finally {
    sqlite.close();
  }
}

/** Whether a key opens a database file (nothing is written): decides which key an interrupted rotation left, or whether an unreadable file's key is right. */
export function databaseOpensWith(path: string, key: Buffer): boolean {
  try {
    return withKeyedFile(path, key, { readonly: true }, () => true);
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}
