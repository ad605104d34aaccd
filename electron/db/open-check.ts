import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { AppError } from '../../shared/errors';
import { listBackups } from './backup';
import { keyCheckPath, keyMatchesRecord } from './key-check';

/**
 * Why a database file cannot be opened, found by reading it only: the user's file is evidence, and
 * a wrong key must never lead to anything being written. Each answer is one of three codes:
 * DB_WRONG_KEY, DB_CORRUPT (damaged, truncated, emptied, its log lost) or DB_CANNOT_OPEN (not ours).
 */
const PLAIN_SQLITE_HEADER = 'SQLite format 3\0';
const WAL_INDEX_VERSION = 3007000;
const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;

/** Problems visible before SQLite touches the file (SQLite would silently "repair" some of them). */
export function checkFileBeforeOpen(path: string): void {
  if (!existsSync(path)) return;
  const size = statSync(path).size;
  if (size === 0) {
    // A file SQLite created but never wrote is a new database; one that once held data is not.
    if (existsSync(keyCheckPath(path)) || listBackups(path).length > 0) {
      throw corrupt(path, 'the file is empty (0 bytes), though it held data before', 'empty');
    }
    return;
  }
  if (readBytes(path, 0, 16).toString('latin1') === PLAIN_SQLITE_HEADER) {
    throw new AppError('DB_CANNOT_OPEN', `${path} is an unencrypted SQLite file, not an Inflow database.`, { reason: 'unencrypted' });
  }
  const lost = framesMissingFromWal(path);
  if (lost > 0) {
    throw corrupt(path, `its write-ahead log (${path}-wal) is missing or cut short: the ${lost} most recent page writes are lost`, 'wal-missing');
  }
}

/**
 * The first read failed. SQLITE_CORRUPT means damage (a truncated file fails here: its header
 * names more pages than it has). SQLITE_NOTADB is either a wrong key or a damaged first page: the
 * key record, or failing that a backup the key opens, says which.
 */
export function explainOpenFailure(path: string, key: Buffer, error: unknown, opensBackup: (backup: string) => boolean): AppError {
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_CORRUPT') return corrupt(path, 'the file is damaged or cut short', 'damaged');
  if (code !== 'SQLITE_NOTADB') return new AppError('DB_CANNOT_OPEN', `${path} cannot be opened: ${(error as Error).message}`);
  // Without a key record, the backups (same key, same cipher) vouch: the key opens one, or none at all.
  const backups = listBackups(path);
  const rightKey = keyMatchesRecord(path, key) ?? (backups.length === 0 ? null : backups.some(opensBackup));
  if (rightKey === true) return corrupt(path, 'its first page does not decrypt with the right key (damaged or overwritten header)', 'damaged');
  if (rightKey === false) {
    return new AppError('DB_WRONG_KEY', `${path} cannot be opened with this key: it was written under another key. Nothing was changed.`, {
      reason: 'wrong-key',
    });
  }
  return new AppError('DB_CANNOT_OPEN', `${path} cannot be opened: wrong key, or not an Inflow database (or the file is damaged).`, { reason: 'unknown' });
}

function corrupt(path: string, why: string, reason: string): AppError {
  return new AppError('DB_CORRUPT', `${path} is damaged: ${why}. Restore it from the latest backup.`, { reason });
}

/**
 * A crash leaves the -wal and -shm files; the WAL holds committed changes not yet copied into the
 * main file. The -shm (plain, never encrypted) says how many frames the WAL has and how many were
 * copied: if the WAL is gone or shorter, SQLite would open the older main file as if nothing happened.
 */
function framesMissingFromWal(path: string): number {
  const shmPath = `${path}-shm`;
  if (!existsSync(shmPath) || statSync(shmPath).size < 136) return 0;
  const shm = readBytes(shmPath, 0, 136);
  const u32 = (offset: number): number => (endianness() === 'LE' ? shm.readUInt32LE(offset) : shm.readUInt32BE(offset));
  const u16 = (offset: number): number => (endianness() === 'LE' ? shm.readUInt16LE(offset) : shm.readUInt16BE(offset));
  if (u32(0) !== WAL_INDEX_VERSION || shm[12] !== 1) return 0;
  const pageSize = u16(14) === 1 ? 65_536 : u16(14);
  const frames = u32(16);
  const copied = u32(96);
  if (frames <= copied) return 0;
  const walPath = `${path}-wal`;
  const walBytes = existsSync(walPath) ? statSync(walPath).size : 0;
  const present = Math.max(0, Math.floor((walBytes - WAL_HEADER_BYTES) / (WAL_FRAME_HEADER_BYTES + pageSize)));
  return Math.max(0, frames - Math.max(present, copied));
}

function readBytes(path: string, position: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, position);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
