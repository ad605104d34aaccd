import { afterEach, beforeEach, expect, it } from 'vitest';
import { qboConnection, seedQbo, type SeededQbo } from '../helpers/qbo-fixtures';
import { startQboServer, type QboServer } from '../helpers/qbo-server';
import { FROZEN_NOW, JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * The change feed's 30 days are counted on this desk's clock, which cannot know when that clock was
 * set right in between. When QuickBooks refuses the feed's start as too old, the sync reads
 * everything instead of failing at every sync from then on.
 */
let server: QboServer;
let seeded: SeededQbo;
let t: TempCore;
let now: Date;
const DAY = 86_400_000;

beforeEach(async () => {
  server = await startQboServer();
  seeded = seedQbo(server);
  server.clock = FROZEN_NOW.getTime();
  now = FROZEN_NOW;
  t = tempCore(() => now);
  await t.core.call('sync.connection.save', qboConnection(server));
});
afterEach(async () => {
  await t.dispose();
  await server.close();
});

it('a desk clock a month fast, set right 35 days later: the feed QuickBooks refuses as too old gives way to a full read', async () => {
  now = new Date(FROZEN_NOW.getTime() + 40 * DAY);
  await t.core.call('sync.run', { jobId: JOB() });
  // 35 days pass at QuickBooks; the desk's clock is right again, so it counts only 35 − 40 days.
  server.clock += 35 * DAY;
  now = new Date(FROZEN_NOW.getTime() + 35 * DAY);
  server.update('Invoice', seeded.partial.Id, { Balance: 369.52 });
  server.calls.length = 0;
  const result = await t.core.call('sync.run', { jobId: JOB() });
  expect(server.calls.filter((call) => call.kind === 'cdc' || call.kind === 'query').map((call) => call.kind)).toEqual([
    'cdc',
    'query',
    'query',
    'query',
    'query',
    'query',
  ]);
  expect(t.query("SELECT open_minor FROM invoices WHERE number = '1002'")).toEqual([{ open_minor: 36_952 }]);
  expect(JSON.parse(result.cursor!)).toMatchObject({ seenAt: now.toISOString() });
  // The next sync reads the feed again.
  server.calls.length = 0;
  await t.core.call('sync.run', { jobId: JOB() });
  expect(server.calls.filter((call) => call.kind === 'cdc' || call.kind === 'query').map((call) => call.kind)).toEqual(['cdc']);
});
