import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import { generateKey, parseKeyHex } from '../core';

/**
 * The database key lives only wrapped by the OS keychain (Keychain, DPAPI, libsecret/kwallet) in a
 * file beside the database. If the OS offers no real keychain we refuse rather than store it in clear
 * (Linux's "basic_text" backend would be exactly that).
 */
export function loadOrCreateKey(wrappedKeyPath: string): Buffer {
  if (!safeStorage.isEncryptionAvailable() || (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')) {
    throw new Error('No OS keychain is available to protect the database key (on Linux, install and unlock a Secret Service such as GNOME Keyring or KWallet).');
  }
  if (existsSync(wrappedKeyPath)) {
    return parseKeyHex(safeStorage.decryptString(readFileSync(wrappedKeyPath)), 'the keychain-wrapped key');
  }
  const key = generateKey();
  mkdirSync(dirname(wrappedKeyPath), { recursive: true });
  writeFileSync(wrappedKeyPath, safeStorage.encryptString(key.toString('hex')), { mode: 0o600 });
  return key;
}
