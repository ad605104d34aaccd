import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecoveryStatus, RestoreResult } from '../../shared/backups';
import type { ErrorShape } from '../../shared/errors';
import { openCore, openRecovery } from '../../electron/core';
import { listBackups } from '../../electron/db/backup';
import { damageMarkerPath } from '../../electron/db/damage-marker';
import { keyCheckPath } from '../../electron/db/key-check';
import { MIGRATIONS } from '../../electron/db/migrations';
import { applyKey, diagnoseDatabase, openDatabase } from '../../electron/db/open';
import { databaseState } from '../helpers/db-checksum';
import { runCliInProcess } from '../helpers/run-cli';

/**
 * A damaged database file, and a wrong key: each kind of damage is named as such (DB_CORRUPT), a
 * wrong key as DB_WRONG_KEY and a newer schema as DB_TOO_NEW; restoring the latest whole backup
 * keeps the broken file beside it and yields a database equal to that backup. A wrong key changes nothing.
 */
const NOW = new Date('2026-11-22T12:00:00Z');
const key = randomBytes(32);
let template: string;
const cases: string[] = [];

/** A database with the sample, one older backup and one newer that equals the database. */
beforeAll(async () => {
  template = mkdtempSync(join(tmpdir(), 'inflow-corrupt-template-'));
  const core = openCore({ dbPath: join(template, 'inflow.db'), key, clock: () => NOW, sendMail: false, scheduleSync: false });
  await core.call('sample.load', {});
  await core.call('backups.create', {});
  const customerId = (await core.call('customers.list', { asOf: '2026-11-22' }))[0]!.id;
  await core.call('activity.addNote', { customerId, text: 'after the first backup' });
  await core.close();
  // The newest backup, taken a minute later with nothing written since: the database equals it.
  const later = openCore({ dbPath: join(template, 'inflow.db'), key, clock: () => new Date(NOW.getTime() + 60_000), sendMail: false, scheduleSync: false });
  await later.call('backups.create', {});
  await later.close();
});
afterAll(() => {
  for (const dir of [template, ...cases]) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the template folder (database, backups, key record) to damage. */
function copyOfTemplate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-corrupt-'));
  cases.push(dir);
  for (const name of readdirSync(template)) copyFileSync(join(template, name), join(dir, name));
  return join(dir, 'inflow.db');
}

function flipBytes(path: string, offset: number, count = 16): void {
  const bytes = readFileSync(path);
  for (let i = 0; i < count; i++) bytes[offset + i] = bytes[offset + i]! ^ 0xa5;
  writeFileSync(path, bytes);
}

/** Every file beside the database, by content hash. */
function filesOf(path: string): Record<string, string> {
  const dir = join(path, '..');
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      ]),
  );
}

const DAMAGE: Record<string, { damage: (path: string) => void; reason: RegExp; failsAtOpen: boolean }> = {
  'truncated to half': { damage: (p) => truncateSync(p, Math.floor(statSync(p).size / 2)), reason: /damaged or cut short/, failsAtOpen: true },
  'truncated inside the first page': { damage: (p) => truncateSync(p, 1000), reason: /first page does not decrypt/, failsAtOpen: true },
  'bytes flipped in the first page': { damage: (p) => flipBytes(p, 200), reason: /first page does not decrypt/, failsAtOpen: true },
  'bytes flipped in a data page': { damage: (p) => flipBytes(p, Math.floor(statSync(p).size / 8192) * 4096 + 300), reason: /damaged/, failsAtOpen: false },
  'zero-length file': { damage: (p) => truncateSync(p, 0), reason: /empty \(0 bytes\)/, failsAtOpen: true },
  'garbage header': {
    damage: (p) => writeFileSync(p, Buffer.concat([randomBytes(100), readFileSync(p).subarray(100)])),
    reason: /first page does not decrypt/,
    failsAtOpen: true,
  },
};

