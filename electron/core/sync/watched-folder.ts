import { log, safeError } from '../../log/log';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, toErrorShape } from '../../../shared/errors';
import type { ConnectorCapabilities, ErpConnection, SyncResult } from '../../../shared/sync';
import { nowOf, type CoreContext } from '../context';
import { runImport, sha256 } from '../import/import-file';
import { isImportFile } from '../import/read-table';
import type { Job } from '../jobs/job-registry';
import { getSetting, setSetting, type SettingValue } from '../settings';
import { logSync, refLogged } from './sync-log';

/** What an export file can carry, depending on its preset or mapping; nothing goes back. */
export const FOLDER_CAPABILITIES: ConnectorCapabilities = {
  customers: true,
  contacts: true,
  invoices: true,
  payments: true,
  creditNotes: true,
  paymentLinks: false,
  push: false,
};

/**
 * For ERPs without an API: every export in the folder whose content Inflow has not seen is imported
 * through the ordinary import (all-or-nothing, idempotent) with the chosen preset or saved mapping.
 * Each file's result goes on the sync log once; a refused file is not retried until its content changes.
 */
export async function scanFolder(ctx: CoreContext, connection: ErpConnection, job: Job, touched?: Set<number>): Promise<SyncResult> {
  const { sqlite } = ctx.database;
  if (!connection.folder) throw new AppError('INVALID_INPUT', 'Choose the folder your ERP exports to.');
  let names: string[];
  try {
    names = (await readdir(connection.folder, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && isImportFile(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new AppError(
      'SYNC_FAILED',
      `The export folder ${connection.folder} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  const result: SyncResult = { connector: 'folder', created: 0, updated: 0, unchanged: 0, closed: 0, pushed: 0, pages: 0, cursor: null };
  const imported = sqlite.prepare('SELECT 1 FROM import_batches WHERE file_sha256 = ?');
  const known = getSetting(sqlite, 'watchedFiles');
  const settled: typeof known = {};
  for (const name of names) {
    const path = join(connection.folder, name);
    const { size, mtimeMs } = await stat(path);
    const last = known[path];
    // Same size and time as when it was last settled: the same file, not worth reading again.
    if (last && last.size === size && last.mtimeMs === mtimeMs) {
      settled[path] = last;
      continue;
    }
    const hash = await sha256(path);
    settled[path] = { size, mtimeMs, sha256: hash };
    if (imported.get(hash) || refLogged(sqlite, 'folder', hash)) continue;
    const startedAt = nowOf(ctx);
    const staged = ctx.files.stage(path, name);
    try {
      const summary = await runImport(
        ctx,
        { fileId: staged.fileId, ...(connection.mapping ? { preset: connection.mapping } : {}), snapshot: false },
        job,
        touched,
      );
      const counts = { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, closed: summary.closed, pushed: 0 };
      logSync(sqlite, {
        connector: 'folder',
        startedAt,
        finishedAt: nowOf(ctx),
        status: 'ok',
        ref: hash,
        counts,
        message: `${name}: ${summary.rows} rows of ${summary.kind} imported (${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged).`,
      });
      result.created += counts.created;
      result.updated += counts.updated;
      result.unchanged += counts.unchanged;
      result.closed += counts.closed;
      result.pages++;
    } catch (error) {
      // Cancelled: what this scan settled is not remembered, so the next one simply hashes again.
      if (error instanceof AppError && error.code === 'CANCELLED') throw error;
      log.warn('sync.folder.file-failed', { code: toErrorShape(error).code, ...(error instanceof AppError ? {} : safeError(error)) });
      logSync(sqlite, {
        connector: 'folder',
        startedAt,
        finishedAt: nowOf(ctx),
        status: 'failed',
        ref: hash,
        message: `${name}: ${toErrorShape(error).message}`,
      });
    }
  }
  rememberFiles(ctx, known, settled);
  return result;
}

/** Keeps the files still in the folder (a removed one is forgotten); written only when something changed. */
function rememberFiles(ctx: CoreContext, known: Record<string, FileStamp>, settled: Record<string, FileStamp>): void {
  if (JSON.stringify(known) !== JSON.stringify(settled)) setSetting(ctx.database.sqlite, 'watchedFiles', settled, nowOf(ctx));
}

type FileStamp = SettingValue<'watchedFiles'>[string];
