import { log, safeError } from '../../log/log';
import { basename } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { BackupPreview, RecoveryStatus, RestoreResult, SkippedBackup } from '../../../shared/backups';
import { AppError, type ErrorCode, type ErrorShape } from '../../../shared/errors';
import { listBackups } from '../../db/backup';
import { MIGRATIONS } from '../../db/migrations';
import { applyKey, diagnoseDatabase, INFLOW_APPLICATION_ID, proveKey } from '../../db/open';
import { applyPendingRestore, stageRestore } from '../../db/restore';
import { parseProcedureInput } from '../dispatch';
import { backupPath, previewBackup } from './backup-files';

/**
 * Recovery when the database cannot be opened: find the newest backup that is whole (opens with the
 * key, passes integrity_check, a schema this version knows), show what it holds, and put it in place
 * of the broken file, which is kept beside it as `.corrupt-<time>`: nothing of the user's is deleted.
 */
export function recoveryStatus(dbPath: string, key: Buffer, problem: ErrorShape): RecoveryStatus {
  const skipped: SkippedBackup[] = [];
  for (const backup of listBackups(dbPath).reverse()) {
    const name = basename(backup);
    const reason = whyNotRestorable(backup, key);
    if (!reason) return { problem, latest: previewBackup(dbPath, name, key), skipped };
    skipped.push({ name, reason });
  }
  return { problem, latest: null, skipped };
}

/** Restores one backup over a database that does not open; a healthy database or a wrong key is refused untouched. */
export function restoreOverBrokenDatabase(dbPath: string, key: Buffer, name: string, now: Date): RestoreResult {
  const backup = backupPath(dbPath, name);
  const problem = diagnoseDatabase(dbPath, key);
  if (!problem) throw new AppError('CONFLICT', `${dbPath} opens and checks out; restore a backup from Settings → Backups instead.`);
  if (problem.code === 'DB_WRONG_KEY') throw problem;
  const reason = whyNotRestorable(backup, key);
  if (reason) throw new AppError('CONFLICT', `The backup ${name} cannot be restored: ${reason}.`);
  const restored: BackupPreview = previewBackup(dbPath, name, key);
  stageRestore(dbPath, backup, key);
  const keptAs = `${dbPath}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  applyPendingRestore(dbPath, keptAs);
  return { restored, keptAs };
}

function whyNotRestorable(path: string, key: Buffer): string | null {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(path, { fileMustExist: true, readonly: true });
    applyKey(sqlite, key);
    try {
      proveKey(sqlite, path);
    } catch (error) {
      log.info('backup.unusable', { reason: 'key', ...safeError(error) });
      return 'it does not open with this key (damaged, or from another key)';
    }
    if (sqlite.pragma('application_id', { simple: true }) !== INFLOW_APPLICATION_ID) return 'it is not an Inflow database';
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) return `it was written by a newer Inflow (schema ${version})`;
    const check = sqlite.pragma('integrity_check', { simple: true }) as string;
    return check === 'ok' ? null : `it is damaged (${check.split('\n')[0]})`;
  } catch (error) {
    log.info('backup.unusable', { reason: 'damaged', ...safeError(error) });
    return `it is damaged (${(error as Error).message})`;
  } finally {
    sqlite?.close();
  }
}

/** Open failures a window can explain (and, for damage, repair from a backup) rather than refusing to start. */
export const RECOVERABLE: ReadonlySet<ErrorCode> = new Set(['DB_CORRUPT', 'DB_WRONG_KEY', 'DB_TOO_NEW', 'DB_CANNOT_OPEN']);

export interface Recovery {
  /** Answers recovery.status and recovery.restore; any other procedure fails with the open error. */
  dispatch(name: string, input: unknown): Promise<unknown>;
  /** The same two, typed, for a host that calls them itself (the CLI's `restore`). */
  status(): Promise<RecoveryStatus>;
  restore(name: string): Promise<RestoreResult>;
}

/** What a host serves instead of the core while its database does not open. */
export function openRecovery(dbPath: string, key: Buffer, problem: ErrorShape, clock: () => Date = () => new Date()): Recovery {
  const recovery: Recovery = {
    status: async () => recoveryStatus(dbPath, key, problem),
    restore: async (name) => restoreOverBrokenDatabase(dbPath, key, parseProcedureInput('recovery.restore', { name }).name, clock()),
    dispatch: async (name, input) => {
      if (name === 'recovery.status') return recovery.status();
      if (name === 'recovery.restore') return recovery.restore(parseProcedureInput('recovery.restore', input).name);
      throw new AppError(problem.code, problem.message, problem.details);
    },
  };
  return recovery;
}
