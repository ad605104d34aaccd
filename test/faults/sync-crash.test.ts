import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { openCore } from '../../electron/core';
import { CURSOR_OVERLAP_SECONDS } from '../../electron/core/sync/odoo-connector';
import { MIGRATIONS } from '../../electron/db/migrations';
import { applyKey } from '../../electron/db/open';
import {
  copyTemplate,
  faultRandom,
  killWhen,
  missingActivities,
  openAfterKill,
  startChild,
  stopWarmChild,
  walBytes,
  walGrowthOf,
} from '../helpers/crash-harness';
import { invoice, odooConnection, seedOdoo } from '../helpers/odoo-fixtures';
import { startOdooServer, type OdooServer } from '../helpers/odoo-server';
import { customer, seedQbo } from '../helpers/qbo-fixtures';
import { startQboServer } from '../helpers/qbo-server';

/**
 * SIGKILL in the middle of a sync, at random points: while a page is awaited from the ERP, or after
 * a random share of the pages' writes. Each page is written in one transaction with its cursor, so
 * only whole pages are kept, the next sync resumes after the last one, every call, note and promise
 * logged during the sync is there, and the aging after the resumed sync is the ERP's own to the cent.
 */
const TRIALS = 20;
const PAGE = 200;
const BEFORE = 5;
const BULK = 450;
const key = randomBytes(32);
let dir: string;
let template: string;
let server: OdooServer;
let walGrowth: number;
/** Old moves each sync reads again (the cursor's overlap), ahead of the new ones on its first page. */
let reread: number;

const env = (dbPath: string): Record<string, string> => ({ INFLOW_CRASH_MODE: 'sync', INFLOW_TEST_DB: dbPath, INFLOW_TEST_KEY: key.toString('hex') });

/** Invoices (and distinct ones), and every ledger row a sync creates: invoices, payments and credits. */
function invoiceCount(path: string): { invoices: number; uniq: number; rows: number } {
  const sqlite = new Database(path, { fileMustExist: true, readonly: true });
  try {
    applyKey(sqlite, key);
    return sqlite
      .prepare(
        `SELECT count(*) AS invoices, count(DISTINCT source || external_id) AS uniq,
      count(*) + (SELECT count(*) FROM payments) + (SELECT count(*) FROM credit_notes) AS rows FROM invoices`,
      )
      .get() as { invoices: number; uniq: number; rows: number };
  } finally {
    sqlite.close();
  }
}

/** Inflow's aging per customer in the database at `path`, after a sync. */
async function agingOf(core: ReturnType<typeof openCore>): Promise<Map<string, number>> {
  const report = await core.call('aging.report', { asOf: '2026-11-22' });
  return new Map(report.customers.filter((row) => row.total !== 0).map((row) => [row.externalId, row.total]));
}

