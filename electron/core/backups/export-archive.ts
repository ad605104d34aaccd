import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExportResult } from '../../../shared/backups';
import { AppError } from '../../../shared/errors';
import { derivePassphraseKey, KEY_BYTES, PASSPHRASE_SCRYPT } from '../../db/key';
import { makePrivate, makePrivateDir, PRIVATE_FILE_MODE } from '../../db/private-files';
import { rekeyDatabase } from '../../db/rekey';
import type { SqliteDb } from '../../db/sqlite';

/**
 * Everything, as an archive that opens on another machine: a `VACUUM INTO` copy of the database
 * (consistent while the app runs, compacted), re-encrypted under a key derived from a passphrase the
 * user chooses (the app's own key stays in this machine's keychain), and a manifest saying how to
 * derive that key. Any SQLCipher 4 tool opens the copy given the derived key.
 */
export function exportArchive(
  sqlite: SqliteDb,
  dbPath: string,
  key: Buffer,
  passphrase: string,
  now: Date,
  appVersion: string,
  scrypt = PASSPHRASE_SCRYPT,
): ExportResult {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const folder = join(dirname(dbPath), 'exports', `inflow-export-${stamp}`);
  if (existsSync(folder)) throw new AppError('CONFLICT', `${folder} already exists.`);
  makePrivateDir(dirname(folder));
  makePrivateDir(folder);
  const copy = join(folder, 'inflow.db');
  sqlite.prepare('VACUUM INTO ?').run(copy);
  makePrivate(copy);
  const salt = randomBytes(16);
  const exportKey = derivePassphraseKey(passphrase, salt, scrypt);
  rekeyDatabase(copy, key, exportKey);
  const manifest = {
    format: 'inflow-export',
    version: 1,
    createdAt: now.toISOString(),
    appVersion,
    schemaVersion: sqlite.pragma('user_version', { simple: true }) as number,
    database: { file: 'inflow.db', cipher: 'sqlcipher', legacy: 4 },
    key: { derivation: 'scrypt', ...scrypt, keyLength: KEY_BYTES, salt: salt.toString('base64'), passphraseNormalization: 'NFC' },
  };
  writeFileSync(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  return { folder, files: ['inflow.db', 'manifest.json'] };
}
