import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { makePrivateDir, PRIVATE_FILE_MODE } from './private-files';
import type { SqliteDb } from './sqlite';

/**
 * Whether a process is still alive, asked of the operating system rather than of a clock or a PID:
 * the holder keeps SQLite's exclusive lock on a small empty file, and the OS drops that lock the
 * moment the process ends, however it ends (SIGKILL, a crash, a power cut). A PID can be reused by
 * another program, and a heartbeat needs a timeout during which a dead holder looks alive; a lock
 * has neither problem, and SQLite's locks work the same on Windows, macOS and Linux.
 */
export class ProcessLock {
  private constructor(
    readonly path: string,
    private readonly sqlite: SqliteDb,
  ) {}

  static acquire(path: string): ProcessLock {
    makePrivateDir(dirname(path));
    // Created first, so it is the owner's alone; it never holds data.
    closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
    // Another process may be probing this file at this very moment: wait out its brief lock.
    const sqlite = new Database(path, { timeout: 5000 });
    try {
      sqlite.pragma('locking_mode = EXCLUSIVE');
      // Nothing is ever written: no journal file beside it (this driver refuses OFF).
      sqlite.pragma('journal_mode = MEMORY');
      sqlite.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      sqlite.close();
      throw error;
    }
    return new ProcessLock(path, sqlite);
  }

  release(): void {
    if (!this.sqlite.open) return;
    this.sqlite.close();
    removeLockFile(this.path);
  }
}

/** true while a live process holds the lock at `path`; false once it has gone, or if there never was one. */
export function isLockHeld(path: string): boolean {
  // No file: no holder (its owner removed it on the way out, or never got to make it).
  if (!existsSync(path)) return false;
  let probe: SqliteDb;
  try {
    probe = new Database(path, { fileMustExist: true, timeout: 0 });
  } catch (error) {
    // Removed just now, by its owner leaving.
    if (!existsSync(path)) return false;
    throw error;
  }
  try {
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    probe.close();
  }
}

export function removeLockFile(path: string): void {
  rmSync(path, { force: true });
}
