import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';
import { runCliInProcess } from '../helpers/run-cli';
import { fixturePath } from '../helpers/temp-core';

/** `team join|status|sync|leave` as a user runs them: two desks, one server, the password only from the environment. */
let server: PostgresServer;
let dir: string;
beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'inflow-cli-team-'));
});
afterAll(() => {
  server.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('joins two desks from the environment, carries a call from one to the other, and leaves', async () => {
  const database = await server.createDatabase('cli_team');
  const desks = ['maya', 'sam'].map((name) => ({
    db: join(dir, `${name}.db`),
    env: {
      INFLOW_DB_KEY: randomBytes(32).toString('hex'),
      INFLOW_TEAM_HOST: server.host,
      INFLOW_TEAM_PORT: String(server.port),
      INFLOW_TEAM_DATABASE: database,
      INFLOW_TEAM_USER: server.user,
      INFLOW_TEAM_PASSWORD: server.password,
      INFLOW_TEAM_COLLECTOR: name === 'maya' ? 'Maya' : 'Sam',
    },
  }));
  for (const desk of desks) {
    const cli = (...args: string[]) => runCliInProcess([...args, '--db', desk.db], desk.env);
    expect((await cli('init')).code).toBe(0);
    expect((await cli('import', fixturePath('erp/generic-customers.csv'), '--preset', 'generic-customers')).code).toBe(0);
    expect(JSON.parse((await cli('team', 'status', '--json')).stdout)).toMatchObject({ mode: 'solo' });
    const joined = await cli('team', 'join');
    expect(joined).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Team desk of (Maya|Sam) on 127\.0\.0\.1:\d+\/cli_team \(this machine\)/) });
    expect(joined.stdout + joined.stderr).not.toContain(server.password);
  }
  const [maya, sam] = desks;
  expect((await runCliInProcess(['log-call', '--db', maya!.db, '--customer', 'C-001', '--outcome', 'reached', '--notes', 'Pays Friday'], maya!.env)).code).toBe(
    0,
  );
  expect(await runCliInProcess(['team', 'sync', '--db', maya!.db], maya!.env)).toMatchObject({ code: 0, stdout: 'Pushed 1 changes, pulled 0 (0 applied).\n' });
  // The password is stored: the second desk syncs without it in its environment.
  const { INFLOW_TEAM_PASSWORD: _password, ...samWithout } = sam!.env;
  expect(JSON.parse((await runCliInProcess(['team', 'sync', '--db', sam!.db, '--json'], samWithout)).stdout)).toEqual({
    pushed: 0,
    pulled: 1,
    applied: 1,
    waiting: 0,
  });
  expect(await runCliInProcess(['team', 'leave', '--db', sam!.db], samWithout)).toMatchObject({ code: 0, stdout: 'Solo desk: not part of a team.\n' });
  expect(await runCliInProcess(['team', 'sync', '--db', sam!.db], samWithout)).toMatchObject({ code: 1, stderr: expect.stringMatching(/not part of a team/) });
});

it('gives a manager members, limits and approvals from the command line', async () => {
  const database = await server.createDatabase('cli_team_authority');
  const env = {
    INFLOW_DB_KEY: randomBytes(32).toString('hex'),
    INFLOW_TEAM_HOST: server.host,
    INFLOW_TEAM_PORT: String(server.port),
    INFLOW_TEAM_DATABASE: database,
    INFLOW_TEAM_USER: server.user,
    INFLOW_TEAM_PASSWORD: server.password,
    INFLOW_TEAM_COLLECTOR: 'Maya',
  };
  const db = join(dir, 'manager.db');
  const cli = (...args: string[]) => runCliInProcess([...args, '--db', db], env);
  expect((await cli('init')).code).toBe(0);
  expect((await cli('team', 'join')).code).toBe(0);
  expect(await cli('team', 'add-member', '--db-user', 'lee_cli', '--collector', 'Lee', '--role', 'senior')).toMatchObject({
    code: 1,
    stderr: expect.stringMatching(/does not exist yet: give a password/),
  });
  expect(
    await runCliInProcess(['team', 'add-member', '--db', db, '--db-user', 'lee_cli', '--collector', 'Lee', '--role', 'senior'], {
      ...env,
      INFLOW_TEAM_MEMBER_PASSWORD: 'lee-cli-secret-1',
    }),
  ).toMatchObject({ code: 0, stdout: 'Created lee_cli: Lee, senior.\n' });
  const limits = join(dir, 'limits.json');
  writeFileSync(limits, JSON.stringify({ currency: 'USD', collector: { planInstallments: 3 }, senior: { planInstallments: 6 } }));
  expect(JSON.parse((await cli('team', 'limits', '--limits', limits, '--json')).stdout)).toMatchObject({
    role: 'manager',
    limits: { senior: { planInstallments: 6, promiseDays: null } },
  });
  expect(await cli('team', 'approvals')).toMatchObject({ code: 0, stdout: 'No requests.\n' });
  expect(await cli('team', 'approve', '--id', '7')).toMatchObject({ code: 1, stderr: expect.stringMatching(/No request 7 waits for a decision/) });
});
