import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toErrorShape } from '../../shared/errors';
import { generateKey, keyFromEnv, makePrivateDir, PRIVATE_DIR_MODE } from '../core';
import { startCoreWorker } from './core-client';
import { startHttpHost } from './http';
import { log } from '../log/log';
import { openLogFile } from './log-file';
import { restartableCore } from './restartable-core';
import { webShellHandlers } from './web-shell';

const DEFAULT_DATA_DIR = '.inflow-data';

/**
 * Runs the app in a browser: the core in a worker, the built renderer and the API on 127.0.0.1.
 * With INFLOW_DB_KEY set it keeps a database (default .inflow-data/inflow.db); without one there is no
 * keychain to hold a key, so it uses a throwaway database that is deleted on exit. The page is
 * reached through a one-time launch link printed here; Enter prints another (a second browser).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string', default: '0' }, static: { type: 'string', default: 'out/renderer' } },
  });
  const persistent = Boolean(process.env.INFLOW_DB_KEY);
  const scratch = persistent ? null : mkdtempSync(join(tmpdir(), 'inflow-web-'));
  const dbPath = resolve(values.db ?? (scratch ? join(scratch, 'inflow.db') : join(DEFAULT_DATA_DIR, 'inflow.db')));
  // Our own data folder is made owner-only (and tightened if an older version left it open); a folder
  // the user named with --db is theirs: created owner-only if missing, otherwise left as it is.
  if (values.db) mkdirSync(dirname(dbPath), { recursive: true, mode: PRIVATE_DIR_MODE });
  else makePrivateDir(dirname(dbPath));
  const logFile = await openLogFile(dirname(dbPath));
  const key = persistent ? keyFromEnv(process.env) : generateKey();
  const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './core-worker.ts' : './core-worker.js', import.meta.url);
  const core = await restartableCore(() => startCoreWorker(workerUrl, dbPath, key, { recover: true }));
  // The page shows the problem and offers the latest backup instead of the host failing to start.
  if (core.problem) console.error(`inflow: ${core.problem.message} Open the page to restore the latest backup.`);
  const host = await startHttpHost(core, resolve(values.static), { port: Number(values.port), shell: webShellHandlers(core) });
  console.log(persistent ? `Database: ${dbPath}` : 'No INFLOW_DB_KEY set: using a throwaway database for this run (set it to keep your data).');
  console.log(`Inflow is running at ${host.url}`);
  log.info('web.started', { port: Number(new URL(host.url).port) });
  printLaunchLink(host.launchUrl());
  // Only an interactive terminal can ask for another link; it voids the one before if that was unused.
  if (process.stdin.isTTY) process.stdin.on('data', () => printLaunchLink(host.launchUrl()));
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

function printLaunchLink(url: string): void {
  console.log(`Open this one-time link to sign this browser in: ${url}`);
  console.log('(It works once. Press Enter here for a new link, e.g. for another browser.)');
}

main().catch((error: unknown) => {
  console.error(`inflow: ${toErrorShape(error).message}`);
  process.exit(toErrorShape(error).code.startsWith('DB_') ? 2 : 1);
});
