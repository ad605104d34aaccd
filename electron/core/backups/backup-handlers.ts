import packageJson from '../../../package.json' with { type: 'json' };
import { AppError } from '../../../shared/errors';
import { backupDatabase } from '../../db/backup';
import { stageRestore } from '../../db/restore';
import { getSetting } from '../settings';
import type { Handlers } from '../handler-types';
import { backupPath, describeBackup, listBackupInfo, previewBackup } from './backup-files';
import { exportArchive } from './export-archive';

export const backupHandlers: Handlers<
  'backups.list' | 'backups.create' | 'backups.preview' | 'backups.restore' | 'recovery.status' | 'recovery.restore' | 'data.export'
> = {
  'backups.list': (_input, ctx) => listBackupInfo(ctx.database.path),
  'backups.create': (_input, ctx) =>
    describeBackup(backupDatabase(ctx.database.sqlite, ctx.database.path, 'manual', ctx.clock(), getSetting(ctx.database.sqlite, 'shell').keepBackups)),
  'backups.preview': ({ name }, ctx) => previewBackup(ctx.database.path, name, ctx.dbKey),
  /** Takes effect at the next start (the running database cannot be swapped); the current file is kept. */
  'backups.restore': ({ name }, ctx) => {
    stageRestore(ctx.database.path, backupPath(ctx.database.path, name), ctx.dbKey);
    return { restartRequired: true };
  },
  // This core opened its database: there is nothing to recover (a broken one is served by openRecovery).
  'recovery.status': () => ({ problem: null, latest: null, skipped: [] }),
  'recovery.restore': () => {
    throw new AppError('CONFLICT', 'The database is open and well; restore a backup from Settings → Backups instead.');
  },
  'data.export': ({ passphrase }, ctx) => exportArchive(ctx.database.sqlite, ctx.database.path, ctx.dbKey, passphrase, ctx.clock(), packageJson.version),
};
