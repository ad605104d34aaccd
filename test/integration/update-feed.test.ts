import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { applyKey } from '../../electron/db/open';
import { tempCore, type TempCore } from '../helpers/temp-core';

/**
 * The update feed is fixed at build time (electron-builder's publish config): no setting can name
 * one, and an address an older version stored is ignored.
 */
let t: TempCore;
beforeEach(() => {
  t = tempCore();
});
afterEach(async () => {
  await t.dispose();
});

describe('update feed', () => {
  it('is not a setting: saving an update address is refused, naming the field', async () => {
    await expect(
      t.core.call('settings.shell.save', { keepBackups: 7, notifications: true, updateUrl: 'https://evil.example/feed' } as never),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('updateUrl') });
    expect(await t.core.call('settings.shell.get', {})).not.toHaveProperty('updateUrl');
    expect(await t.core.call('settings.shell.save', { keepBackups: 9, notifications: false })).toMatchObject({ keepBackups: 9, notifications: false });
  });

  it('ignores an address an older version stored, keeping the other shell settings', async () => {
    await t.core.close();
    const legacy = JSON.stringify({ updateUrl: 'https://evil.example/feed', keepBackups: 12, notifications: false });
    const sqlite = new Database(t.dbPath);
    applyKey(sqlite, t.key);
    sqlite.prepare("INSERT INTO settings (key, value) VALUES ('shell', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(legacy);
    sqlite.close();
    t = { ...t, core: openCore({ dbPath: t.dbPath, key: t.key }) };
    const shell = await t.core.call('settings.shell.get', {});
    expect(shell).toMatchObject({ keepBackups: 12, notifications: false });
    expect(shell).not.toHaveProperty('updateUrl');
  });
});
