import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core';

export const FROZEN_NOW = new Date('2026-11-22T12:00:00Z');

export interface TempCore {
  core: Core;
  dir: string;
  dbPath: string;
  key: Buffer;
  /** Stages a fixture (path relative to test/fixtures) and returns its file id. */
  stage(fixture: string): string;
  dispose(): Promise<void>;
}

/** A real encrypted database in a fresh temp dir, with the clock frozen at FROZEN_NOW. */
export function tempCore(clock: () => Date = () => FROZEN_NOW): TempCore {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-test-'));
  const dbPath = join(dir, 'inflow.db');
  const key = randomBytes(32);
  const core = openCore({ dbPath, key, clock });
  return {
    core,
    dir,
    dbPath,
    key,
    stage: (fixture) => core.stageFile(fixturePath(fixture)).fileId,
    dispose: async () => {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function fixturePath(fixture: string): string {
  return join(import.meta.dirname, '..', 'fixtures', fixture);
}

export const JOB = (): string => randomBytes(8).toString('hex');