describe('a damaged database file', () => {
  for (const [kind, { damage, reason, failsAtOpen }] of Object.entries(DAMAGE)) {
    it(`${kind}: DB_CORRUPT, then the latest backup is restored and the broken file kept`, async () => {
      const path = copyOfTemplate();
      damage(path);
      const broken = readFileSync(path);
      if (failsAtOpen) expect(() => openDatabase(path, key)).toThrow(expect.objectContaining({ code: 'DB_CORRUPT', message: expect.stringMatching(reason) }));
      const problem = diagnoseDatabase(path, key)!;
      expect(problem).toMatchObject({ code: 'DB_CORRUPT', message: expect.stringMatching(reason) });
      await expectRestoredFromNewest(path, problem.toShape(), broken);
    });
  }

  it('damage that a read meets is checked for at the next open, which then offers the restore; a good file clears the mark', async () => {
    const path = copyOfTemplate();
    // The invoices table's root page: every read of the table goes through it.
    const sqlite = new Database(path, { fileMustExist: true, readonly: true });
    applyKey(sqlite, key);
    const { rootpage } = sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'invoices'").get() as { rootpage: number };
    sqlite.close();
    flipBytes(path, (rootpage - 1) * 4096 + 300);
    const core = openCore({ dbPath: path, key, clock: () => NOW, sendMail: false, scheduleSync: false });
    await expect(core.call('app.status', {})).rejects.toMatchObject({ code: 'DB_CORRUPT' });
    await core.close();
    expect(existsSync(damageMarkerPath(path))).toBe(true);
    const broken = readFileSync(path);
    expect(() => openDatabase(path, key)).toThrow(expect.objectContaining({ code: 'DB_CORRUPT', message: expect.stringMatching(/damaged/) }));
    // Restoring ends by opening the restored file, whose pages check out: the mark is gone.
    await expectRestoredFromNewest(path, diagnoseDatabase(path, key)!.toShape(), broken);
    expect(existsSync(damageMarkerPath(path))).toBe(false);
  });

  it('a missing write-ahead log beside its -shm: the lost commits are reported, not silently dropped', async () => {
    const path = copyOfTemplate();
    // A core killed mid-work leaves committed pages in the WAL; copy the files as a crash left them, minus the WAL.
    const live = openCore({ dbPath: join(template, 'inflow.db'), key, clock: () => NOW, sendMail: false, scheduleSync: false });
    const customerId = (await live.call('customers.list', { asOf: '2026-11-22' }))[0]!.id;
    await live.call('activity.addNote', { customerId, text: 'only in the WAL' });
    copyFileSync(join(template, 'inflow.db'), path);
    copyFileSync(join(template, 'inflow.db-shm'), `${path}-shm`);
    await live.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const broken = readFileSync(path);
    expect(() => openDatabase(path, key)).toThrow(
      expect.objectContaining({ code: 'DB_CORRUPT', message: expect.stringMatching(/write-ahead log .* is missing or cut short/) }),
    );
    const problem = diagnoseDatabase(path, key)!;
    expect(problem.code).toBe('DB_CORRUPT');
    await expectRestoredFromNewest(path, problem.toShape(), broken);
    // The -shm that told of the lost log went aside with the broken file.
    expect(readdirSync(join(path, '..')).some((f) => f.includes('.corrupt-') && f.endsWith('-shm'))).toBe(true);
  });

  it('skips a damaged newest backup and restores the one before it', async () => {
    const path = copyOfTemplate();
    const [older, newer] = listBackups(path);
    flipBytes(newer!, 4096 * 3 + 100);
    truncateSync(path, 0);
    const recovery = openRecovery(path, key, diagnoseDatabase(path, key)!.toShape(), () => NOW);
    const status = (await recovery.dispatch('recovery.status', {})) as RecoveryStatus;
    expect(status.skipped).toEqual([{ name: newer!.split('/').pop(), reason: expect.stringMatching(/damaged/) }]);
    expect(status.latest?.name).toBe(older!.split('/').pop());
    await recovery.dispatch('recovery.restore', { name: status.latest!.name });
    expect(databaseState(path, key)).toEqual(databaseState(older!, key));
  });
});

