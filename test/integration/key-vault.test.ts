import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  abandonRotation,
  changePassphrase,
  commitRotation,
  createWithPassphrase,
  keychainBackend,
  openVault,
  pendingPath,
  settleRotation,
  stageRotation,
  unlockWithPassphrase,
  type SafeStorage,
  type VaultEnv,
} from '../../electron/main/key-vault';

/**
 * The key vault with an injected safeStorage: a fake keychain that XORs with a secret and refuses
 * anything it did not wrap, with a Linux backend that tests can switch.
 */
function fakeKeychain(backend = 'gnome_libsecret', available = true): SafeStorage & { backend: string } {
  const secret = 0x5a;
  const mark = Buffer.from('KC1');
  return {
    backend,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend() {
      return this.backend;
    },
    encryptString: (text) => Buffer.concat([mark, Buffer.from(text).map((b) => b ^ secret)]),
    decryptString: (data) => {
      if (!data.subarray(0, 3).equals(mark)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(data.subarray(3).map((b) => b ^ secret)).toString();
    },
  };
}

const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
let dir: string;
let keyPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-vault-'));
  keyPath = join(dir, 'inflow.key');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const env = (safeStorage: SafeStorage, platform: NodeJS.Platform = 'linux'): VaultEnv => ({ keyPath, safeStorage, platform, scrypt: FAST_SCRYPT });

describe('keychain-wrapped key', () => {
  it('creates a random 32-byte key on first run, stores it only wrapped, and unwraps the same key later', () => {
    const keychain = fakeKeychain();
    const first = openVault(env(keychain));
    expect(first).toMatchObject({ status: 'unlocked', pendingKey: null });
    const key = (first as { key: Buffer }).key;
    expect(key).toHaveLength(32);
    const file = readFileSync(keyPath, 'utf8');
    expect(file).not.toContain(key.toString('hex'));
    expect(file).not.toContain(key.toString('base64'));
    expect(JSON.parse(file)).toMatchObject({ version: 1, kind: 'keychain', backend: 'gnome_libsecret' });
    expect(statSync(keyPath).mode & 0o077).toBe(0);
    expect(openVault(env(keychain))).toEqual({ status: 'unlocked', key, pendingKey: null });
  });

  it('records no backend on macOS and Windows', () => {
    openVault(env(fakeKeychain('ignored'), 'darwin'));
    expect(JSON.parse(readFileSync(keyPath, 'utf8')).backend).toBeNull();
  });

  it('never uses Linux basic_text (secrets in clear) and asks for a passphrase instead', () => {
    expect(keychainBackend({ safeStorage: fakeKeychain('basic_text'), platform: 'linux' })).toEqual({ usable: false, backend: 'basic_text' });
    expect(openVault(env(fakeKeychain('basic_text')))).toEqual({ status: 'passphrase', firstRun: true });
    expect(openVault(env(fakeKeychain('gnome_libsecret', false)))).toEqual({ status: 'passphrase', firstRun: true });
  });

  it('a changed backend is a clear error, not a silent re-key', () => {
    const keychain = fakeKeychain('kwallet5');
    openVault(env(keychain));
    const before = readFileSync(keyPath, 'utf8');
    for (const backend of ['gnome_libsecret', 'basic_text']) {
      keychain.backend = backend;
      expect(() => openVault(env(keychain))).toThrow(/stored with the "kwallet5" keychain.*will not re-key silently/);
    }
    expect(readFileSync(keyPath, 'utf8')).toBe(before);
  });

  it('a keychain that cannot unwrap (reset, other account) is a clear error', () => {
    openVault(env(fakeKeychain()));
    const record = JSON.parse(readFileSync(keyPath, 'utf8'));
    writeFileSync(keyPath, JSON.stringify({ ...record, wrappedKey: Buffer.from('garbage').toString('base64') }));
    expect(() => openVault(env(fakeKeychain()))).toThrow(/could not unwrap/);
  });

  it('refuses a key file that is not ours', () => {
    writeFileSync(keyPath, 'not json');
    expect(() => openVault(env(fakeKeychain()))).toThrow(/not an Inflow key file/);
    writeFileSync(keyPath, JSON.stringify({ version: 2, kind: 'keychain' }));
    expect(() => openVault(env(fakeKeychain()))).toThrow(/not an Inflow key file/);
  });
});

describe('passphrase-wrapped key', () => {
  const noKeychain = fakeKeychain('basic_text');

  it('creates a key under a passphrase (scrypt parameters and salt recorded) and unlocks it only with that passphrase', () => {
    const key = createWithPassphrase(env(noKeychain), 'correct horse battery');
    const record = JSON.parse(readFileSync(keyPath, 'utf8'));
    expect(record).toMatchObject({ kind: 'passphrase', kdf: { name: 'scrypt', ...FAST_SCRYPT }, cipher: { name: 'aes-256-gcm' } });
    expect(Buffer.from(record.kdf.salt, 'base64')).toHaveLength(16);
    expect(readFileSync(keyPath, 'utf8')).not.toContain(key.toString('hex'));
    expect(openVault(env(noKeychain))).toEqual({ status: 'passphrase', firstRun: false });
    expect(unlockWithPassphrase(env(noKeychain), 'correct horse battery')).toEqual({ key, pendingKey: null });
    expect(() => unlockWithPassphrase(env(noKeychain), 'wrong horse battery')).toThrow('Wrong passphrase.');
  });

  it('refuses a short passphrase and a second key', () => {
    expect(() => createWithPassphrase(env(noKeychain), 'short')).toThrow(/at least 10/);
    createWithPassphrase(env(noKeychain), 'long enough phrase');
    expect(() => createWithPassphrase(env(noKeychain), 'another long phrase')).toThrow(/already exists/);
  });

  it('changing the passphrase keeps the same database key under a new salt', () => {
    const key = createWithPassphrase(env(noKeychain), 'first passphrase');
    const salt = JSON.parse(readFileSync(keyPath, 'utf8')).kdf.salt;
    expect(() => changePassphrase(env(noKeychain), 'not the passphrase', 'second passphrase')).toThrow('Wrong passphrase.');
    changePassphrase(env(noKeychain), 'first passphrase', 'second passphrase');
    expect(JSON.parse(readFileSync(keyPath, 'utf8')).kdf.salt).not.toBe(salt);
    expect(unlockWithPassphrase(env(noKeychain), 'second passphrase').key).toEqual(key);
    expect(() => unlockWithPassphrase(env(noKeychain), 'first passphrase')).toThrow('Wrong passphrase.');
  });
});

describe('key rotation records', () => {
  it('keeps the new key pending until the rekey is committed, so an interrupted rotation can be resolved', () => {
    const keychain = fakeKeychain();
    const { key } = openVault(env(keychain)) as { key: Buffer };
    const next = Buffer.alloc(32, 7);
    stageRotation(env(keychain), next);
    expect(openVault(env(keychain))).toEqual({ status: 'unlocked', key, pendingKey: next });
    commitRotation(env(keychain));
    expect(openVault(env(keychain))).toEqual({ status: 'unlocked', key: next, pendingKey: null });
    stageRotation(env(keychain), Buffer.alloc(32, 9));
    abandonRotation(env(keychain));
    expect(openVault(env(keychain))).toEqual({ status: 'unlocked', key: next, pendingKey: null });
    expect(() => readFileSync(pendingPath(keyPath))).toThrow();
  });

  it('rotating a passphrase key needs the right passphrase', () => {
    const noKeychain = fakeKeychain('basic_text');
    createWithPassphrase(env(noKeychain), 'the passphrase');
    expect(() => stageRotation(env(noKeychain), Buffer.alloc(32, 1))).toThrow(/needs the passphrase/);
    expect(() => stageRotation(env(noKeychain), Buffer.alloc(32, 1), 'wrong passphrase')).toThrow('Wrong passphrase.');
    stageRotation(env(noKeychain), Buffer.alloc(32, 1), 'the passphrase');
    expect(unlockWithPassphrase(env(noKeychain), 'the passphrase').pendingKey).toEqual(Buffer.alloc(32, 1));
  });

  it('after an interrupted rotation, the key that opens the database wins', () => {
    const keychain = fakeKeychain();
    const { key } = openVault(env(keychain)) as { key: Buffer };
    const next = Buffer.alloc(32, 3);
    stageRotation(env(keychain), next);
    expect(settleRotation(env(keychain), { key, pendingKey: next }, (k) => k.equals(key))).toEqual(key);
    expect(openVault(env(keychain))).toEqual({ status: 'unlocked', key, pendingKey: null });
    stageRotation(env(keychain), next);
    expect(settleRotation(env(keychain), { key, pendingKey: next }, (k) => k.equals(next))).toEqual(next);
    expect(openVault(env(keychain))).toEqual({ status: 'unlocked', key: next, pendingKey: null });
  });
});
