import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { MIGRATIONS } from '../../electron/db/migrations';
import { CHINOOK_CHANGED, CHINOOK_FULL, chinookQbo } from '../helpers/chinook-qbo';
import { openAfterKill, startChild, stopWarmChild } from '../helpers/crash-harness';
import { NORTHWIND_CHANGED, NORTHWIND_FULL, northwindOdoo } from '../helpers/northwind-odoo';
import { startOdooServer } from '../helpers/odoo-server';
import { startQboServer } from '../helpers/qbo-server';
import { FROZEN_NOW } from '../helpers/temp-core';
import { qboConnection } from '../helpers/qbo-fixtures';
import { odooConnection } from '../helpers/odoo-fixtures';

/**
 * Issue 18's resumed sync, on the books no other test uses (northwind-odoo.ts, chinook-qbo.ts): a
 * full sync and then an incremental one are each killed with SIGKILL after their first page was
 * written, while the next is awaited; the sync run after it resumes, and the aging per customer is
 * the hand-worked one to the cent.
 */
const key = randomBytes(32);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-fresh-crash-'));
});
afterAll(() => {
  stopWarmChild();
  rmSync(dir, { recursive: true, force: true });
});

const open = (path: string): Core => openCore({ dbPath: path, key, sendMail: false, scheduleSync: false, clock: () => FROZEN_NOW });
const byId = (figures: Record<string, number>, ids: Map<string, string>) => new Map(Object.entries(figures).map(([name, total]) => [ids.get(name)!, total]));
async function agingOf(core: Core): Promise<Map<string, number>> {
  const report = await core.call('aging.report', { asOf: '2026-11-22' });
  return new Map(report.customers.filter((row) => row.total !== 0).map((row) => [row.externalId, row.total]));
}

/**
 * A sync in a child process, killed when `due` says the ERP is being asked for the page at which to
 * stop it (the child dies; the request's connection is dropped); then the sync is run again here.
 */
async function killedThenResumed(path: string, arm: (due: () => boolean) => void, afterKill: (core: Core) => Promise<void>): Promise<Core> {
  let killed = false;
  const child = startChild({
    INFLOW_CRASH_MODE: 'sync',
    INFLOW_TEST_DB: path,
    INFLOW_TEST_KEY: key.toString('hex'),
    INFLOW_TEST_NOW: FROZEN_NOW.toISOString(),
  });
  arm(() => {
    if (killed) return false;
    child.kill();
    killed = true;
    return true;
  });
  await vi.waitFor(() => expect(killed).toBe(true), { timeout: 60_000 });
  await child.exited;
  expect(await openAfterKill(path, key)).toEqual({ integrity: 'ok', userVersion: MIGRATIONS.length });
  const core = open(path);
  await afterKill(core);
  await core.call('sync.run', {});
  return core;
}

it('Odoo: a full and an incremental sync killed after their first page, resumed: every customer to the cent', { timeout: 120_000 }, async () => {
  const server = await startOdooServer();
  try {
    const books = northwindOdoo(server);
    const path = join(dir, 'odoo.db');
    let core = open(path);
    await core.call('sync.connection.save', odooConnection(server));
    await core.close();
    // Killed when the payments are asked for: the invoices and credit notes, with their matches, are written.
    const atPayments = (due: () => boolean) =>
      (server.fault = ({ model, method, params }) =>
        model === 'account.payment' && method === 'search_read' && params.limit && due() ? { drop: true } : null);

    const invoices = server.store.table('account.move').filter((move) => move.move_type === 'out_invoice').length;
    core = await killedThenResumed(path, atPayments, async (killed) => {
      expect(await killed.call('app.status', {})).toMatchObject({ invoices });
      expect((await killed.call('outreach.freshness', {})).lastSyncAt).toBeNull();
    });
    server.fault = () => null;
    expect(await agingOf(core)).toEqual(byId(NORTHWIND_FULL, books.ids));
    await core.close();

    books.change();
    core = await killedThenResumed(path, atPayments, async (killed) => {
      // The new invoices are in; the open payments were not read again yet.
      expect(await killed.call('app.status', {})).toMatchObject({ invoices: invoices + 3 });
      expect(await agingOf(killed)).not.toEqual(byId(NORTHWIND_CHANGED, books.ids));
    });
    server.fault = () => null;
    expect(await agingOf(core)).toEqual(byId(NORTHWIND_CHANGED, books.ids));
    await core.close();
  } finally {
    server.fault = () => null;
    await server.close();
  }
});

it(
  'QuickBooks: a full read killed after its payments and an incremental one killed awaiting the feed, resumed: every customer to the cent',
  { timeout: 120_000 },
  async () => {
    const server = await startQboServer();
    try {
      const books = chinookQbo(server);
      server.clock = FROZEN_NOW.getTime();
      const path = join(dir, 'qbo.db');
      let core = open(path);
      await core.call('sync.connection.save', qboConnection(server));
      await core.close();

      // The payments' page (with the invoices they paid) is written; the child dies asking for the rest of the invoices.
      const invoices = server.entities.get('Invoice')!.length;
      core = await killedThenResumed(
        path,
        (due) => {
          server.fault = ({ kind, entity, query }) =>
            kind === 'query' && entity === 'Invoice' && !/ Id IN /.test(query ?? '') && due() ? { drop: true } : null;
        },
        async (killed) => {
          // Only the invoices the payments paid came with them.
          const status = await killed.call('app.status', {});
          expect(status.invoices).toBeGreaterThan(0);
          expect(status.invoices).toBeLessThan(invoices);
          expect((await killed.call('outreach.freshness', {})).lastSyncAt).toBeNull();
        },
      );
      server.fault = () => null;
      expect(await agingOf(core)).toEqual(byId(CHINOOK_FULL, books.ids));
      await core.close();

      books.change();
      // The change feed is read at QuickBooks; the child dies before its answer arrives.
      core = await killedThenResumed(
        path,
        (due) => {
          server.fault = ({ kind }) => (kind === 'cdc' && due() ? { dropAfterCall: true } : null);
        },
        async (killed) => expect(await agingOf(killed)).toEqual(byId(CHINOOK_FULL, books.ids)),
      );
      server.fault = () => null;
      expect(server.calls.filter((call) => call.kind === 'cdc').length).toBeGreaterThanOrEqual(2);
      expect(await agingOf(core)).toEqual(byId(CHINOOK_CHANGED, books.ids));
      await core.close();
    } finally {
      server.fault = () => null;
      await server.close();
    }
  },
);