describe('the CLI', () => {
  const cli = (args: string[]) => runCliInProcess(args, { PATH: process.env.PATH, HOME: process.env.HOME, INFLOW_DB_KEY: key.toString('hex') });

  it('exits 2 on a damaged database, says how to restore, and restore --latest brings it back', async () => {
    const path = copyOfTemplate();
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const refused = await cli(['aging', '--db', path]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is damaged: the file is damaged or cut short/);
    expect(refused.stderr).toContain('restore --db PATH --latest');
    const restored = await cli(['restore', '--db', path, '--latest', '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    const result = JSON.parse(restored.stdout) as RestoreResult;
    expect(result.restored.name).toBe(listBackups(path).at(-1)!.split('/').pop());
    expect(existsSync(result.keptAs)).toBe(true);
    expect(diagnoseDatabase(path, key)).toBeNull();
  });
});

describe('not damage', () => {
  it('a wrong key: DB_WRONG_KEY, no backup offered, and a restore attempt changes no file', async () => {
    const path = copyOfTemplate();
    const before = filesOf(path);
    const wrong = randomBytes(32);
    expect(() => openDatabase(path, wrong)).toThrow(expect.objectContaining({ code: 'DB_WRONG_KEY' }));
    const problem = diagnoseDatabase(path, wrong)!;
    expect(problem.code).toBe('DB_WRONG_KEY');
    const recovery = openRecovery(path, wrong, problem.toShape(), () => NOW);
    const status = (await recovery.dispatch('recovery.status', {})) as RecoveryStatus;
    expect(status.latest).toBeNull();
    expect(status.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/does not open with this key/),
      expect.stringMatching(/does not open with this key/),
    ]);
    for (const backup of listBackups(path)) {
      await expect(recovery.dispatch('recovery.restore', { name: backup.split('/').pop() })).rejects.toMatchObject({ code: 'DB_WRONG_KEY' });
    }
    expect(filesOf(path)).toEqual(before);
  });

  it('a wrong key with no key record still is not taken for damage when a backup proves the key', () => {
    const path = copyOfTemplate();
    rmSync(keyCheckPath(path));
    flipBytes(path, 200);
    expect(diagnoseDatabase(path, key)).toMatchObject({ code: 'DB_CORRUPT' });
    const wrong = diagnoseDatabase(path, randomBytes(32));
    expect(wrong, wrong?.message).toMatchObject({ code: 'DB_WRONG_KEY' });
  });

  it('a database written by a newer Inflow: DB_TOO_NEW, untouched', () => {
    const path = copyOfTemplate();
    const raw = new Database(path);
    applyKey(raw, key);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    const before = filesOf(path);
    expect(() => openDatabase(path, key)).toThrow(expect.objectContaining({ code: 'DB_TOO_NEW', message: expect.stringMatching(/newer Inflow/) }));
    expect(diagnoseDatabase(path, key)).toMatchObject({ code: 'DB_TOO_NEW' });
    expect(filesOf(path)).toEqual(before);
  });

  it('a healthy database is never "restored" over', async () => {
    const path = copyOfTemplate();
    expect(diagnoseDatabase(path, key)).toBeNull();
    const recovery = openRecovery(path, key, { code: 'DB_CORRUPT', message: 'claimed' }, () => NOW);
    await expect(recovery.dispatch('recovery.restore', { name: listBackups(path)[0]!.split('/').pop() })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

/** Restores through the recovery procedures and checks the result against the newest backup. */
async function expectRestoredFromNewest(path: string, problem: ErrorShape, broken: Buffer): Promise<void> {
  const newest = listBackups(path).at(-1)!;
  const expected = databaseState(newest, key);
  const recovery = openRecovery(path, key, problem, () => NOW);
  const status = (await recovery.dispatch('recovery.status', {})) as RecoveryStatus;
  expect(status.latest).toMatchObject({
    name: newest.split('/').pop(),
    customers: expect.any(Number),
    activities: expect.any(Number),
    takenAt: expect.any(String),
  });
  expect(status.latest!.customers).toBeGreaterThan(0);
  const result = (await recovery.dispatch('recovery.restore', { name: status.latest!.name })) as RestoreResult;
  expect(result.keptAs).toMatch(/inflow\.db\.corrupt-2026-11-22T12-00-00-000Z$/);
  expect(readFileSync(result.keptAs).equals(broken)).toBe(true);
  const restored = databaseState(path, key);
  expect(restored.integrity).toBe('ok');
  expect(restored.checksum).toBe(expected.checksum);
  const core = openCore({ dbPath: path, key, clock: () => NOW, sendMail: false, scheduleSync: false });
  expect((await core.call('app.status', {})).customers).toBe(status.latest!.customers);
  await core.close();
}
