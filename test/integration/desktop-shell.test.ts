import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listBackups } from '../../electron/db/backup';
import { databaseOpensWith } from '../../electron/db/open';
import { startCoreWorker } from '../../electron/hosts/core-client';
import { restartableCore, type RestartableCore } from '../../electron/hosts/restartable-core';
import { dispatchShell } from '../../electron/hosts/shell-dispatch';
import { webShellHandlers } from '../../electron/hosts/web-shell';
import { desktopShellHandlers } from '../../electron/main/desktop-shell';
import { createWithPassphrase, openVault, pendingPath, unlockWithPassphrase, type SafeStorage, type VaultEnv } from '../../electron/main/key-vault';

/**
 * The shell procedures over a real core in a worker and a real key vault (with a stand-in keychain):
 * rotation re-keys the database and its backups and re-wraps the key; a passphrase changes; a restart
 * applies a staged restore; all refused while the core is busy.
 */
const keychain: SafeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text) => Buffer.from(`KC:${text}`),
  decryptString: (data) => data.toString().slice(3),
};
const noKeychain: SafeStorage = { ...keychain, getSelectedStorageBackend: () => 'basic_text' };
const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
const WORKER = new URL('../../electron/hosts/core-worker.ts', import.meta.url);

let dir: string;
let dbPath: string;
let core: RestartableCore | null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-desktop-shell-'));
  dbPath = join(dir, 'inflow.db');
  core = null;
});
afterEach(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function desktop(safeStorage: SafeStorage, firstKey?: (env: VaultEnv) => Buffer) {
  const env: VaultEnv = { keyPath: join(dir, 'inflow.key'), safeStorage, platform: 'linux', scrypt: FAST_SCRYPT };
  const opened = firstKey ? null : openVault(env);
  const key = { current: firstKey ? firstKey(env) : (opened as { key: Buffer }).key };
  const startCore = (under: Buffer, rotateTo?: Buffer) => startCoreWorker(WORKER, dbPath, under, rotateTo ? { rotateTo } : {});
  core = await restartableCore(() => startCore(key.current));
  const relaunch = vi.fn();
  const update = vi.fn(async () => ({ state: 'up-to-date' as const, version: null, message: null, checkedAt: '2026-12-07T00:00:00.000Z' }));
  const handlers = desktopShellHandlers({ env, dbPath, core, key, startCore, relaunch, update });
  return { env, key, relaunch, update, core, call: (name: string, input: unknown) => dispatchShell(handlers, name, input) };
}

describe('desktop shell procedures', () => {
  it('rotates the key: the database and its backups open only with the new key, which the keychain now holds', async () => {
    const shell = await desktop(keychain);
    await shell.core.dispatch('sample.load', {});
    await shell.core.dispatch('backups.create', {});
    const oldKey = shell.key.current;
    expect(await shell.call('vault.status', {})).toEqual({ protection: 'keychain', unavailable: null, minPassphraseLength: 10 });
    await expect(shell.call('vault.changePassphrase', { current: 'whatever it was', next: 'a better passphrase' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/keychain: there is no passphrase/),
    });

    expect(await shell.call('vault.rotateKey', {})).toEqual({ backups: 1, skipped: 0 });
    const newKey = shell.key.current;
    expect(newKey.equals(oldKey)).toBe(false);
    expect(openVault(shell.env)).toMatchObject({ status: 'unlocked', key: newKey, pendingKey: null });
    expect(existsSync(pendingPath(shell.env.keyPath))).toBe(false);
    // The same handle reaches the restarted core, under the new key, with the data.
    expect(await shell.core.dispatch('app.status', {})).toMatchObject({ hasData: true });
    await shell.core.close();
    core = null;
    for (const file of [dbPath, ...listBackups(dbPath)]) {
      expect(databaseOpensWith(file, newKey)).toBe(true);
      expect(databaseOpensWith(file, oldKey)).toBe(false);
    }
  });

  it('with a passphrase: changes it (the key stays), and rotation asks for it and refuses a wrong one', async () => {
    const shell = await desktop(noKeychain, (env) => createWithPassphrase(env, 'the first passphrase'));
    expect(await shell.call('vault.status', {})).toMatchObject({ protection: 'passphrase' });
    await expect(shell.call('vault.changePassphrase', { current: 'the first passphrase', next: 'short' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/next: at least 10 characters/),
    });
    await expect(shell.call('vault.changePassphrase', { current: 'not the passphrase', next: 'a better passphrase' })).rejects.toMatchObject({
      message: 'Wrong passphrase.',
    });
    expect(await shell.call('vault.changePassphrase', { current: 'the first passphrase', next: 'a better passphrase' })).toEqual({ changed: true });
    expect(unlockWithPassphrase(shell.env, 'a better passphrase').key.equals(shell.key.current)).toBe(true);

    await expect(shell.call('vault.rotateKey', {})).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/needs the passphrase/) });
    await expect(shell.call('vault.rotateKey', { passphrase: 'the first passphrase' })).rejects.toMatchObject({ message: 'Wrong passphrase.' });
    const before = shell.key.current;
    await shell.call('vault.rotateKey', { passphrase: 'a better passphrase' });
    expect(unlockWithPassphrase(shell.env, 'a better passphrase').key.equals(shell.key.current)).toBe(true);
    expect(shell.key.current.equals(before)).toBe(false);
  });

  it('restarts (the core closed first, so a staged restore applies at the next start) by relaunching', async () => {
    const shell = await desktop(keychain);
    expect(await shell.call('app.restart', {})).toEqual({ reload: false });
    await vi.waitFor(() => expect(shell.relaunch).toHaveBeenCalled());
    core = null;
  });

  it('asks the updater what the Settings screen asked, refusing an action it does not know', async () => {
    const shell = await desktop(keychain);
    expect(await shell.call('app.update', { action: 'check' })).toMatchObject({ state: 'up-to-date' });
    expect(shell.update).toHaveBeenCalledWith('check');
    await expect(shell.call('app.update', { action: 'downgrade' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(shell.update).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['mail is sending', { outboxSending: true, jobsRunning: 0 }, /Emails are being sent/],
    ['a sync runs', { outboxSending: false, jobsRunning: 1 }, /An import or sync is running/],
    ['the core cannot say', null, /could not tell whether it is busy/],
  ])('refuses every change while %s, touching neither the vault nor the core', async (_case, busy, reason) => {
    const env: VaultEnv = { keyPath: join(dir, 'inflow.key'), safeStorage: keychain, platform: 'linux', scrypt: FAST_SCRYPT };
    const { key } = openVault(env) as { key: Buffer };
    const busyCore = {
      call: vi.fn(async (name: string) => {
        if (name !== 'app.busy' || busy === null) throw new Error('no answer');
        return busy;
      }),
      restart: vi.fn(),
      close: vi.fn(),
      stageFile: vi.fn(),
      onEvent: vi.fn(),
      rotated: null,
    } as unknown as RestartableCore;
    const relaunch = vi.fn();
    const handlers = desktopShellHandlers({ env, dbPath, core: busyCore, key: { current: key }, startCore: vi.fn(), relaunch, update: vi.fn() });
    for (const [name, input] of [
      ['vault.rotateKey', {}],
      ['vault.changePassphrase', { current: 'whatever it is', next: 'a better passphrase' }],
      ['app.restart', {}],
    ] as const) {
      await expect(dispatchShell(handlers, name, input)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(reason) });
    }
    expect(busyCore.restart).not.toHaveBeenCalled();
    expect(busyCore.close).not.toHaveBeenCalled();
    expect(relaunch).not.toHaveBeenCalled();
    expect(existsSync(pendingPath(env.keyPath))).toBe(false);
  });
});

