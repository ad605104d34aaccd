import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { invoice, seedOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';

/** kill -9 in the middle of a sync, then a restart: whole pages only, and the sync resumes where it stopped. */
const dir = mkdtempSync(join(tmpdir(), 'inflow-sync-crash-'));
const dbPath = join(dir, 'inflow.db');
const key = randomBytes(32);
let server: OdooServer;
let child: ChildProcess | undefined;
let core: Core | undefined;

afterEach(async () => {
  child?.kill('SIGKILL');
  await core?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function count(c: Core): Promise<number> {
  return c.call('app.status', {}).then((status) => status.invoices);
}

it('a sync killed with SIGKILL mid-way keeps only whole pages and resumes after the last one', { timeout: 60_000 }, async () => {
  server = await startOdooServer();
  const seeded = seedOdoo(server);
  for (let i = 0; i < 450; i++) invoice(server, { name: `BULK/${String(i).padStart(4, '0')}`, partner_id: seeded.deco.id, amount_total: 10, amount_residual: 10 });
  core = openCore({ dbPath, key, scheduleSync: false });
  await core.call('sync.connection.save', { connector: 'odoo', baseUrl: server.url, database: server.db, login: server.login, apiKey: server.password, intervalMinutes: 0 });
  await core.close();
  core = undefined;

  // The child dies while it waits for the third page of invoices.
  let pages = 0;
  let killed = false;
  server.fault = ({ model, method, params }) => {
    if (model === 'account.move' && method === 'search_read' && params.limit && ++pages === 3) {
      child!.kill('SIGKILL');
      killed = true;
      return { drop: true };
    }
    return null;
  };
  child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'helpers', 'sync-child.ts')], {
    env: { ...process.env, INFLOW_TEST_DB: dbPath, INFLOW_TEST_KEY: key.toString('hex') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  await vi.waitFor(() => expect(killed).toBe(true), { timeout: 30_000 });
  await exited;
  child = undefined;
  server.fault = () => null;

  core = openCore({ dbPath, key, scheduleSync: false });
  // Two full pages of 200 moves went in (the credit note among them), nothing of the third.
  const afterCrash = await count(core);
  expect(afterCrash).toBe(399);
  expect((await core.call('outreach.freshness', {})).lastSyncAt).toBeNull();

  server.calls.length = 0;
  const resumed = await core.call('sync.run', {});
  expect(await count(core)).toBe(455);
  // Resumed: the invoice stream starts after the last page written, not from the beginning.
  const firstMoveRead = server.calls.find((c) => c.model === 'account.move' && c.params.limit)!;
  expect(JSON.stringify(firstMoveRead.params.domain)).toContain('write_date');
  expect(resumed.created).toBe(455 + 1 - 400);
  expect((await core.call('outreach.freshness', {})).lastSyncAt).not.toBeNull();
});
