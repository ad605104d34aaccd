import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { noteLedgerWritten } from '../../electron/core/ledger/follow-up';
import { storeSnapshot } from '../../electron/core/team/book-snapshot';
import { unpackPart } from '../../electron/core/team/snapshot-part';
import { writeDataset } from '../bench/dataset';
import { openDesk, type DeskOptions, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * The team's snapshot carries the risk the leader learned from the very ledger it holds: a desk that
 * joins from it on the model's own day ranks with it instead of learning it again (P11b), and holds
 * the scores a desk that learned from the same book holds. Otherwise, and from a snapshot made
 * before server migration 0009 (a JSON object per row, no risk), the new desk learns as before.
 */
let server: PostgresServer;
let book: { customers: string; invoices: string };
let desks: TeamDesk[] = [];
const folders: string[] = [];

beforeAll(async () => {
  server = await startPostgres();
  const folder = mkdtempSync(join(tmpdir(), 'inflow-book-'));
  folders.push(folder);
  book = await writeDataset(folder, { customers: 120, invoices: 2400 });
});
afterAll(() => {
  server.stop();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(desks.map((desk) => desk.dispose()));
  desks = [];
});

const at = (iso: string) => () => new Date(iso);

/** A desk holding the bench's seeded book (enough paid invoices to learn a model from), its risk learned at the import. */
async function bookDesk(database: string, options: DeskOptions): Promise<TeamDesk> {
  const desk = await openDesk(server, database, { ...options, book: false });
  desks.push(desk);
  for (const [file, preset] of [
    [book.customers, 'generic-customers'],
    [book.invoices, 'generic-invoices'],
  ] as const) {
    await desk.core.call('import.run', { jobId: `import-${preset}`, fileId: desk.core.stageFile(file).fileId, preset });
  }
  return desk;
}

/** Maya holds the book and runs the ERP sync: she leads, and her exchange keeps the team's snapshot. */
async function leader(database: string): Promise<TeamDesk> {
  const maya = await bookDesk(database, { collector: 'Maya', clock: at('2026-11-22T15:00:00Z') });
  const folder = mkdtempSync(join(tmpdir(), 'inflow-exports-'));
  folders.push(folder);
  await maya.core.call('sync.connection.save', { connector: 'folder', folder, mapping: 'generic-invoices', intervalMinutes: 0 });
  await maya.core.call('team.join', {});
  return maya;
}

async function newDesk(database: string, collector: string, clock: () => Date): Promise<TeamDesk> {
  const desk = await openDesk(server, database, { collector, clock, book: false });
  desks.push(desk);
  await desk.core.call('team.join', {});
  return desk;
}

const scores = (d: TeamDesk) =>
  d.sql(
    `SELECT c.external_id AS customer, r.p_late, r.expected_days_late, r.segment, r.reasons, r.advice
    FROM customer_risk r JOIN customers c ON c.id = r.customer_id ORDER BY c.external_id`,
  );
const models = (d: TeamDesk) => d.sql<{ trained_at: string; as_of: string }>('SELECT trained_at, as_of FROM risk_models ORDER BY id');

async function withServer<T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await server.connect(database);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const latestSnapshot = (database: string) =>
  withServer(database, async (client) => {
    const { rows } = await client.query<{ id: string; format: number; tables: string[] }>(
      `SELECT s.id, s.format, array(SELECT DISTINCT table_name FROM team_snapshot_parts p WHERE p.snapshot_id = s.id) AS tables
      FROM team_snapshots s WHERE complete ORDER BY id DESC LIMIT 1`,
    );
    return rows[0]!;
  });

it("a desk joining on the model's day ranks with the leader's risk: the scores a desk that learned from the same book holds", async () => {
  const database = await server.createDatabase('snapshot_risk');
  const maya = await leader(database);
  expect(models(maya)).toHaveLength(1);
  expect(await latestSnapshot(database)).toMatchObject({ format: 2, tables: expect.arrayContaining(['risk_models', 'customer_risk', 'invoices']) });

  // Later the same day: a desk that learned itself would stamp its model 16:00.
  const lee = await newDesk(database, 'Lee', at('2026-11-22T16:00:00Z'));
  expect(models(lee)).toEqual(models(maya));
  expect(scores(lee).length).toBeGreaterThan(10);
  expect(scores(lee)).toEqual(scores(maya));
  // Ana imports the same book and learns from it herself, the same day: the same model says the same.
  const ana = await bookDesk(database, { collector: 'Ana', clock: at('2026-11-22T16:00:00Z') });
  expect(models(ana)).toEqual([{ trained_at: '2026-11-22T16:00:00.000Z', as_of: '2026-11-22' }]);
  expect(scores(ana)).toEqual(scores(lee));
  // Loaded under a rollback journal (each new page written once), then back in WAL mode.
  expect(lee.sql('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  expect(existsSync(`${lee.dbPath}-journal`)).toBe(false);
  // The queue is ranked: its first page reads the carried risk.
  const page = await lee.core.call('worklist.list', { limit: 5 });
  expect(page.rows.length).toBe(5);
});

it('a desk joining on a later day learns again; so does one whose snapshot was taken while a ledger write awaited its re-scoring', async () => {
  const database = await server.createDatabase('snapshot_risk_stale');
  const maya = await leader(database);
  const tomorrow = await newDesk(database, 'Lee', at('2026-11-23T09:00:00Z'));
  expect(models(tomorrow).at(-1)).toEqual({ trained_at: '2026-11-23T09:00:00.000Z', as_of: '2026-11-23' });

  // A snapshot read while a write waits for its follow-up (an ERP sync between its pages) leaves the risk out.
  const pool = new pg.Pool({ host: server.host, port: server.port, user: server.user, password: server.password, database });
  const raw = new Database(maya.dbPath);
  try {
    raw.pragma("cipher='sqlcipher'");
    raw.pragma('legacy=4');
    raw.pragma(`key="x'${maya.key.toString('hex')}'"`);
    noteLedgerWritten(raw, [1]);
    await withServer(database, (client) => client.query('UPDATE team_snapshots SET complete = false'));
    expect(await storeSnapshot(pool, raw, (raw.prepare('SELECT desk_id AS id FROM team_state').get() as { id: string }).id)).toBe(true);
  } finally {
    raw.close();
    await pool.end();
  }
  expect((await latestSnapshot(database)).tables).not.toContain('risk_models');
  const sam = await newDesk(database, 'Sam', at('2026-11-22T17:00:00Z'));
  expect(models(sam)).toEqual([{ trained_at: '2026-11-22T17:00:00.000Z', as_of: '2026-11-22' }]);
  expect(scores(sam)).toEqual(scores(maya));
});

it('a snapshot made before server migration 0009 (a JSON object per row) still loads, and the leader makes a new one', async () => {
  const database = await server.createDatabase('snapshot_format_1');
  const maya = await leader(database);
  await maya.core.call('activity.addNote', {
    customerId: maya.sql<{ id: number }>('SELECT id FROM customers ORDER BY id')[0]!.id,
    text: 'Before the snapshot',
  });
  await maya.core.call('team.sync', {});
  // The latest snapshot made again as an older leader wrote it: the same rows, each an object, no risk.
  await withServer(database, async (client) => {
    const { id } = await latestSnapshot(database);
    const { rows: parts } = await client.query<{ table_name: string; data: Buffer }>(
      "SELECT table_name, data FROM team_snapshot_parts WHERE snapshot_id = $1 AND table_name NOT IN ('risk_models', 'customer_risk') ORDER BY part",
      [id],
    );
    await client.query('UPDATE team_snapshots SET complete = false');
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO team_snapshots (desk_id, ledger_through, changes_through, format, complete)
      SELECT desk_id, ledger_through, changes_through, 1, true FROM team_snapshots WHERE id = $1 RETURNING id`,
      [id],
    );
    for (const [part, { table_name, data }] of parts.entries()) {
      const { columns, values } = await unpackPart(data);
      const objects = [];
      for (let row = 0; row < values.length; row += columns.length) objects.push(Object.fromEntries(columns.map((column, i) => [column, values[row + i]])));
      await client.query('INSERT INTO team_snapshot_parts (snapshot_id, part, table_name, rows) VALUES ($1, $2, $3, $4::jsonb)', [
        rows[0]!.id,
        part,
        table_name,
        JSON.stringify(objects),
      ]);
    }
  });
  expect(await latestSnapshot(database)).toMatchObject({ format: 1 });

  const lee = await newDesk(database, 'Lee', at('2026-11-22T16:00:00Z'));
  const book = (d: TeamDesk) => d.sql('SELECT number, customer_id, open_minor, status FROM invoices ORDER BY id');
  expect(book(lee)).toEqual(book(maya));
  expect(lee.sql("SELECT body FROM activities WHERE kind = 'note'")).toEqual(maya.sql("SELECT body FROM activities WHERE kind = 'note'"));
  // No risk came with it: Lee learned from the same book, and so the same.
  expect(models(lee)).toEqual([{ trained_at: '2026-11-22T16:00:00.000Z', as_of: '2026-11-22' }]);
  expect(scores(lee)).toEqual(scores(maya));

  // The leader's next exchange finds the latest snapshot in an older format and makes a new one.
  await maya.core.call('team.sync', {});
  expect(await latestSnapshot(database)).toMatchObject({ format: 2, tables: expect.arrayContaining(['risk_models']) });
});

it('a part that cannot be read fails the join in words and leaves nothing half-loaded; joining again once it is remade loads it', async () => {
  const database = await server.createDatabase('snapshot_unreadable');
  const maya = await leader(database);
  // The second part (fetched while the first is written) and the last are damaged.
  await withServer(database, (client) =>
    client.query("UPDATE team_snapshot_parts SET data = '\\x00'::bytea WHERE part = 1 OR part = (SELECT max(part) FROM team_snapshot_parts)"),
  );
  const lee = await openDesk(server, database, { collector: 'Lee', book: false });
  desks.push(lee);
  await expect(lee.core.call('team.join', {})).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringMatching(/snapshot on the server could not be read/),
  });
  expect(lee.sql('SELECT count(*) AS n FROM invoices')).toEqual([{ n: 0 }]);
  expect(lee.sql('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  await withServer(database, (client) => client.query('UPDATE team_snapshots SET complete = false'));
  await maya.core.call('team.sync', {});
  await lee.core.call('team.join', {});
  expect(lee.sql('SELECT count(*) AS n FROM invoices')).toEqual(maya.sql('SELECT count(*) AS n FROM invoices'));
});
