import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';

/** A database key is 32 random bytes; it travels as 64 hex characters (INFLOW_DB_KEY). */
export const KEY_BYTES = 32;

export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
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
