import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { MIN_PASSPHRASE_LENGTH } from '../../shared/passphrase';
import { derivePassphraseKey, generateKey, parseKeyHex, PASSPHRASE_SCRYPT, type ScryptParams } from '../core';

/**
 * Where the database key lives (Signal's pattern): 32 random bytes, never written in clear, kept in a
 * small JSON file beside the database, wrapped either by the OS keychain (Electron's safeStorage) or,
 * where the OS offers no real keychain, by a key derived from the user's passphrase with scrypt.
 * Electron is injected (`SafeStorage`), so every path here runs in plain Node tests.
 */
export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store Chromium picked ("gnome_libsecret", "kwallet5", "basic_text"…). */
  getSelectedStorageBackend?(): string;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const keychainRecord = z.object({
  version: z.literal(1),
  kind: z.literal('keychain'),
  /** The Linux backend the key was wrapped with; null elsewhere. A different one later is an error, never a silent re-key. */
  backend: z.string().nullable(),
  wrappedKey: base64,
});
const passphraseRecord = z.object({
  version: z.literal(1),
  kind: z.literal('passphrase'),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10),
    r: z.number().int().min(1),
    p: z.number().int().min(1),
    salt: base64,
  }),
  /** AES-256-GCM of the database key under the passphrase-derived key: a wrong passphrase fails its tag. */
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: base64, tag: base64, wrappedKey: base64 }),
});
const keyRecord = z.discriminatedUnion('kind', [keychainRecord, passphraseRecord]);
export type KeyRecord = z.output<typeof keyRecord>;

/** What opening the vault found: the key (and, after an interrupted rotation, the one it was moving to), or a need for the passphrase. */
export type VaultState = { status: 'unlocked'; key: Buffer; pendingKey: Buffer | null } | { status: 'passphrase'; firstRun: boolean };

export interface VaultEnv {
  keyPath: string;
  safeStorage: SafeStorage;
  platform: NodeJS.Platform;
  scrypt?: ScryptParams;
}

