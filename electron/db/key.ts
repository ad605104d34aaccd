import { randomBytes, scryptSync } from 'node:crypto';
import { AppError } from '../../shared/errors';

/** A database key is 32 random bytes; it travels as 64 hex characters (INFLOW_DB_KEY). */
export const KEY_BYTES = 32;

export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** The CLI's and the web host's key: only ever from the environment, never an argument (shell history, `ps`). */
export function keyFromEnv(env: NodeJS.ProcessEnv): Buffer {
  return parseKeyHex(env.INFLOW_DB_KEY, 'INFLOW_DB_KEY');
}

export function parseKeyHex(hex: string | undefined, origin: string): Buffer {
  if (!hex) {
    throw new AppError('DB_CANNOT_OPEN', `No database key: set ${origin} to the database's 64-character hex key.`);
  }
  const trimmed = hex.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    throw new AppError('DB_CANNOT_OPEN', `${origin} must be exactly 64 hexadecimal characters (a 32-byte key).`);
  }
  return Buffer.from(trimmed, 'hex');
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** 128 MiB and about half a second on a laptop: slow enough against guessing, once per unlock or export. */
export const PASSPHRASE_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/**
 * A 32-byte key from a passphrase: the key vault wraps the database key with it, an export is encrypted
 * under it. NFC first, so the same passphrase typed on another keyboard or OS derives the same key.
 */
export function derivePassphraseKey(passphrase: string, salt: Buffer, params: ScryptParams = PASSPHRASE_SCRYPT): Buffer {
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below the chosen cost.
  return scryptSync(passphrase.normalize('NFC'), salt, KEY_BYTES, { ...params, maxmem: 256 * params.N * params.r });
}
