import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

function child(dbPath: string, key: Buffer, asOf: string, baseline: boolean): { ms: number; maxRssMb: number } {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'cold-open-child.ts'), dbPath, key.toString('hex'), asOf, ...(baseline ? ['--baseline'] : [])],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`cold open failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ms: number; maxRssMb: number };
}

/** P7: peak memory of a core that opened the big ledger and built its queue, and the time to the first page. */
export function benchColdOpen(dbPath: string, key: Buffer, asOf: string): { ms: number; maxRssMb: number; floorRssMb: number } {
  const floor = child(dbPath, key, asOf, true);
  const open = child(dbPath, key, asOf, false);
  return { ms: open.ms, maxRssMb: open.maxRssMb, floorRssMb: floor.maxRssMb };
}
