import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateTeamServer, serverChecksum } from '../../electron/core/team/migrate-server';
import { SERVER_MIGRATIONS } from '../../electron/core/team/server-migrations';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/** The team server's schema steps are locked like the local ones (migration-lock.test.ts), and checked again by the server. */
const folder = join(__dirname, '../../electron/core/team/server-migrations');
const LOCK = JSON.parse(readFileSync(join(folder, 'checksums.json'), 'utf8')) as Record<string, string>;
const steps = readdirSync(folder)
  .filter((file) => /^\d{4}-.+\.ts$/.test(file))
  .sort();
const hash = (file: string): string =>
  createHash('sha256')
    .update(readFileSync(join(folder, file), 'utf8').replace(/\r\n/g, '\n'))
    .digest('hex');

describe('team server migration files', () => {
  it('are listed in order, one per step, numbered from 0001', () => {
    expect(steps).toHaveLength(SERVER_MIGRATIONS.length);
    steps.forEach((file, n) => expect(file.slice(0, 4)).toBe(String(n + 1).padStart(4, '0')));
    expect(steps.map((file) => file.slice(5, -3))).toEqual(SERVER_MIGRATIONS.map((step) => step.name));
  });

  it('are never edited once shipped (a new one adds its hash to checksums.json)', () => {
    for (const file of steps) {
      expect(LOCK[file], `${file} is new: add "${file}": "${hash(file)}" to checksums.json`).toBeDefined();
      expect(hash(file), `${file} changed after it shipped; write a new migration instead`).toBe(LOCK[file]);
    }
    expect(Object.keys(LOCK).sort()).toEqual(steps);
  });
});

describe('migrating a real team server', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server.stop());

  const withClient = async <T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = await server.connect(database);
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  it('creates the schema once; desks migrating at the same time apply it once', async () => {
    const database = await server.createDatabase('team_once');
    const results = await Promise.all([1, 2, 3].map(() => withClient(database, migrateTeamServer)));
    expect(results.map((r) => r.applied).sort()).toEqual([0, 0, SERVER_MIGRATIONS.length]);
    await withClient(database, async (client) => {
      expect((await client.query('SELECT version, name FROM team_migrations ORDER BY version')).rows).toEqual(
        SERVER_MIGRATIONS.map((step, i) => ({ version: i + 1, name: step.name })),
      );
      expect(await migrateTeamServer(client)).toEqual({ version: SERVER_MIGRATIONS.length, applied: 0 });
    });
  });

  it('refuses a server whose recorded step differs from the shipped one, or that is newer', async () => {
    const database = await server.createDatabase('team_other');
    await withClient(database, async (client) => {
      await migrateTeamServer(client);
      await client.query("UPDATE team_migrations SET checksum = 'edited' WHERE version = 1");
      await expect(migrateTeamServer(client)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/not the one this Inflow shipped/) });
      await client.query('UPDATE team_migrations SET checksum = $1 WHERE version = 1', [serverChecksum(SERVER_MIGRATIONS[0]!)]);
      await client.query(`INSERT INTO team_migrations (version, name, checksum) VALUES (${SERVER_MIGRATIONS.length + 1}, 'from-the-future', 'x')`);
      await expect(migrateTeamServer(client)).rejects.toMatchObject({ code: 'DB_TOO_NEW' });
    });
  });
});
