import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { JOB } from '../helpers/temp-core';
import { openDesk, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * One desk at a time runs the ERP sync (here a watched export folder) and publishes each ledger batch;
 * the others apply it and hold the same balances without polling the ERP. The lease passes on when
 * its holder leaves, and when it dies (its lease runs out).
 */
let server: PostgresServer;
let database: string;
let desks: TeamDesk[];
let folders: string[];
let n = 0;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());
beforeEach(async () => {
  database = await server.createDatabase(`ledger_${++n}`);
  desks = [];
  folders = [];
});
afterEach(async () => {
  await Promise.all(desks.map((desk) => desk.dispose()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const HEADER = 'Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Paid Date,Currency,Disputed\n';

/** A desk joined to the team; with `erp`, it watches an export folder of its own (the same ERP's). */
const desk = async (collector: string, erp: boolean): Promise<{ d: TeamDesk; folder: string }> => {
  const d = await openDesk(server, database, { collector });
  desks.push(d);
  const folder = mkdtempSync(join(tmpdir(), 'inflow-exports-'));
  folders.push(folder);
  if (erp) await d.core.call('sync.connection.save', { connector: 'folder', folder, mapping: 'generic-invoices', intervalMinutes: 0 });
  await d.core.call('team.join', {});
  return { d, folder };
};
const balances = (d: TeamDesk) => d.sql('SELECT number, amount_minor AS amount, open_minor AS open, status FROM invoices ORDER BY number');
const sync = async (...ds: TeamDesk[]) => {
  for (const d of ds) await d.core.call('team.sync', {});
};

it('the lease holder syncs and publishes; the others apply its batches and may not sync themselves', async () => {
  const { d: maya, folder } = await desk('Maya', true);
  const { d: sam } = await desk('Sam', true);
  const { d: lee } = await desk('Lee', false);
  await sync(maya, sam, lee);
  expect(await sam.core.call('team.status', {})).toMatchObject({ syncLeader: 'Maya' });
  await expect(sam.core.call('sync.run', { jobId: JOB() })).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringMatching(/Maya's desk runs the ERP sync/),
  });

  writeFileSync(
    join(folder, 'today.csv'),
    `${HEADER}00123,C-001,Acme Tools Ltd,2026-08-01,2026-08-31,"12,400.00","2,400.00",,USD,no\n00999,C-001,Acme Tools Ltd,2026-11-01,2026-12-01,10.00,10.00,,USD,no\n`,
  );
  // Lee's own import is weeks old: the leader's sync is what keeps Lee's ledger fresh for the send guard.
  lee.sql("UPDATE import_batches SET committed_at = '2026-11-01T09:00:00.000Z'");
  expect(await maya.core.call('sync.run', { jobId: JOB() })).toMatchObject({ pages: 1, created: 1 });
  await sync(maya, sam, lee);
  expect(lee.sql("SELECT file_name AS name, committed_at AS at FROM import_batches WHERE kind = 'team'")).toEqual([
    { name: "the team's ERP sync (Maya)", at: '2026-11-22T15:00:00.000Z' },
  ]);
  const book = balances(maya);
  expect(book).toContainEqual({ number: '00999', amount: 1000, open: 1000, status: 'open' });
  expect(book).toContainEqual(expect.objectContaining({ number: '00123', open: 240_000 }));
  for (const other of [sam, lee]) expect(balances(other)).toEqual(book);
  // Pulled batches are not published again, and another round changes nothing.
  const client = await server.connect(database);
  try {
    expect((await client.query('SELECT count(*)::int AS n FROM team_ledger_batches')).rows).toEqual([{ n: 1 }]);
  } finally {
    await client.end();
  }
  await sync(sam, lee);
  for (const other of [sam, lee]) expect(balances(other)).toEqual(book);
  expect(sam.sql('SELECT count(*) AS n FROM team_ledger_outbox')).toEqual([{ n: 0 }]);

  // A new desk with no book joins from the team's snapshot (Maya's book when she first led) plus the
  // batch published since: the fixture book itself was never published as a batch.
  const ana = await openDesk(server, database, { collector: 'Ana', book: false });
  desks.push(ana);
  await ana.core.call('team.join', {});
  expect(balances(ana)).toEqual(book);
  expect(ana.sql("SELECT name, email FROM contacts WHERE customer_id = (SELECT id FROM customers WHERE external_id = 'C-001')")).toEqual(
    maya.sql("SELECT name, email FROM contacts WHERE customer_id = (SELECT id FROM customers WHERE external_id = 'C-001')"),
  );

  // Maya leaves: the lease is free at once and Sam's desk takes over the sync.
  await maya.core.call('team.leave', {});
  expect(await sam.core.call('sync.run', { jobId: JOB() })).toMatchObject({ connector: 'folder' });
  await sync(sam);
  expect(await sam.core.call('team.status', {})).toMatchObject({ syncLeader: 'Sam' });
});

it('a leader that dies loses the lease when it runs out, and another desk takes over', async () => {
  const client = await server.connect(database);
  try {
    const { d: maya } = await desk('Maya', true);
    const { d: sam } = await desk('Sam', true);
    await sync(maya, sam);
    expect(await sam.core.call('team.status', {})).toMatchObject({ syncLeader: 'Maya' });
    // Maya's desk stops without leaving (a crash): nobody renews her lease, which runs out (here at once).
    await maya.core.close();
    await expect(sam.core.call('sync.run', { jobId: JOB() })).rejects.toMatchObject({ code: 'CONFLICT' });
    await client.query("UPDATE team_leases SET expires_at = now() - interval '1 second'");
    expect(await sam.core.call('sync.run', { jobId: JOB() })).toMatchObject({ connector: 'folder' });
    expect((await client.query('SELECT collector FROM team_leases')).rows).toEqual([{ collector: 'Sam' }]);
  } finally {
    await client.end();
  }
});
