import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { seedQbo } from '../helpers/qbo-fixtures';
import { startQboServer } from '../helpers/qbo-server';
import { runCliInProcess, type CliResult } from '../helpers/run-cli';
import { fixturePath } from '../helpers/temp-core';

/** `sync` as a user runs it (in-process, test/helpers/run-cli.ts), against a local Odoo. */
const key = randomBytes(32).toString('hex');
let dir: string;
let server: OdooServer;

function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCliInProcess(args, { PATH: process.env.PATH, HOME: process.env.HOME, INFLOW_DB_KEY: key, ...env });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-sync-cli-'));
  server = await startOdooServer();
  seedOdoo(server);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it('sync --connector odoo takes credentials from the environment and prints counts and the cursor', { timeout: 60_000 }, async () => {
  const db = join(dir, 'odoo.db');
  const env = { INFLOW_ODOO_DB: server.db, INFLOW_ODOO_LOGIN: server.login, INFLOW_ODOO_API_KEY: server.password };
  const first = await cli(['sync', '--db', db, '--connector', 'odoo', '--base-url', server.url, '--json'], env);
  expect(first).toMatchObject({ code: 0 });
  const result = JSON.parse(first.stdout) as { connector: string; created: number; cursor: string };
  expect(result).toMatchObject({ connector: 'odoo', created: expect.any(Number) });
  expect(result.created).toBeGreaterThan(5);
  expect(JSON.parse(result.cursor)).toHaveProperty('moves');
  // The second run uses the stored connection and changes nothing (it re-reads only the cursor's few-second overlap).
  const again = await cli(['sync', '--db', db, '--connector', 'odoo']);
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/^Synced odoo: 0 created, 0 updated, \d+ unchanged, 0 closed, 0 activities pushed \(\d+ pages?\)\.\nCursor: \{/);
  const refused = await cli(['sync', '--db', db, '--connector', 'odoo', '--json'], { INFLOW_ODOO_API_KEY: 'wrong' });
  expect(refused.code).toBe(1);
  expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'SYNC_FAILED', message: expect.stringMatching(/refused the login/) } });
});

it('sync --connector qbo signs in with a refresh token from the environment and keeps the one Intuit rotates', { timeout: 60_000 }, async () => {
  const qbo = await startQboServer();
  try {
    seedQbo(qbo);
    const db = join(dir, 'qbo.db');
    const env = {
      INFLOW_QBO_CLIENT_ID: qbo.clientId,
      INFLOW_QBO_CLIENT_SECRET: qbo.clientSecret,
      INFLOW_QBO_REFRESH_TOKEN: qbo.issueRefreshToken(),
      INFLOW_QBO_REALM_ID: qbo.realmId,
      INFLOW_QBO_TOKEN_URL: qbo.tokenUrl,
    };
    const first = await cli(['sync', '--db', db, '--connector', 'qbo', '--base-url', qbo.url, '--json'], env);
    expect(first).toMatchObject({ code: 0 });
    const result = JSON.parse(first.stdout) as { connector: string; created: number; cursor: string };
    expect(result).toMatchObject({ connector: 'qbo' });
    expect(result.created).toBeGreaterThan(10);
    expect(JSON.parse(result.cursor)).toEqual({ since: expect.any(String), seenAt: expect.any(String) });
    // The same environment again: its refresh token was rotated away, and the stored one is used.
    const again = await cli(['sync', '--db', db, '--connector', 'qbo', '--base-url', qbo.url], env);
    expect(again.stderr).toBe('');
    expect(again.stdout).toMatch(/^Synced qbo: 0 created, 0 updated, \d+ unchanged, 0 closed, 0 activities pushed \(1 pages\)\.\nCursor: \{"since":/);
    // One refresh in all: the second run used the stored tokens, not the stale one from the environment.
    expect(qbo.calls.filter((call) => call.kind === 'token')).toHaveLength(1);
  } finally {
    await qbo.close();
  }
});

it('sync --connector folder imports the exports in INFLOW_SYNC_FOLDER', { timeout: 60_000 }, async () => {
  const folder = join(dir, 'exports');
  mkdirSync(folder);
  copyFileSync(fixturePath('erp/generic-invoices.csv'), join(folder, 'open.csv'));
  const result = await cli(['sync', '--db', join(dir, 'folder.db'), '--connector', 'folder'], {
    INFLOW_SYNC_FOLDER: folder,
    INFLOW_SYNC_MAPPING: 'generic-invoices',
  });
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Synced folder: \d+ created/);
});
