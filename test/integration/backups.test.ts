import { randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { listBackups } from '../../electron/db/backup';
import { databaseOpensWith } from '../../electron/db/open';

/** Backups, restore and export on real encrypted files, through the core's procedures. */
const NOW = new Date('2026-11-22T12:00:00Z');
let dir: string;
let dbPath: string;
let key: Buffer;
let core: Core | null = null;
const open = (): Core => (core = openCore({ dbPath, key, clock: () => NOW, sendMail: false }));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-backups-'));
  dbPath = join(dir, 'inflow.db');
  key = randomBytes(32);
});
afterEach(async () => {
  await core?.close();
  core = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('backups', () => {
  it('lists the rolling backups, previews one (date and counts) and restores it at the next start', async () => {
    await open().call('sample.load', {});
    const withSample = await core!.call('app.status', {});
    await core!.close();
    // Reopening takes the daily backup of the sample data.
    const [backup, ...rest] = await open().call('backups.list', {});
    expect(rest).toEqual([]);
    expect(backup).toMatchObject({ reason: 'daily', name: expect.stringMatching(/^inflow\.db\.bak-/) });
    const preview = await core!.call('backups.preview', { name: backup!.name });
    expect(preview).toMatchObject({
      customers: withSample.customers,
      invoices: withSample.invoices,
      openInvoices: withSample.openInvoices,
      schemaVersion: expect.any(Number),
    });
    // Opening a WAL file to preview it leaves -wal/-shm files beside it: they are part of it, not more backups.
    expect((await core!.call('backups.list', {})).map((b) => b.name)).toEqual([backup!.name]);

    const customerId = (await core!.call('customers.list', { asOf: '2026-11-22' }))[0]!.id;
    await core!.call('activity.addNote', { customerId, text: 'written after the backup' });
    const notesAfter = (await core!.call('customer.timeline', { customerId })).length;
    expect(await core!.call('backups.restore', { name: backup!.name })).toEqual({ restartRequired: true });
    await core!.close();

    open();
    expect((await core!.call('customer.timeline', { customerId })).length).toBe(notesAfter - 1);
    expect(existsSync(`${dbPath}.before-restore`)).toBe(true);
    expect(databaseOpensWith(`${dbPath}.before-restore`, key)).toBe(true);
  });

  it('refuses names that are not its backups', async () => {
    open();
    for (const name of ['../inflow.key', 'inflow.db', '/etc/passwd', 'inflow.db.bak-nothing']) {
      await expect(core!.call('backups.preview', { name })).rejects.toMatchObject({ code: expect.stringMatching(/NOT_FOUND|INVALID_INPUT/) });
    }
  });

  it('keeps as many backups as the setting says, also across a restart', async () => {
    // A clock that moves, so each backup gets its own timestamp.
    let at = NOW.getTime();
    core = openCore({ dbPath, key, clock: () => new Date((at += 1000)), sendMail: false });
    const { dataFolder, ...shell } = await core.call('settings.shell.get', {});
    expect(dataFolder).toBe(dir);
    await core.call('settings.shell.save', { ...shell, keepBackups: 10 });
    for (let i = 0; i < 9; i++) await core.call('backups.create', {});
    expect(await core.call('backups.list', {})).toHaveLength(9);
    await core.close();
    // Two days later (the daily backup goes by the files' times) the daily backup is the tenth: none is pruned below the setting at open.
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    for (const backup of listBackups(dbPath)) utimesSync(backup, twoDaysAgo, twoDaysAgo);
    core = openCore({ dbPath, key, clock: () => new Date((at += 1000)), sendMail: false });
    expect(await core.call('backups.list', {})).toHaveLength(10);
    await core.call('settings.shell.save', { ...shell, keepBackups: 1 });
    expect(await core.call('backups.list', {})).toHaveLength(1);
  });
});

describe('export', () => {
  it('writes an encrypted copy under a passphrase-derived key, with a manifest saying how to derive it', async () => {
    await open().call('sample.load', {});
    const result = await core!.call('data.export', { passphrase: 'an export passphrase' });
    expect(result.files).toEqual(['inflow.db', 'manifest.json']);
    const copy = join(result.folder, 'inflow.db');
    const manifest = JSON.parse(readFileSync(join(result.folder, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'inflow-export',
      database: { cipher: 'sqlcipher', legacy: 4 },
      key: { derivation: 'scrypt', N: 131072, r: 8, p: 1 },
    });
    const derived = scryptSync('an export passphrase', Buffer.from(manifest.key.salt, 'base64'), 32, {
      N: manifest.key.N,
      r: manifest.key.r,
      p: manifest.key.p,
      maxmem: 512 * 1024 * 1024,
    });
    expect(databaseOpensWith(copy, derived)).toBe(true);
    expect(databaseOpensWith(copy, key)).toBe(false);
    expect(readFileSync(copy).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    await expect(core!.call('data.export', { passphrase: 'short' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
