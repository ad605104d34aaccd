import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core';
import { Random } from '../../electron/core/sample/random';
import { WorklistCache } from '../../electron/core/worklist/worklist-cache';
import { openDatabase, type OpenDatabase } from '../../electron/db/open';
import { addDays, daysBetween, type IsoDate } from '../../shared/dates';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * A past day's first page is ranked without building that day's whole queue (worklist/past-first-page):
 * it must be exactly the whole queue's first rows, with its total and currencies, on any day and for
 * any page size. On the sample, and on the sample with a generated history on top of it: promises,
 * disputes, plans, calls (a worked customer rests), snoozes and ladder steps taken, recorded on past
 * days by a core whose clock stood on that day.
 */
const TODAY: IsoDate = '2026-11-22';
const FROM: IsoDate = '2026-01-01';
const random = new Random(2121);
const dayIn = (from: IsoDate, to: IsoDate): IsoDate => addDays(from, Math.floor(random.next() * daysBetween(from, to)));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random.next() * items.length)]!;

let sample: TempCore;
let generated: TempCore;
let sampleDb: OpenDatabase;
let generatedDb: OpenDatabase;

/** On `count` random past days, random work on customers with invoices open then, by a core whose clock is on that day. */
async function generateHistory(t: TempCore, count: number): Promise<number> {
  let recorded = 0;
  const steps: { invoiceId: number; step: string; takenAt: string }[] = [];
  const days = Array.from({ length: count }, () => dayIn(FROM, addDays(TODAY, -2))).sort();
  for (const day of days) {
    const core = openCore({ dbPath: t.dbPath, key: t.key, clock: () => new Date(`${day}T12:00:00Z`) });
    const open = t.query<{ customerId: number; invoiceId: number; currency: string; openMinor: number }>(
      `SELECT customer_id AS customerId, id AS invoiceId, currency, open_minor AS openMinor FROM invoices
       WHERE status = 'open' AND issue_date <= '${day}' AND due_date < '${day}' ORDER BY id`,
    );
    for (let k = 0; k < 12 && open.length > 0; k++) {
      const { customerId, invoiceId, currency, openMinor } = pick(open);
      const work = Math.floor(random.next() * 6);
      try {
        if (work === 0)
          await core.call('activity.recordPromise', {
            customerId,
            currency,
            amountMinor: Math.max(1, Math.floor(openMinor / 2)),
            promisedDate: addDays(day, Math.floor(random.next() * 20) - 5),
            invoiceIds: [invoiceId],
          });
        else if (work === 1)
          await core.call('activity.openDispute', { customerId, invoiceIds: [invoiceId], reasonCode: 'pricing', slaDays: 1 + Math.floor(random.next() * 20) });
        else if (work === 2)
          await core.call('activity.createPlan', {
            customerId,
            currency,
            invoiceIds: [invoiceId],
            installments: [
              { dueDate: addDays(day, 5), amountMinor: Math.max(1, Math.floor(openMinor / 2)) },
              { dueDate: addDays(day, 35), amountMinor: Math.max(1, openMinor - Math.floor(openMinor / 2)) },
            ],
          });
        else if (work === 3)
          await core.call('activity.logCall', { customerId, outcome: 'reached', ...(random.next() < 0.5 ? { followUpDate: addDays(day, 3) } : {}) });
        else if (work === 4)
          await core.call('worklist.snooze', { customerId, untilDate: addDays(day, 1 + Math.floor(random.next() * 10)), reason: 'asked to wait' });
        else {
          const step = pick(['first-reminder', 'second-reminder', 'call', 'manager', 'final-notice']);
          steps.push({ invoiceId, step, takenAt: `${day}T09:00:00.000Z` });
        }
        recorded++;
      } catch {
        // A random action the book refuses (a second promise on a settled invoice…) is simply not part of the history.
      }
    }
    await core.close();
  }
  const db = openDatabase(t.dbPath, t.key);
  const insert = db.sqlite.prepare(
    "INSERT OR IGNORE INTO ladder_invoice_steps (invoice_id, policy_id, step_id, state, taken_at) VALUES (@invoiceId, 'standard', @step, 'taken', @takenAt)",
  );
  for (const step of steps) insert.run(step);
  await db.close();
  return recorded;
}

