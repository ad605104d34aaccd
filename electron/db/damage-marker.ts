import { log, safeError } from '../log/log';
import { existsSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Damage deep in a database file shows only when that page is read, and checking every page at
 * each open would slow a big book's start. So the first read that meets damage leaves this mark
 * beside the file, and the next open checks every page before anything else happens.
 */
export const damageMarkerPath = (path: string): string => `${path}.damaged`;

export function markDamaged(path: string): void {
  try {
    writeFileSync(damageMarkerPath(path), `${new Date().toISOString()}\n`);
  } catch (error) {
    // A folder we cannot write to: the damage is still reported to the user as it is.
    log.warn('db.damage-mark.failed', safeError(error));
  }
}

export const isMarkedDamaged = (path: string): boolean => existsSync(damageMarkerPath(path));

export function clearDamaged(path: string): void {
  rmSync(damageMarkerPath(path), { force: true });
}
