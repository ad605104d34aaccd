import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { openDesk, type TeamDesk } from '../helpers/team-desk';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

/** Team views on a real PostgreSQL: a handover made on one desk moves the customers on every desk, and the queue and KPIs by collector follow it there. */
let server: PostgresServer;
let database: string;
let desks: TeamDesk[];
let n = 0;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server.stop());
beforeEach(async () => {
  database = await server.createDatabase(`views_${++n}`);
  desks = [];
});
afterEach(async () => {
  await Promise.all(desks.map((desk) => desk.dispose()));
});

const desk = async (collector: string): Promise<TeamDesk> => {
  const opened = await openDesk(server, database, { collector });
  desks.push(opened);
  await opened.core.call('team.join', {});
  return opened;
};

it('a handover moves every customer of a collector, with its note, on every desk; the queue and KPIs by collector follow', async () => {
  const [maya, sam] = [await desk('Maya'), await desk('Sam')];
  await expect(maya.core.call('customers.handover', { fromCollector: 'Nobody', toCollector: 'Sam' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(maya.core.call('customers.handover', { fromCollector: 'Sam', toCollector: 'Sam' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  expect(await maya.core.call('customers.handover', { fromCollector: 'Dana', toCollector: 'Sam', note: 'Dana is on leave until March' })).toEqual({ moved: 2 });
  await maya.core.call('team.sync', {});
  await sam.core.call('team.sync', {});

  for (const d of [maya, sam]) {
    expect(d.sql('SELECT external_id AS id, collector FROM customers WHERE collector IS NOT NULL ORDER BY external_id')).toEqual([
      { id: 'C-001', collector: 'Sam' },
      { id: 'C-002', collector: 'Sam' },
      { id: 'C-004', collector: 'Lee' },
    ]);
    expect(d.sql("SELECT json_extract(body, '$.note') AS note, created_by AS by FROM activities WHERE kind = 'assignment'")).toEqual([
      { note: 'Dana is on leave until March', by: expect.any(String) },
      { note: 'Dana is on leave until March', by: expect.any(String) },
    ]);
  }
  // Sam's queue filtered to his own ("mine") holds exactly the customers handed to him.
  const mine = await sam.core.call('worklist.list', { collector: 'Sam' });
  expect(mine.rows.map((row) => row.externalId).sort()).toEqual(expect.arrayContaining(['C-001']));
  expect(mine.rows.every((row) => row.collector === 'Sam')).toBe(true);
  expect((await sam.core.call('worklist.list', { collector: 'Dana' })).total).toBe(0);
  // KPIs by collector on Sam's desk: Dana's book is now Sam's.
  const kpis = await sam.core.call('analytics.kpis', { from: '2026-10-01', to: '2026-11-21', groupBy: 'collector' });
  const labels = kpis.rows.map((row) => row.label);
  expect(labels).toContain('Sam');
  expect(labels).not.toContain('Dana');
});
