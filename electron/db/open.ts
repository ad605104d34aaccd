import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../shared/errors';
import { backupDatabase, backupIfDue } from './backup';
import { clearDamaged, isMarkedDamaged } from './damage-marker';
import { recordKey } from './key-check';
import { MIGRATIONS } from './migrations';
import { checkFileBeforeOpen, explainOpenFailure } from './open-check';
import { makePrivate } from './private-files';
import { applyKey, databaseOpensWith } from './keyed-file';
import { applyPendingRestore } from './restore';
import type { Migration } from './migrations/migration';
import type { DB } from './schema';
import type { SqliteDb } from './sqlite';

/** PRAGMA application_id of every Inflow database ("INFL"), so a foreign SQLite file is refused. */
export const INFLOW_APPLICATION_ID = 0x494e464c;

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
export function openDatabase(path: string, key: Buffer, migrations: readonly Migration[] = MIGRATIONS): OpenDatabase {
  applyPendingRestore(path);
  checkFileBeforeOpen(path);
  const existed = existsSync(path) && statSync(path).size > 0;
  const sqlite = new Database(path, { fileMustExist: existed });
  try {
    applyKey(sqlite, key);
    proveReadable(sqlite, path, key);
    // Before WAL mode creates its side files: SQLite gives them the database file's mode.
    makePrivate(path, `${path}-wal`, `${path}-shm`);
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    const applicationId = sqlite.pragma('application_id', { simple: true }) as number;
    if (existed && applicationId !== INFLOW_APPLICATION_ID && !(applicationId === 0 && version === 0 && isEmpty(sqlite))) {
      throw new AppError('DB_CANNOT_OPEN', `${path} is a database, but not an Inflow database.`);
    }
    if (version > migrations.length) throw tooNew(path, version, migrations.length);
    if (isMarkedDamaged(path)) {
      // A read met damage last time: check every page before migrating or backing up.
      const problem = pageDamage(sqlite, path);
      if (problem) throw problem;
      clearDamaged(path);
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const migrationBackup = existed && version > 0 && version < migrations.length ? backupDatabase(sqlite, path, `before-v${version + 1}`) : null;
    migrate(sqlite, migrations, version);
    if (existed) backupIfDue(sqlite, path);
    recordKey(path, key);
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

function tooNew(path: string, version: number, known: number): AppError {
  return new AppError('DB_TOO_NEW', `${path} was written by a newer Inflow (schema ${version}, this version knows ${known}); update Inflow to open it.`);
}

/** The first read, explained when it fails: wrong key, damage, or not ours. */
function proveReadable(sqlite: SqliteDb, path: string, key: Buffer): void {
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    throw explainOpenFailure(path, key, error, (backup) => databaseOpensWith(backup, key));
  }
}

/**
 * What is wrong with a database file, without migrating, backing up or writing anything: null when
 * it opens and every page checks out (PRAGMA quick_check reads them all, so it finds damage deep in
 * the file that opening alone does not).
 */
export function diagnoseDatabase(path: string, key: Buffer, migrations: readonly Migration[] = MIGRATIONS): AppError | null {
  try {
    checkFileBeforeOpen(path);
    if (!existsSync(path)) return new AppError('DB_CORRUPT', `${path} is missing.`, { reason: 'missing' });
    const sqlite = new Database(path, { fileMustExist: true });
    try {
      applyKey(sqlite, key);
      proveReadable(sqlite, path, key);
      const version = sqlite.pragma('user_version', { simple: true }) as number;
      if (version > migrations.length) return tooNew(path, version, migrations.length);
      return pageDamage(sqlite, path);
    } finally {
      sqlite.close();
    }
  } catch (error) {
    if (error instanceof AppError) return error;
    return damaged(path, (error as Error).message);
  }
}

const damaged = (path: string, what: string): AppError =>
  new AppError('DB_CORRUPT', `${path} is damaged: ${what}. Restore it from the latest backup.`, { reason: 'damaged' });

/** PRAGMA quick_check reads every page (a damaged one may also make it throw): null when all check out. */
function pageDamage(sqlite: SqliteDb, path: string): AppError | null {
  try {
    const check = sqlite.pragma('quick_check', { simple: true }) as string;
    return check === 'ok' ? null : damaged(path, check.split('\n')[0]!);
  } catch (error) {
    return damaged(path, (error as Error).message);
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

// The keyed-file helpers live apart so restore and rekey can use them without importing the opener.
export { applyKey, databaseOpensWith, proveKey, withKeyedFile } from './keyed-file';
