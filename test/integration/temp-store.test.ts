import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';

/**
 * SQLite's temp files (sorts, index builds) are not encrypted. A child process sorts more than its
 * cache holds with $SQLITE_TMPDIR (SQLite's first choice) on an empty folder we watch: SQLite unlinks a temp
 * file as soon as it opens it, so the folder's events, not its listing, show whether one was made.
 */
const root = join(import.meta.dirname, '..', '..');
let work: string;
let temp: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'inflow-spill-db-'));
  temp = mkdtempSync(join(tmpdir(), 'inflow-spill-tmp-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(temp, { recursive: true, force: true });
});

async function tempFilesDuringSort(mode: 'product' | 'bare'): Promise<string[]> {
  const seen: string[] = [];
  const watcher = watch(temp, (_event, name) => seen.push(String(name)));
  try {
    const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['test/helpers/spill-child.ts', mode, work], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SQLITE_TMPDIR: temp },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: 'sorted' });
    // inotify events arrive after the child has gone; give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    watcher.close();
  }
  return [...new Set(seen)];
}

it('a sort too big for the cache writes no temp file on any connection the database layer opens', { timeout: 60_000 }, async () => {
  // The same sort on a connection keyed without temp_store = MEMORY does spill: the probe can see it.
  expect((await tempFilesDuringSort('bare')).length).toBeGreaterThan(0);
  for (const name of readdirSync(work)) rmSync(join(work, name), { recursive: true, force: true });
  expect(await tempFilesDuringSort('product')).toEqual([]);
  expect(readdirSync(temp)).toEqual([]);
});
