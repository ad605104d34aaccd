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

it('three desks claiming the same reminders at once: each has one sender, and all three name it', async () => {
  const database = await server.createDatabase('claim_race_three');
  const setup = await server.connect(database);
  await migrateTeamServer(setup);
  const desks = ['Maya', 'Sam', 'Lee'].map((collector) => ({ collector, deskId: randomUUID() }));
  for (const desk of desks) await setup.query('INSERT INTO team_desks (desk_id, collector) VALUES ($1, $2)', [desk.deskId, desk.collector]);
  // Each desk its own pool: its own server sessions, as three desks on three machines.
  const pools = desks.map(() => new pg.Pool({ host: server.host, port: server.port, user: server.user, password: server.password, database, max: 2 }));
  try {
    const keys = Array.from({ length: 40 }, (_, i) => `step-${i}`);
    const answers = await Promise.all(keys.map((key) => Promise.all(desks.map((desk, i) => claimSend(pools[i]!, desk.deskId, desk.collector, key)))));
    for (const [index, holders] of answers.entries()) {
      const winners = desks.filter((_, i) => holders[i] === null);
      expect(winners, keys[index]).toHaveLength(1);
      expect(
        holders.filter((holder) => holder !== null),
        keys[index],
      ).toEqual([winners[0]!.collector, winners[0]!.collector]);
    }
    expect((await setup.query('SELECT count(*)::int AS n FROM team_send_claims')).rows[0]).toEqual({ n: keys.length });
  } finally {
    await Promise.all(pools.map((pool) => pool.end()));
    await setup.end();
  }
});
