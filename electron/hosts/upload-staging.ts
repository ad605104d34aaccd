import { log, safeError } from '../log/log';
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where a host writes files it receives as bytes (browser uploads, files dropped on the window) before
 * the core reads them: an owner-only folder per process (mkdtemp makes it 0700; files are written
 * 0600). The folder's name carries the pid, so a later start can tell a dead process's leftovers
 * (a crash, a kill) from a live host's. The core deletes a file once an import has used it; whatever
 * it never used is swept after an hour.
 */
export interface UploadStaging {
  readonly dir: string;
  /** A fresh path inside the folder, not yet created. */
  nextPath(): string;
  /** Deletes files older than the time to live; the host's timer calls it, tests call it with a clock. */
  sweep(now?: number): void;
  close(): void;
}

export const STAGING_PREFIX = 'inflow-staging-';
export const STAGED_FILE_TTL_MS = 60 * 60_000;
const SWEEP_EVERY_MS = 60_000;
export const STAGED_FILE_MODE = 0o600;

export function openUploadStaging(root: string = tmpdir(), ttlMs = STAGED_FILE_TTL_MS): UploadStaging {
  clearStaleStaging(root);
  const dir = mkdtempSync(join(root, `${STAGING_PREFIX}${process.pid}-`));
  const sweep = (now = Date.now()): void => {
    for (const name of safeList(dir)) {
      const path = join(dir, name);
      if (now - mtimeOf(path) >= ttlMs) rmSync(path, { force: true });
    }
  };
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return {
    dir,
    nextPath: () => join(dir, randomBytes(16).toString('hex')),
    sweep,
    close: () => {
      clearInterval(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Removes staging folders of processes that are gone; returns what it removed. */
export function clearStaleStaging(root: string): string[] {
  const removed: string[] = [];
  for (const name of safeList(root)) {
    const pid = Number(new RegExp(`^${STAGING_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    const path = join(root, name);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    // Only our own real folders: never follow a link, never touch another user's (a shared /tmp).
    if (!stat?.isDirectory() || (process.getuid && stat.uid !== process.getuid())) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists and belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    // Nothing to sweep there (gone, or not ours to read): start-up goes on.
    log.info('upload.staging.unreadable', safeError(error));
    return [];
  }
}

function mtimeOf(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}