describe('web host shell procedures', () => {
  it('has no vault (both changes refused with the reason) and restarts in place onto a staged restore', async () => {
    const key = Buffer.alloc(32, 7);
    core = await restartableCore(() => startCoreWorker(WORKER, dbPath, key));
    const handlers = webShellHandlers(core);
    const call = (name: string, input: unknown) => dispatchShell(handlers, name, input);
    expect(await call('vault.status', {})).toMatchObject({ protection: 'environment', unavailable: expect.stringMatching(/INFLOW_DB_KEY/) });
    await expect(call('vault.rotateKey', {})).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(call('vault.changePassphrase', { current: 'x', next: 'a better passphrase' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(call('vault.explode', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // No updater in a browser, saying so; files are picked and uploaded by the page, never over /api/shell.
    expect(await call('app.update', { action: 'check' })).toMatchObject({ state: 'off', message: 'Updates are checked by the desktop app.' });
    await expect(call('file.pick', { accept: ['.csv'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const backup = (await core.dispatch('backups.create', {})) as { name: string };
    await core.dispatch('sample.load', {});
    expect(await core.dispatch('app.status', {})).toMatchObject({ hasData: true });
    await core.dispatch('backups.restore', { name: backup.name });
    expect(await call('app.restart', {})).toEqual({ reload: true });
    // The backup was taken before the sample: the restarted core is back to an empty ledger.
    expect(await core.dispatch('app.status', {})).toMatchObject({ hasData: false });
  });
});
