import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateTeamServer } from '../../electron/core/team/migrate-server';
import { claimSend } from '../../electron/core/team/send-claim';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * The claim a desk loses while the winner's insert is still uncommitted: it waits for that commit
 * and must then name the winner. (One INSERT … ON CONFLICT … UNION SELECT statement cannot see a row
 * committed after it started, found no holder, and let both desks send.)
 */
let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());

it('a claim that waited on an uncommitted winner names the winner once it commits', async () => {
  const database = await server.createDatabase('claim_race');
  const setup = await server.connect(database);
  await migrateTeamServer(setup);
  const [maya, sam] = [randomUUID(), randomUUID()];
  await setup.query("INSERT INTO team_desks (desk_id, collector) VALUES ($1, 'Maya'), ($2, 'Sam')", [maya, sam]);
  await setup.query('BEGIN');
  await setup.query("INSERT INTO team_send_claims (claim_key, desk_id, collector) VALUES ('k1', $1, 'Maya')", [maya]);
  const pool = new pg.Pool({ host: server.host, port: server.port, user: server.user, password: server.password, database, max: 2 });
  try {
    const losing = claimSend(pool, sam, 'Sam', 'k1');
    // The loser's insert blocks on the winner's row until the winner commits.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await setup.query('COMMIT');
    expect(await losing).toBe('Maya');
    expect(await claimSend(pool, maya, 'Maya', 'k1')).toBeNull();
    expect(await claimSend(pool, sam, 'Sam', 'k2')).toBeNull();
  } finally {
    await pool.end();
    await setup.end();
  }
});
