import { chmodSync, existsSync, mkdirSync } from 'node:fs';

/**
 * Owner-only files and folders: the book, its backups and exports are encrypted, but another OS user
 * on the machine should not even get to copy them away and try. (On Windows chmod only toggles
 * read-only; the profile folder's ACL does this job there.)
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and missing parents) owner-only, and tightens it if an older version made it readable. */
export function makePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(path, PRIVATE_DIR_MODE);
}

/** Makes each of these files that exists owner-only (SQLite and copyFile create theirs 0644 minus the umask). */
export function makePrivate(...paths: string[]): void {
  for (const path of paths) if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}
