import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { MIGRATIONS } from '../../electron/db/migrations';
import { CHARGE_REF_PREFIX } from '../../shared/charges';
import { openAfterKill, startChild, stopWarmChild } from '../helpers/crash-harness';
import { seedOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { seedQbo } from '../helpers/qbo-fixtures';
import { startQboServer, type QboServer } from '../helpers/qbo-server';

/**
 * SIGKILL between the ERP's create and Inflow recording it: the ERP has the charges invoice, the
 * database has only the waiting push. The next sync finds the first attempt (Odoo by its ref,
 * QuickBooks by its requestid) and records it: one invoice in the ERP, whatever the crash.
 */
const key = randomBytes(32);
const AS_OF = '2026-11-30';
const POLICY = { id: 'contract', name: 'Contract', segments: [], kind: 'contractual' as const, rateBp: 150, ratePer: 'month' as const, fixedFeeMinor: 4_000 };
let dir: string;
let odoo: OdooServer;
let qbo: QboServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-charges-crash-'));
  odoo = await startOdooServer();
  seedOdoo(odoo);
  qbo = await startQboServer();
  seedQbo(qbo);
  qbo.create('Item', { Name: 'Late payment charges', Type: 'Service', Active: true });
});
afterAll(async () => {
  stopWarmChild();
  await odoo?.close();
  await qbo?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A database synced from the ERP with a charges policy; the customer who owes the most charges. */
async function prepare(path: string, connect: (core: Core) => Promise<unknown>): Promise<number> {
  const core = openCore({ dbPath: path, key, sendMail: false, scheduleSync: false });
  try {
    await connect(core);
    await core.call('sync.run', {});
    await core.call('charges.savePolicies', { policies: [POLICY] });
    const report = await core.call('charges.report', { asOf: AS_OF });
    return [...report.customers].sort((a, b) => b.interest + b.fixedFees - (a.interest + a.fixedFees))[0]!.customerId;
  } finally {
    await core.close();
  }
}

/** Runs charges.push in a child that is killed the moment the ERP takes the create; returns the reopened core. */
async function pushKilledAfterCreate(path: string, customerId: number, arm: (kill: () => void) => void): Promise<Core> {
  const child = startChild({
    INFLOW_CRASH_MODE: 'charges',
    INFLOW_TEST_DB: path,
    INFLOW_TEST_KEY: key.toString('hex'),
    INFLOW_CRASH_CUSTOMER: String(customerId),
    INFLOW_CRASH_AS_OF: AS_OF,
  });
  let killed = false;
  arm(() => {
    child.kill();
    killed = true;
  });
  await vi.waitFor(() => expect(killed).toBe(true), { timeout: 60_000 });
  await child.exited;
  expect(await openAfterKill(path, key)).toEqual({ integrity: 'ok', userVersion: MIGRATIONS.length });
  return openCore({ dbPath: path, key, sendMail: false, scheduleSync: false });
}

it('Odoo: killed after account.move create, the next sync finds the invoice by its ref and records it', { timeout: 90_000 }, async () => {
  const path = join(dir, 'odoo.db');
  const customerId = await prepare(path, (core) =>
    core.call('sync.connection.save', {
      connector: 'odoo',
      baseUrl: odoo.url,
      database: odoo.db,
      login: odoo.login,
      apiKey: odoo.password,
      intervalMinutes: 0,
    }),
  );
  const core = await pushKilledAfterCreate(path, customerId, (kill) => {
    odoo.fault = ({ model, method }) => {
      if (model !== 'account.move' || method !== 'create') return null;
      kill();
      return { dropAfterCall: true };
    };
  });
  odoo.fault = () => null;
  try {
    const moves = () => odoo.store.table('account.move').filter((move) => String(move.ref).startsWith(CHARGE_REF_PREFIX));
    const [waiting] = await core.call('charges.pushes', { customerId });
    expect(waiting).toMatchObject({ pushedAt: null, erpId: null });
    expect(moves()).toMatchObject([{ ref: waiting!.ref, state: 'draft' }]);

    await core.call('sync.run', {});
    const [pushed] = await core.call('charges.pushes', { customerId });
    expect(moves()).toMatchObject([{ ref: waiting!.ref, state: 'posted' }]);
    expect(pushed).toMatchObject({ ref: waiting!.ref, erpId: String(moves()[0]!.id), erpNumber: moves()[0]!.name, lastError: null });
    expect(odoo.calls.filter((call) => call.method === 'create')).toHaveLength(1);
  } finally {
    await core.close();
  }
});

it('QuickBooks: killed after Invoice create, the resend with the same requestid records the first invoice', { timeout: 90_000 }, async () => {
  const path = join(dir, 'qbo.db');
  const customerId = await prepare(path, (core) =>
    core.call('sync.connection.save', {
      connector: 'qbo',
      baseUrl: qbo.url,
      tokenUrl: qbo.tokenUrl,
      clientId: qbo.clientId,
      apiKey: qbo.clientSecret,
      qboRefreshToken: qbo.issueRefreshToken(),
      qboRealmId: qbo.realmId,
      intervalMinutes: 0,
    }),
  );
  const core = await pushKilledAfterCreate(path, customerId, (kill) => {
    qbo.fault = ({ kind }) => {
      if (kind !== 'invoice.create') return null;
      kill();
      return { dropAfterCall: true };
    };
  });
  qbo.fault = () => null;
  try {
    const invoices = () => (qbo.entities.get('Invoice') ?? []).filter((row) => String(row.DocNumber).startsWith(CHARGE_REF_PREFIX));
    expect(invoices()).toHaveLength(1);
    await core.call('sync.run', {});
    const [pushed] = await core.call('charges.pushes', { customerId });
    expect(invoices()).toHaveLength(1);
    expect(pushed).toMatchObject({ erpId: invoices()[0]!.Id, erpNumber: pushed!.ref, lastError: null });
  } finally {
    await core.close();
  }
});
