import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JOB } from '../helpers/temp-core';
import { bundle } from '../helpers/crash-harness';
import { openDesk, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * The sync-leader desk, in its own process, is killed with SIGKILL while it holds the ERP-sync lease:
 * another desk (three in the team) is refused the sync while the lease lasts and takes it over once
 * it runs out, with no help from the dead desk.
 */
const NOW = '2026-11-22T15:00:00Z';
const LEASE_SECONDS = 2;
let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());

it('a killed sync leader loses the lease when it runs out, and another desk takes over', async () => {
  const database = await server.createDatabase('leader_crash');
  const folder = mkdtempSync(join(tmpdir(), 'inflow-exports-'));
  const client = await server.connect(database);
  const desks: TeamDesk[] = [];
  try {
    for (const collector of ['Maya', 'Sam', 'Lee']) {
      const desk = await openDesk(server, database, { collector });
      desks.push(desk);
      if (collector !== 'Lee') await desk.core.call('sync.connection.save', { connector: 'folder', folder, mapping: 'generic-invoices', intervalMinutes: 0 });
      await desk.core.call('team.join', {});
    }
    const [maya, sam, lee] = desks as [TeamDesk, TeamDesk, TeamDesk];
    await client.query('UPDATE team_server SET lease_seconds = $1', [LEASE_SECONDS]);
    // Maya's desk leads from a process of its own, exchanging all the time; the test's core for it steps aside.
    await maya.core.close();
    const child = spawn(process.execPath, [bundle('test/helpers/team-child.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin.write(
      `${JSON.stringify({ INFLOW_TEST_DB: maya.dbPath, INFLOW_TEST_KEY: maya.key.toString('hex'), INFLOW_TEST_NOW: NOW, INFLOW_TRIAL: 'leader' })}\n`,
    );
    await new Promise<void>((resolve) => createInterface({ input: child.stdout }).on('line', (line) => line.startsWith('synced ') && resolve()));
    expect((await client.query('SELECT collector FROM team_leases')).rows).toEqual([{ collector: 'Maya' }]);
    child.kill('SIGKILL');
    await exited;
    const mayaUntil = (await client.query<{ at: Date }>('SELECT expires_at AS at FROM team_leases')).rows[0]!.at;
    await expect(sam.core.call('sync.run', { jobId: JOB() })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Maya's desk/) });

    // Sam's desk keeps exchanging as the app does; it takes the lease once Maya's has run out.
    let leader: string | null = 'Maya';
    for (let tries = 0; leader !== 'Sam' && tries < 40; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await sam.core.call('team.sync', {});
      leader = (await sam.core.call('team.status', {})).syncLeader;
    }
    expect(leader).toBe('Sam');
    // Not before Maya's lease ran out: Sam's was taken (its expiry less one lease) after Maya's expiry.
    const { rows } = await client.query<{ after: boolean }>('SELECT expires_at - make_interval(secs => $1) >= $2::timestamptz AS after FROM team_leases', [
      LEASE_SECONDS,
      mayaUntil,
    ]);
    expect(rows).toEqual([{ after: true }]);
    expect(await sam.core.call('sync.run', { jobId: JOB() })).toMatchObject({ connector: 'folder' });
    await lee.core.call('team.sync', {});
    expect(await lee.core.call('team.status', {})).toMatchObject({ syncLeader: 'Sam' });
  } finally {
    await client.end();
    await Promise.all(desks.slice(1).map((desk) => desk.dispose()));
    if (desks[0]) rmSync(dirname(desks[0].dbPath), { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
  }
}, 120_000);
