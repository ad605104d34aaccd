import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core, type CoreOptions } from '../../electron/core';

export const FROZEN_NOW = new Date('2026-11-22T12:00:00Z');

export interface TempCore {
  core: Core;
  dir: string;
  dbPath: string;
  key: Buffer;
  /** Stages a fixture (path relative to test/fixtures) and returns its file id. */
  stage(fixture: string): string;
  /** Stages a file written on the spot (a CSV made for one test). */
  stageText(name: string, text: string): string;
  /** Reads what the core committed, through a second connection (WAL allows it while the core is open). */
  query<T>(sql: string): T[];
  dispose(): Promise<void>;
}

/** A real encrypted database in a fresh temp dir, with the clock frozen at FROZEN_NOW. */
export function tempCore(clock: () => Date = () => FROZEN_NOW, options: Pick<CoreOptions, 'watchInbox'> = {}): TempCore {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-test-'));
  const dbPath = join(dir, 'inflow.db');
  const key = randomBytes(32);
  const core = openCore({ dbPath, key, clock, ...options });
  return {
    core,
    dir,
    dbPath,
    key,
    stage: (fixture) => core.stageFile(fixturePath(fixture)).fileId,
    stageText: (name, text) => {
      writeFileSync(join(dir, name), text);
      return core.stageFile(join(dir, name)).fileId;
    },
    query: <T>(sql: string) => {
      const raw = new Database(dbPath, { readonly: true });
      try {
        raw.pragma("cipher='sqlcipher'");
        raw.pragma('legacy=4');
        raw.pragma(`key="x'${key.toString('hex')}'"`);
        return raw.prepare(sql).all() as T[];
      } finally {
        raw.close();
      }
    },
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
