import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../shared/errors';
import { backupDatabase, backupIfDue } from './backup';
import { MIGRATIONS } from './migrations';
import { applyPendingRestore } from './restore';
import type { Migration } from './migrations/migration';
import type { DB } from './schema';
import type { SqliteDb } from './sqlite';

/** PRAGMA application_id of every Inflow database ("INFL"), so a foreign SQLite file is refused. */
export const INFLOW_APPLICATION_ID = 0x494e464c;
const PLAIN_SQLITE_HEADER = 'SQLite format 3\0';

export interface OpenDatabase {
  sqlite: SqliteDb;
  db: Kysely<DB>;
  path: string;
  /** Backup taken before migrating, if a migration ran on an existing database. */
  migrationBackup: string | null;
  close(): Promise<void>;
}

/**
 * Opens (or creates) the encrypted database. Every failure is an AppError with a one-line message
 * and leaves an existing file byte-for-byte untouched: nothing is written before the key is proven.
 */
export function openDatabase(
  path: string,
  key: Buffer,
  migrations: readonly Migration[] = MIGRATIONS,
): OpenDatabase {
  applyPendingRestore(path);
  const existed = existsSync(path) && statSync(path).size > 0;
  if (existed && readHeader(path) === PLAIN_SQLITE_HEADER) {
    throw new AppError('DB_CANNOT_OPEN', `${path} is an unencrypted SQLite file, not an Inflow database.`);
  }
  const sqlite = new Database(path, { fileMustExist: existed });
  try {
    applyKey(sqlite, key);
    proveKey(sqlite, path);
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    const applicationId = sqlite.pragma('application_id', { simple: true }) as number;
    if (existed && applicationId !== INFLOW_APPLICATION_ID && !(applicationId === 0 && version === 0 && isEmpty(sqlite))) {
      throw new AppError('DB_CANNOT_OPEN', `${path} is a database, but not an Inflow database.`);
    }
    if (version > migrations.length) {
      throw new AppError(
        'DB_TOO_NEW',
        `${path} was written by a newer Inflow (schema ${version}, this version knows ${migrations.length}); update Inflow to open it.`,
      );
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const migrationBackup =
      existed && version > 0 && version < migrations.length ? backupDatabase(sqlite, path, `before-v${version + 1}`) : null;
    migrate(sqlite, migrations, version);
    if (existed) backupIfDue(sqlite, path);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    return {
      sqlite,
      db,
      path,
      migrationBackup,
      // Kysely closes the driver only if it ever opened a connection itself, so close it here too:
      // a handle left open keeps the file locked (rekey, restore).
      close: async () => {
        await db.destroy();
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

export function applyKey(sqlite: SqliteDb, key: Buffer): void {
  // SQLCipher 4 format so the file opens in any SQLCipher-compatible tool given the key.
  sqlite.pragma("cipher='sqlcipher'");
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
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

function isEmpty(sqlite: SqliteDb): boolean {
  const row = sqlite.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number };
  return row.n === 0;
}

function migrate(sqlite: SqliteDb, migrations: readonly Migration[], from: number): void {
  for (let index = from; index < migrations.length; index++) {
    const migration = migrations[index]!;
    sqlite.transaction(() => {
      if (index === 0) sqlite.pragma(`application_id = ${INFLOW_APPLICATION_ID}`);
      migration.up(sqlite);
      sqlite.pragma(`user_version = ${index + 1}`);
    })();
  }
}

function readHeader(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const read = readSync(fd, buffer, 0, 16, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}