/**
 * A database that synced the small company once; then the ERP gains 450 invoices (three pages) for
 * the child to pull, two in three of them paid by one payment for the pair, the first part-paid before.
 */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-sync-crash-'));
  template = join(dir, 'template.db');
  server = await startOdooServer();
  const seeded = seedOdoo(server);
  const core = openCore({ dbPath: template, key, sendMail: false, scheduleSync: false });
  await core.call('sync.connection.save', odooConnection(server));
  await core.call('sync.run', {});
  expect((await core.call('app.status', {})).invoices).toBe(BEFORE);
  const stamps = server.store
    .table('account.move')
    .filter((move) => move.move_type !== 'entry')
    .map((move) => Date.parse(`${move.write_date.replace(' ', 'T')}Z`));
  reread = stamps.filter((stamp) => stamp >= Math.max(...stamps) - CURSOR_OVERLAP_SECONDS * 1000).length;
  await core.close();
  const bulk = Array.from({ length: BULK }, (_, i) => invoice(server, { name: `BULK/${String(i).padStart(4, '0')}`, partner: seeded.deco, total: 10 }));
  for (let i = 0; i + 1 < BULK; i += 3) {
    server.books.reconcile(bulk[i]!, server.books.payment({ partner: seeded.deco, date: '2026-11-02', amount: 4 }));
    const pair = server.books.payment({ partner: seeded.deco, date: '2026-11-09', amount: 16 });
    server.books.reconcile(bulk[i]!, pair);
    server.books.reconcile(bulk[i + 1]!, pair);
  }
  const calibration = copyTemplate(template, dir, 'calibration');
  walGrowth = await walGrowthOf(env(calibration));
  expect(invoiceCount(calibration).invoices).toBe(BEFORE + BULK);
});
afterAll(async () => {
  stopWarmChild();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

it(`${TRIALS} syncs killed with SIGKILL: whole pages only, resumed after the last one, no activity lost`, { timeout: 240_000 }, async () => {
  const random = faultRandom('SIGKILL mid-sync');
  const kept = new Map<number, number>();
  for (let trial = 0; trial < TRIALS; trial++) {
    const path = copyTemplate(template, dir, `trial-${trial}`);
    const waitingForPage = random.chance(0.4);
    const page = random.int(1, 3);
    const fraction = random.next() * 1.1;
    let pages = 0;
    let pageAsked = false;
    server.fault = ({ model, method, params }) => {
      if (!waitingForPage || model !== 'account.move' || method !== 'search_read' || !params.limit || ++pages !== page) return null;
      pageAsked = true;
      return { drop: true };
    };
    const child = startChild(env(path));
    await child.started;
    await killWhen(child, () => (waitingForPage ? pageAsked : walBytes(path) >= fraction * walGrowth));
    server.fault = () => null;
    const label = `trial ${trial} (${waitingForPage ? `kill while page ${page} is awaited` : `kill at ${(fraction * 100).toFixed(0)}% of ${walGrowth} WAL bytes`})`;

    expect(await openAfterKill(path, key), label).toEqual({ integrity: 'ok', userVersion: MIGRATIONS.length });
    expect(missingActivities(path, key, child.activities), label).toEqual([]);
    const afterKill = invoiceCount(path);
    expect(afterKill.uniq, label).toBe(afterKill.invoices);
    expect([BEFORE, BEFORE + PAGE - reread, BEFORE + 2 * PAGE - reread, BEFORE + BULK], `${label}: only whole pages`).toContain(afterKill.invoices);
    kept.set(afterKill.invoices, (kept.get(afterKill.invoices) ?? 0) + 1);

    const core = openCore({ dbPath: path, key, sendMail: false, scheduleSync: false });
    const resumed = await core.call('sync.run', {});
    expect((await core.call('app.status', {})).invoices, `${label}: resumed`).toBe(BEFORE + BULK);
    // Resumed after the last whole page: nothing kept is created again.
    expect(resumed.created, label).toBe(invoiceCount(path).rows - afterKill.rows);
    expect(await agingOf(core), `${label}: aging`).toEqual(server.books.expectedAging());
    expect((await core.call('outreach.freshness', {})).lastSyncAt, label).not.toBeNull();
    await core.close();
    rmSync(join(path, '..'), { recursive: true, force: true });
  }
  console.log(`SIGKILL mid-sync: invoices kept after the kill → trials: ${JSON.stringify(Object.fromEntries(kept))}`);
});

it('a QuickBooks sync killed with SIGKILL mid-read keeps whole pages and resumes at the next STARTPOSITION', { timeout: 90_000 }, async () => {
  const qbo = await startQboServer();
  try {
    seedQbo(qbo);
    for (let i = 4; i < 2500; i++) customer(qbo, `Bulk ${String(i).padStart(4, '0')}`);
    mkdirSync(join(dir, 'qbo'));
    const path = join(dir, 'qbo', 'inflow.db');
    let core = openCore({ dbPath: path, key, sendMail: false, scheduleSync: false });
    await core.call('sync.connection.save', {
      connector: 'qbo',
      baseUrl: qbo.url,
      tokenUrl: qbo.tokenUrl,
      clientId: qbo.clientId,
      apiKey: qbo.clientSecret,
      qboRefreshToken: qbo.issueRefreshToken(),
      qboRealmId: qbo.realmId,
      intervalMinutes: 0,
    });
    await core.close();

    // The child dies while it waits for the third page of customers.
    let killed = false;
    const child = startChild(env(path));
    qbo.fault = ({ entity, startPosition }) => {
      if (entity !== 'Customer' || startPosition !== 2001) return null;
      child.kill();
      killed = true;
      return { drop: true };
    };
    await vi.waitFor(() => expect(killed).toBe(true), { timeout: 60_000 });
    await child.exited;
    qbo.fault = () => null;

    expect(await openAfterKill(path, key)).toEqual({ integrity: 'ok', userVersion: MIGRATIONS.length });
    core = openCore({ dbPath: path, key, sendMail: false, scheduleSync: false });
    // Two whole pages of 1,000 customers, after every invoice; nothing of the third page.
    expect(await core.call('app.status', {})).toMatchObject({ customers: 2000, invoices: 6 });
    expect((await core.call('outreach.freshness', {})).lastSyncAt).toBeNull();

    qbo.calls.length = 0;
    await core.call('sync.run', {});
    expect((await core.call('app.status', {})).customers).toBe(2500);
    expect(await agingOf(core)).toEqual(qbo.expectedAging());
    // Resumed with the token the child had rotated and stored, at the page it never got.
    expect(qbo.calls.filter((call) => call.kind === 'query').map((call) => `${call.entity}@${call.startPosition}`)).toEqual(['Customer@2001']);
    expect((await core.call('outreach.freshness', {})).lastSyncAt).not.toBeNull();
    await core.close();
  } finally {
    await qbo.close();
  }
});
