import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toErrorShape } from '../../shared/errors';
import { generateKey, keyFromEnv } from '../db/key';
import { startCoreWorker } from './core-client';
import { startHttpHost } from './http';
import { log } from '../log/log';
import { openLogFile } from '../log/log-file';
import { restartableCore } from './restartable-core';
import { webShellHandlers } from './web-shell';

/**
 * Runs the app in a browser: the core in a worker, the built renderer and the API on 127.0.0.1.
 * With INFLOW_DB_KEY set it keeps a database (default .inflow-data/inflow.db); without one there is no
 * keychain to hold a key, so it uses a throwaway database that is deleted on exit.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string', default: '0' }, static: { type: 'string', default: 'out/renderer' } },
  });
  const persistent = Boolean(process.env.INFLOW_DB_KEY);
  const scratch = persistent ? null : mkdtempSync(join(tmpdir(), 'inflow-web-'));
  const dbPath = resolve(values.db ?? (scratch ? join(scratch, 'inflow.db') : '.inflow-data/inflow.db'));
  mkdirSync(dirname(dbPath), { recursive: true });
  const logFile = await openLogFile(dirname(dbPath));
  const key = persistent ? keyFromEnv(process.env) : generateKey();
  const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './core-worker.ts' : './core-worker.js', import.meta.url);
  const core = await restartableCore(() => startCoreWorker(workerUrl, dbPath, key, { recover: true }));
  // The page shows the problem and offers the latest backup instead of the host failing to start.
  if (core.problem) console.error(`inflow: ${core.problem.message} Open the page to restore the latest backup.`);
  const host = await startHttpHost(core, resolve(values.static), Number(values.port), webShellHandlers(core));
  console.log(persistent ? `Database: ${dbPath}` : 'No INFLOW_DB_KEY set: using a throwaway database for this run (set it to keep your data).');
  console.log(`Inflow is running at ${host.url}`);
  log.info('web.started', { port: Number(new URL(host.url).port) });
  const stop = async (): Promise<void> => {
    await host.close();
    await core.close();
    logFile.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`inflow: ${toErrorShape(error).message}`);
  process.exit(toErrorShape(error).code.startsWith('DB_') ? 2 : 1);
});