/** A day on which a few worked customers, resting, are back in the queue only for an agency referral due. */
const REFERRAL_DAY: IsoDate = '2026-10-15';

/**
 * Customers called the day before REFERRAL_DAY (so resting on it), each with an invoice long past due
 * whose final notice went out 20 days before: the referral that follows is due on the day, and a
 * referral keeps a worked customer in the queue. Without the ladder they would not be there.
 */
async function referralsDue(t: TempCore): Promise<number> {
  const late = t.query<{ customerId: number; invoiceId: number }>(
    `SELECT customer_id AS customerId, min(id) AS invoiceId FROM invoices WHERE status = 'open' AND due_date <= '${addDays(REFERRAL_DAY, -75)}' GROUP BY customer_id ORDER BY customer_id LIMIT 4`,
  );
  const db = openDatabase(t.dbPath, t.key);
  for (const { invoiceId } of late) {
    db.sqlite.prepare('DELETE FROM ladder_invoice_steps WHERE invoice_id = ?').run(invoiceId);
    db.sqlite
      .prepare("INSERT INTO ladder_invoice_steps (invoice_id, policy_id, step_id, state, taken_at) VALUES (?, 'standard', 'final-notice', 'taken', ?)")
      .run(invoiceId, `${addDays(REFERRAL_DAY, -20)}T09:00:00.000Z`);
  }
  await db.close();
  const core = openCore({ dbPath: t.dbPath, key: t.key, clock: () => new Date(`${addDays(REFERRAL_DAY, -1)}T12:00:00Z`) });
  for (const { customerId } of late) await core.call('activity.logCall', { customerId, outcome: 'reached' });
  await core.close();
  return late.length;
}

beforeAll(async () => {
  sample = tempCore();
  await sample.core.call('sample.load', { jobId: JOB() });
  generated = tempCore();
  await generated.core.call('sample.load', { jobId: JOB() });
  await generated.core.close();
  expect(await generateHistory(generated, 25)).toBeGreaterThan(100);
  expect(await referralsDue(generated)).toBeGreaterThan(1);
  sampleDb = openDatabase(sample.dbPath, sample.key);
  generatedDb = openDatabase(generated.dbPath, generated.key);
}, 300_000);
afterAll(async () => {
  await sampleDb.close();
  await generatedDb.close();
  await sample.dispose();
  await generated.dispose();
});

const days = [...Array.from({ length: 6 }, () => dayIn(FROM, TODAY)), REFERRAL_DAY];

describe.each(['sample', 'generated'] as const)('the %s book', (which) => {
  it.each(days)('as of %s, the first page is the whole queue’s first rows, whatever the page size', (day) => {
    const db = which === 'sample' ? sampleDb : generatedDb;
    const whole = new WorklistCache(db.sqlite).rankedOn(day, TODAY);
    expect(whole.length).toBeGreaterThan(20);
    const pairs = (rows: readonly { currency: string; unrated: boolean }[]): string[] => [...new Set(rows.map((r) => `${r.currency}|${r.unrated}`))].sort();
    for (const limit of [1, 7, 25, 100, whole.length + 5]) {
      const page = new WorklistCache(db.sqlite).firstPageOn(day, TODAY, limit);
      expect(page.rows, `limit ${limit}`).toEqual(whole.slice(0, limit));
      expect(page.total).toBe(whole.length);
      expect(pairs(page.currencies)).toEqual(pairs(whole));
    }
  });
});

it('the generated history reaches the queue: rests, snoozes, commitments and ladder steps on past days', () => {
  const referred = new WorklistCache(generatedDb.sqlite)
    .rankedOn(REFERRAL_DAY, TODAY)
    .filter((row) => row.reasons.some((reason) => reason.code === 'escalation_due' && reason.channel === 'agency_referral'));
  expect(referred.length).toBeGreaterThan(1);
  const count = (sql: string): number => (generatedDb.sqlite.prepare(sql).get() as { n: number }).n;
  expect(count(`SELECT count(*) AS n FROM ladder_invoice_steps WHERE taken_at < '${TODAY}'`)).toBeGreaterThan(5);
  expect(
    count(`SELECT count(*) AS n FROM activities WHERE kind IN ('call', 'snooze', 'promise', 'dispute_opened', 'plan_created') AND occurred_at < '${TODAY}'`),
  ).toBeGreaterThan(50);
});