/** The keychain is usable unless Electron has none, or Linux fell back to storing the secret in clear. */
export function keychainBackend(env: Pick<VaultEnv, 'safeStorage' | 'platform'>): { usable: boolean; backend: string | null } {
  const backend = env.platform === 'linux' ? (env.safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : null;
  return { usable: env.safeStorage.isEncryptionAvailable() && backend !== 'basic_text', backend };
}

export const pendingPath = (keyPath: string): string => `${keyPath}.pending`;

/** Opens the vault, creating a keychain-wrapped key on first run where a real keychain exists. */
export function openVault(env: VaultEnv): VaultState {
  const record = readRecord(env.keyPath);
  if (!record) {
    if (!keychainBackend(env).usable) return { status: 'passphrase', firstRun: true };
    const key = generateKey();
    writeRecord(env.keyPath, wrapWithKeychain(key, env));
    return { status: 'unlocked', key, pendingKey: null };
  }
  if (record.kind === 'passphrase') return { status: 'passphrase', firstRun: false };
  const pending = readRecord(pendingPath(env.keyPath));
  return { status: 'unlocked', key: unwrapKeychain(record, env), pendingKey: pending?.kind === 'keychain' ? unwrapKeychain(pending, env) : null };
}

/** How the stored key is wrapped; null before the first run has made one. */
export function vaultProtection(env: Pick<VaultEnv, 'keyPath'>): KeyRecord['kind'] | null {
  return readRecord(env.keyPath)?.kind ?? null;
}

/** First run without a keychain: a new random key, wrapped under the passphrase. */
export function createWithPassphrase(env: VaultEnv, passphrase: string): Buffer {
  if (readRecord(env.keyPath)) throw new AppError('CONFLICT', 'A database key already exists; unlock it instead.');
  const key = generateKey();
  writeRecord(env.keyPath, wrapWithPassphrase(key, passphrase, env.scrypt ?? PASSPHRASE_SCRYPT));
  return key;
}

export function unlockWithPassphrase(env: VaultEnv, passphrase: string): { key: Buffer; pendingKey: Buffer | null } {
  const record = readRecord(env.keyPath);
  if (record?.kind !== 'passphrase') throw new AppError('NOT_FOUND', 'This database key is not protected by a passphrase.');
  const pending = readRecord(pendingPath(env.keyPath));
  return { key: unwrapPassphrase(record, passphrase), pendingKey: pending?.kind === 'passphrase' ? unwrapPassphrase(pending, passphrase) : null };
}

/** Re-wraps the same database key under a new passphrase: the database itself is untouched, and the write is atomic. */
export function changePassphrase(env: VaultEnv, current: string, next: string): void {
  const { key } = unlockWithPassphrase(env, current);
  writeRecord(env.keyPath, wrapWithPassphrase(key, next, env.scrypt ?? PASSPHRASE_SCRYPT));
}

/**
 * Key rotation, step 1 of 3: the new key is stored (wrapped the same way) as pending before the
 * database is rekeyed, so a crash in between never leaves a database whose key is nowhere. Step 2 is
 * the rekey (core's rotateDatabaseKey); step 3 `commitRotation`. On the next start a leftover pending
 * key is resolved by trying which key opens the database.
 */
export function stageRotation(env: VaultEnv, newKey: Buffer, passphrase?: string): void {
  const record = readRecord(env.keyPath);
  if (!record) throw new AppError('NOT_FOUND', 'There is no database key to rotate.');
  if (record.kind === 'passphrase' && passphrase === undefined)
    throw new AppError('INVALID_INPUT', 'Rotating a passphrase-protected key needs the passphrase.');
  if (record.kind === 'passphrase') unwrapPassphrase(record, passphrase!);
  const wrapped =
    record.kind === 'keychain' ? wrapWithKeychain(newKey, env, record.backend) : wrapWithPassphrase(newKey, passphrase!, env.scrypt ?? PASSPHRASE_SCRYPT);
  writeRecord(pendingPath(env.keyPath), wrapped);
}

/**
 * After a start finds a pending key (a rotation was interrupted), the database says which key is real:
 * the pending one if the rekey finished (then it becomes the key), else the old one.
 */
export function settleRotation(
  env: Pick<VaultEnv, 'keyPath'>,
  unlocked: { key: Buffer; pendingKey: Buffer | null },
  databaseOpensWith: (key: Buffer) => boolean,
): Buffer {
  if (!unlocked.pendingKey) return unlocked.key;
  if (databaseOpensWith(unlocked.pendingKey)) {
    commitRotation(env);
    return unlocked.pendingKey;
  }
  abandonRotation(env);
  return unlocked.key;
}

export function commitRotation(env: Pick<VaultEnv, 'keyPath'>): void {
  renameSync(pendingPath(env.keyPath), env.keyPath);
}

export function abandonRotation(env: Pick<VaultEnv, 'keyPath'>): void {
  rmSync(pendingPath(env.keyPath), { force: true });
}

function wrapWithKeychain(key: Buffer, env: VaultEnv, expectedBackend?: string | null): KeyRecord {
  const { usable, backend } = keychainBackend(env);
  if (!usable) throw new AppError('DB_CANNOT_OPEN', 'No OS keychain is available to protect the database key.');
  if (expectedBackend !== undefined && backend !== expectedBackend) throw keychainChanged(expectedBackend, backend);
  return { version: 1, kind: 'keychain', backend, wrappedKey: env.safeStorage.encryptString(key.toString('hex')).toString('base64') };
}

function unwrapKeychain(record: z.output<typeof keychainRecord>, env: VaultEnv): Buffer {
  const { usable, backend } = keychainBackend(env);
  if (!usable || backend !== record.backend) throw keychainChanged(record.backend, usable ? backend : 'none');
  let hex: string;
  try {
    hex = env.safeStorage.decryptString(Buffer.from(record.wrappedKey, 'base64'));
  } catch {
    throw new AppError('DB_CANNOT_OPEN', 'The OS keychain could not unwrap the database key (was the keychain reset, or is this another user account?).');
  }
  return parseKeyHex(hex, 'The key the keychain unwrapped');
}

function keychainChanged(recorded: string | null, current: string | null): AppError {
  return new AppError(
    'DB_CANNOT_OPEN',
    `The database key was stored with the "${recorded ?? 'system'}" keychain, but this session offers "${current ?? 'none'}". ` +
      'Inflow will not re-key silently: sign in to a desktop session where that keychain is available and unlocked.',
    { reason: 'keychain-changed', recorded, current },
  );
}

function wrapWithPassphrase(key: Buffer, passphrase: string, params: ScryptParams): KeyRecord {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new AppError('INVALID_INPUT', `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivePassphraseKey(passphrase, salt, params), iv);
  const wrappedKey = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    version: 1,
    kind: 'passphrase',
    kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrappedKey: wrappedKey.toString('base64') },
  };
}

function unwrapPassphrase(record: z.output<typeof passphraseRecord>, passphrase: string): Buffer {
  const { N, r, p, salt } = record.kdf;
  const decipher = createDecipheriv(
    'aes-256-gcm',
    derivePassphraseKey(passphrase, Buffer.from(salt, 'base64'), { N, r, p }),
    Buffer.from(record.cipher.iv, 'base64'),
  );
  decipher.setAuthTag(Buffer.from(record.cipher.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(record.cipher.wrappedKey, 'base64')), decipher.final()]);
  } catch {
    throw new AppError('INVALID_INPUT', 'Wrong passphrase.', { reason: 'wrong-passphrase' });
  }
}

function readRecord(path: string): KeyRecord | null {
  if (!existsSync(path)) return null;
  const notKeyFile = new AppError('DB_CANNOT_OPEN', `${path} is not an Inflow key file.`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw notKeyFile;
  }
  const parsed = keyRecord.safeParse(json);
  if (!parsed.success) throw notKeyFile;
  return parsed.data;
}

/** Written to a temporary file and renamed, so a crash leaves the old record or the new one, never half. */
function writeRecord(path: string, record: KeyRecord): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
