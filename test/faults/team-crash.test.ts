import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { bundle, faultRandom } from '../helpers/crash-harness';
import { openDesk, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/**
 * SIGKILL at random points while two desks, each in its own process, write notes and exchange them
 * through one real PostgreSQL: mid-write, mid-push, mid-pull. After each trial both desks are opened
 * again and exchange: every note each desk committed is on the server once and on the other desk once.
 */
const TRIALS = 3;
const NOW = '2026-11-22T15:00:00Z';
let server: PostgresServer;
const random = faultRandom('team-crash');

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());

/** Runs the desk in a child process and kills it once it has committed `notes` notes, after a further random few milliseconds. */
async function runAndKill(desk: TeamDesk, trial: string, notes: number, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, [bundle('test/helpers/team-child.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin.write(
    `${JSON.stringify({ INFLOW_TEST_DB: desk.dbPath, INFLOW_TEST_KEY: desk.key.toString('hex'), INFLOW_TEST_NOW: NOW, INFLOW_TRIAL: trial })}\n`,
  );
  await new Promise<void>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === `note ${notes}`) setTimeout(resolve, delayMs);
    });
    child.once('exit', () => resolve());
  });
  child.kill('SIGKILL');
  await exited;
}

it('loses and doubles nothing when desks are killed mid-write, mid-push and mid-pull', async () => {
  for (let trial = 1; trial <= TRIALS; trial++) {
    const database = await server.createDatabase(`crash_${trial}`);
    const desks = [await openDesk(server, database, { collector: 'Maya' }), await openDesk(server, database, { collector: 'Sam' })];
    for (const desk of desks) await desk.core.call('team.join', {});
    // The children open the same files: the test's cores step aside, and reopen after the kills.
    for (const desk of desks) await desk.core.close();
    await Promise.all(desks.map((desk) => runAndKill(desk, `${trial}-${desk.collector}`, random.int(5, 40), random.int(0, 30))));
    const cores = desks.map((desk) =>
      openCore({ dbPath: desk.dbPath, key: desk.key, clock: () => new Date(NOW), sendMail: false, scheduleSync: false, watchInbox: false }),
    );
    try {
      for (const core of [...cores, ...cores]) await core.call('team.sync', {});
      const client = await server.connect(database);
      try {
        for (const [index, desk] of desks.entries()) {
          const other = desks[1 - index]!;
          const own = desk.sql<{ text: string }>(
            "SELECT json_extract(body, '$.text') AS text FROM activities WHERE kind = 'note' AND created_by = 'collector' ORDER BY id",
          );
          const published = await client.query<{ n: string }>(
            'SELECT count(*) AS n FROM team_changes c JOIN team_desks d USING (desk_id) WHERE d.collector = $1',
            [desk.collector],
          );
          expect(Number(published.rows[0]!.n), `trial ${trial}: ${desk.collector}'s notes on the server`).toBe(own.length);
          const received = other.sql<{ text: string }>(
            "SELECT json_extract(body, '$.text') AS text FROM activities WHERE kind = 'note' AND created_by = ? ORDER BY id",
            desk.collector,
          );
          expect(received.map((row) => row.text).sort(), `trial ${trial}: ${desk.collector}'s notes on ${other.collector}'s desk`).toEqual(
            own.map((row) => row.text).sort(),
          );
        }
      } finally {
        await client.end();
      }
    } finally {
      await Promise.all(cores.map((core) => core.close()));
      for (const desk of desks) rmSync(dirname(desk.dbPath), { recursive: true, force: true });
    }
  }
}, 240_000);
