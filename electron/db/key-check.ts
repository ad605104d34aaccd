import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * A wrong key and a damaged first page look the same to SQLCipher ("file is not a database"). A keyed
 * fingerprint of the key, kept beside the database, tells them apart: it reveals nothing about a
 * 32-byte random key, and it is rewritten whenever the database opens with a different key than it names.
 */
export const keyCheckPath = (dbPath: string): string => `${dbPath}.keycheck`;

const fingerprint = (key: Buffer): string => createHmac('sha256', key).update('inflow database key check v1').digest('hex');

/** true: the key is the one the database was last opened with; false: another key; null: no record. */
export function keyMatchesRecord(dbPath: string, key: Buffer): boolean | null {
  const path = keyCheckPath(dbPath);
  if (!existsSync(path)) return null;
  const recorded = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  const expected = Buffer.from(fingerprint(key), 'hex');
  return recorded.length === expected.length && timingSafeEqual(recorded, expected);
}

export function recordKey(dbPath: string, key: Buffer): void {
  if (keyMatchesRecord(dbPath, key) === true) return;
  const path = keyCheckPath(dbPath);
  writeFileSync(`${path}.tmp`, `${fingerprint(key)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
