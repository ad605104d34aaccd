import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore } from '../../electron/core';
import { BENCH_TODAY, writeDataset, type BenchSize } from './dataset';

/** The bench's clock: noon on its today. */
export const benchClock = (): Date => new Date(`${BENCH_TODAY}T12:00:00Z`);

/**
 * The bench's book imported into `dir` once and reused on later runs (a million invoices take
 * minutes to import): P8 alone (`--only P8 --book DIR`) and profile-replay.ts read history from it,
 * never write to it. The key sits beside the file: a bench book holds no real customer.
 */
export async function replayBook(dir: string, size: BenchSize): Promise<{ dbPath: string; key: Buffer }> {
  const dbPath = join(dir, 'ledger.db');
  const keyPath = join(dir, 'key');
  if (existsSync(keyPath)) return { dbPath, key: readFileSync(keyPath) };
  mkdirSync(dir, { recursive: true });
  const files = await writeDataset(dir, size);
  const key = randomBytes(32);
  const core = openCore({ dbPath, key, clock: benchClock });
  await core.call('import.run', { jobId: 'customers', fileId: core.stageFile(files.customers).fileId, preset: 'generic-customers' });
  await core.call('import.run', { jobId: 'invoices', fileId: core.stageFile(files.invoices).fileId, preset: 'generic-invoices' });
  await core.close();
  writeFileSync(keyPath, key);
  return { dbPath, key };
}
