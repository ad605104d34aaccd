import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase, listBackups } from '../../electron/db/backup';
import { generateKey } from '../../electron/db/key';
import { openDatabase } from '../../electron/db/open';
import { databaseOpensWith } from '../../electron/db/open';
import { rekeyDatabase, rotateDatabaseKey } from '../../electron/db/rekey';

/** PRAGMA rekey on real encrypted files: the data survives, the new key opens them, the old one no longer does. */
let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-rekey-'));
  path = join(dir, 'inflow.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function seed(key: Buffer): Promise<void> {
  const database = openDatabase(path, key);
  database.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('marker', '\"before rekey\"')").run();
  await database.close();
}

describe('rekey', () => {
  it('re-encrypts a database so it reopens with the new key, keeps its data, and refuses the old key', async () => {
    const oldKey = generateKey();
    const newKey = generateKey();
    await seed(oldKey);
    rekeyDatabase(path, oldKey, newKey);
    expect(() => openDatabase(path, oldKey)).toThrow(expect.objectContaining({ code: 'DB_WRONG_KEY' }));
    const reopened = openDatabase(path, newKey);
    expect(reopened.sqlite.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({ value: '"before rekey"' });
    expect(reopened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    await reopened.close();
    expect(readFileSync(path).includes(Buffer.from('before rekey'))).toBe(false);
    expect(readFileSync(path).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('refuses to rekey with a wrong current key and leaves the file as it was', async () => {
    const key = generateKey();
    await seed(key);
    const before = readFileSync(path);
    expect(() => rekeyDatabase(path, generateKey(), generateKey())).toThrow(/wrong key/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(databaseOpensWith(path, key)).toBe(true);
  });

  it('rotation moves the rolling backups to the new key too', async () => {
    const oldKey = generateKey();
    const newKey = generateKey();
    await seed(oldKey);
    const database = openDatabase(path, oldKey);
    backupDatabase(database.sqlite, path, 'test', new Date('2026-01-01T00:00:00Z'));
    await database.close();
    const [backup] = listBackups(path);
    expect(rotateDatabaseKey(path, oldKey, newKey)).toEqual({ backups: listBackups(path).length, skipped: [] });
    expect(databaseOpensWith(backup!, newKey)).toBe(true);
    expect(databaseOpensWith(backup!, oldKey)).toBe(false);
    expect(databaseOpensWith(path, newKey)).toBe(true);
  });
});
