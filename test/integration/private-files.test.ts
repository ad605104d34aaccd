import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePrivateDir } from '../../electron/db/private-files';
import { tempCore, type TempCore } from '../helpers/temp-core';

/** Another OS user cannot read the book's files: database, side files, backups, staged restores, exports. */
let t: TempCore;
const mode = (path: string): number => statSync(path).mode & 0o777;

beforeEach(() => {
  // A permissive umask, as most desktops have: what we create must not depend on the user's.
  process.umask(0o022);
  t = tempCore();
});
afterEach(async () => {
  await t.dispose();
});

describe('owner-only data', () => {
  it('creates the database and its WAL files 0600, and backups, restores and exports owner-only', async () => {
    for (const suffix of ['', '-wal', '-shm']) expect(mode(`${t.dbPath}${suffix}`), suffix || 'db').toBe(0o600);
    const backup = await t.core.call('backups.create', {});
    expect(mode(join(t.dir, backup.name))).toBe(0o600);
    await t.core.call('backups.restore', { name: backup.name });
    expect(mode(`${t.dbPath}.restore`)).toBe(0o600);
    const exported = await t.core.call('data.export', { passphrase: 'an export passphrase' });
    expect(mode(join(t.dir, 'exports'))).toBe(0o700);
    expect(mode(exported.folder)).toBe(0o700);
    for (const file of readdirSync(exported.folder)) expect(mode(join(exported.folder, file)), file).toBe(0o600);
  });

  it('tightens an existing database an older version left readable', async () => {
    await t.core.close();
    // SQLite gives the WAL files it creates the database file's mode.
    chmodSync(t.dbPath, 0o644);
    t = { ...t, core: (await import('../../electron/core')).openCore({ dbPath: t.dbPath, key: t.key }) };
    for (const suffix of ['', '-wal', '-shm']) expect(mode(`${t.dbPath}${suffix}`), suffix || 'db').toBe(0o600);
  });

  it('makes the data folder 0700, new or left open by an older version', () => {
    const fresh = join(t.dir, 'a', 'b');
    makePrivateDir(fresh);
    expect(mode(fresh)).toBe(0o700);
    expect(mode(join(t.dir, 'a'))).toBe(0o700);
    const old = join(t.dir, 'old');
    mkdirSync(old, { mode: 0o755 });
    makePrivateDir(old);
    expect(mode(old)).toBe(0o700);
  });
});
