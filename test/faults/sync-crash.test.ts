import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { invoice, seedOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { customer, seedQbo } from '../helpers/qbo-fixtures';
import { startQboServer, type QboServer } from '../helpers/qbo-server';

/** kill -9 in the middle of a sync, then a restart: whole pages only, and the sync resumes where it stopped. */
const key = randomBytes(32);
let dir: string;
let dbPath: string;
let server: OdooServer | undefined;
let qbo: QboServer | undefined;
let child: ChildProcess | undefined;
let core: Core | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-sync-crash-'));
  dbPath = join(dir, 'inflow.db');
});
afterEach(async () => {
  child?.kill('SIGKILL');
  await core?.close();
  await server?.close();
  await qbo?.close();
  server = qbo = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function count(c: Core): Promise<number> {
  return c.call('app.status', {}).then((status) => status.invoices);
}

/** Runs a sync in a child process, to be killed by the server's fault hook; resolves once it has died. */
async function syncInChild(killed: () => boolean): Promise<void> {
  child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'helpers', 'sync-child.ts')], {
    env: { ...process.env, INFLOW_TEST_DB: dbPath, INFLOW_TEST_KEY: key.toString('hex') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  await vi.waitFor(() => expect(killed()).toBe(true), { timeout: 30_000 });
  await exited;
  child = undefined;
}

it('a sync killed with SIGKILL mid-way keeps only whole pages and resumes after the last one', { timeout: 60_000 }, async () => {
  const odoo = (server = await startOdooServer());
  const seeded = seedOdoo(odoo);
  for (let i = 0; i < 450; i++) invoice(odoo, { name: `BULK/${String(i).padStart(4, '0')}`, partner_id: seeded.deco.id, amount_total: 10, amount_residual: 10 });
  core = openCore({ dbPath, key, scheduleSync: false });
  await core.call('sync.connection.save', { connector: 'odoo', baseUrl: odoo.url, database: odoo.db, login: odoo.login, apiKey: odoo.password, intervalMinutes: 0 });
  await core.close();
  core = undefined;

  // The child dies while it waits for the third page of invoices.
  let pages = 0;
  let killed = false;
  odoo.fault = ({ model, method, params }) => {
    if (model === 'account.move' && method === 'search_read' && params.limit && ++pages === 3) {
      child!.kill('SIGKILL');
      killed = true;
      return { drop: true };
    }
    return null;
  };
  await syncInChild(() => killed);
  odoo.fault = () => null;

  core = openCore({ dbPath, key, scheduleSync: false });
  // Two full pages of 200 moves went in (the credit note among them), nothing of the third.
  const afterCrash = await count(core);
  expect(afterCrash).toBe(399);
  expect((await core.call('outreach.freshness', {})).lastSyncAt).toBeNull();

  odoo.calls.length = 0;
  const resumed = await core.call('sync.run', {});
  expect(await count(core)).toBe(455);
  // Resumed: the invoice stream starts after the last page written, not from the beginning.
  const firstMoveRead = odoo.calls.find((c) => c.model === 'account.move' && c.params.limit)!;
  expect(JSON.stringify(firstMoveRead.params.domain)).toContain('write_date');
  expect(resumed.created).toBe(455 + 1 - 400);
  expect((await core.call('outreach.freshness', {})).lastSyncAt).not.toBeNull();
});

it('a QuickBooks sync killed with SIGKILL mid-read keeps whole pages and resumes at the next STARTPOSITION', { timeout: 90_000 }, async () => {
  const qboServer = (qbo = await startQboServer());
  seedQbo(qboServer);
  for (let i = 4; i < 2500; i++) customer(qboServer, `Bulk ${String(i).padStart(4, '0')}`);
  core = openCore({ dbPath, key, scheduleSync: false });
  await core.call('sync.connection.save', {
    connector: 'qbo', baseUrl: qboServer.url, tokenUrl: qboServer.tokenUrl, clientId: qboServer.clientId, apiKey: qboServer.clientSecret,
    qboRefreshToken: qboServer.issueRefreshToken(), qboRealmId: qboServer.realmId, intervalMinutes: 0,
  });
  await core.close();
  core = undefined;

  // The child dies while it waits for the third page of customers.
  let killed = false;
  qboServer.fault = ({ entity, startPosition }) => {
    if (entity !== 'Customer' || startPosition !== 2001) return null;
    child!.kill('SIGKILL');
    killed = true;
    return { drop: true };
  };
  await syncInChild(() => killed);
  qboServer.fault = () => null;

  core = openCore({ dbPath, key, scheduleSync: false });
  // Two whole pages of 1,000 customers, after every invoice; nothing of the third page.
  expect(await core.call('app.status', {})).toMatchObject({ customers: 2000, invoices: 6 });
  expect((await core.call('outreach.freshness', {})).lastSyncAt).toBeNull();

  qboServer.calls.length = 0;
  await core.call('sync.run', {});
  expect((await core.call('app.status', {})).customers).toBe(2500);
  // Resumed with the token the child had rotated and stored, at the page it never got.
  expect(qboServer.calls.filter((call) => call.kind === 'query').map((call) => `${call.entity}@${call.startPosition}`)).toEqual(['Customer@2001']);
  expect((await core.call('outreach.freshness', {})).lastSyncAt).not.toBeNull();
});
