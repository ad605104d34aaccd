import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { Random } from '../../electron/core/sample/random';
import { openDatabase } from '../../electron/db/open';
import { addDays, daysBetween } from '../../shared/dates';
import { cutBookAfter } from '../helpers/cut-book';
import { FROZEN_NOW, JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * Leak-free by test (issue 21): every read "as of d" on the whole book gives exactly what it gives
 * on a copy of the book cut after d, so nothing dated after d reaches it. On the sample (two years
 * of invoices, payments, promises kept and broken, disputes opened and resolved, plans, calls and
 * emails), on days drawn at random with a fixed seed, plus a day with live commitments in it.
 */
let full: TempCore;
const cuts = new Map<string, Core>();
const FROM = '2026-05-01';

beforeAll(async () => {
  full = tempCore();
  await full.core.call('sample.load', { jobId: JOB() });
  await full.core.close();
}, 120_000);
afterAll(async () => {
  for (const core of cuts.values()) await core.close();
  await full.dispose();
});

/** The full book and a copy of it cut after `day` (made once), both opened with the clock on FROZEN_NOW. */
async function books(day: string): Promise<[Core, Core]> {
  if (!cuts.has('full')) cuts.set('full', openCore({ dbPath: full.dbPath, key: full.key, clock: () => FROZEN_NOW }));
  const made = cuts.get(day);
  if (made) return [cuts.get('full')!, made];
  const path = join(full.dir, `cut-${day}.db`);
  copyFileSync(full.dbPath, path);
  const db = openDatabase(path, full.key);
  cutBookAfter(db.sqlite, day);
  await db.close();
  const cut = openCore({ dbPath: path, key: full.key, clock: () => FROZEN_NOW });
  cuts.set(day, cut);
  return [cuts.get('full')!, cut];
}

const random = new Random(21);
const span = daysBetween(FROM, '2026-11-01');
const days = [...Array.from({ length: 3 }, () => addDays(FROM, Math.floor(random.next() * span))), '2026-10-20'];

describe.each(days)('as of %s', (day) => {
  it("the worklist, the ladder dry run and the customer list are the cut book's", async () => {
    const [whole, cut] = await books(day);
    const queue = async (core: Core) =>
      (await core.call('worklist.list', { asOf: day, limit: 1000 })).rows.map((r) => [r.externalId, r.currency, r.score, r.reasons]);
    const wholeQueue = await queue(whole);
    expect(wholeQueue.length).toBeGreaterThan(0);
    expect(wholeQueue).toEqual(await queue(cut));
    expect(await whole.call('ladder.run', { asOf: day, dryRun: true })).toEqual(await cut.call('ladder.run', { asOf: day, dryRun: true }));
    expect(await whole.call('customers.list', { asOf: day })).toEqual(await cut.call('customers.list', { asOf: day }));
  }, 120_000);

  it("every customer page of the queue's first ten is the cut book's", async () => {
    const [whole, cut] = await books(day);
    const top = (await whole.call('worklist.list', { asOf: day, limit: 10 })).rows;
    for (const { customerId } of top) {
      for (const read of [
        (core: Core) => core.call('customer.summary', { customerId, asOf: day }),
        (core: Core) => core.call('customer.invoices', { customerId, asOf: day }),
        (core: Core) => core.call('customer.commitments', { customerId, asOf: day }),
        (core: Core) => core.call('customer.timeline', { customerId, asOf: day }),
      ])
        expect(await read(whole)).toEqual(await read(cut));
    }
  }, 120_000);

  it('the backtest decides each day up to it as on the cut book', async () => {
    const [whole, cut] = await books(day);
    const decisions = async (core: Core) => {
      const [policy] = (await core.call('replay.backtest', { from: FROM, to: day })).policies;
      return { messages: policy!.messages, tasksPerDay: policy!.tasksPerDay, blockedTouches: policy!.blockedTouches, untouchedLate: policy!.untouchedLate };
    };
    const wholeRun = await decisions(whole);
    expect(Object.values(wholeRun.messages).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(wholeRun.blockedTouches).toBe(0);
    expect(wholeRun).toEqual(await decisions(cut));
  }, 120_000);
});
