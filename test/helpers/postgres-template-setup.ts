import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_ENV } from './postgres-server';

/**
 * vitest's globalSetup for the integration tests: a directory for this run's one initdb (made by the
 * first test file that starts a cluster; see postgres-server.ts), named to the test processes through
 * the environment they inherit, and removed when the run ends. A run without team tests never fills it.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-pg-template-'));
  process.env[TEMPLATE_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
