import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/outreach/default-policy';
import { runCliInProcess } from '../helpers/run-cli';

/**
 * Issue 21 as a user meets it: a book whose invoices have all been paid since still shows, as of a
 * day when they were overdue, who owed what and what the ladder would have sent; and the backtest
 * prints its documented JSON for two policies, one of them from a file.
 */
const key = randomBytes(32).toString('hex');
let dir: string;
let db: string;

function cli(args: string[]) {
  return runCliInProcess([...args, '--db', db], { PATH: process.env.PATH, HOME: process.env.HOME, INFLOW_DB_KEY: key });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inflow-history-'));
  db = join(dir, 'ar.db');
  writeFileSync(join(dir, 'customers.csv'), 'Customer ID,Name,Email\nC-1,Acme Tools,ap@acme.example\nC-2,Birch & Co,ap@birch.example\n');
  // Everything is paid by now: C-1 paid 40 days late, C-2 on time; C-2's second invoice is disputed in the ERP.
  writeFileSync(
    join(dir, 'invoices.csv'),
    [
      'Invoice Number,Customer ID,Issue Date,Due Date,Amount,Open Balance,Paid Date,Disputed',
      'A-1,C-1,2026-05-01,2026-05-31,1200.00,0.00,2026-07-10,',
      'B-1,C-2,2026-05-01,2026-05-31,800.00,0.00,2026-05-30,',
      'B-2,C-2,2026-05-10,2026-06-09,300.00,0.00,2026-07-20,Yes',
    ].join('\n'),
  );
  expect((await cli(['import', join(dir, 'customers.csv'), '--preset', 'generic-customers'])).code).toBe(0);
  expect((await cli(['import', join(dir, 'invoices.csv'), '--preset', 'generic-invoices'])).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('reads the worklist and the ladder as of a past day from the book as it stood then', async () => {
  expect(JSON.parse((await cli(['worklist', '--json'])).stdout).rows).toEqual([]);
  const then = JSON.parse((await cli(['worklist', '--as-of', '2026-06-20', '--json'])).stdout);
  // C-2 owes only its disputed invoice: in the queue (a dispute is work), but never chased by the ladder.
  expect(then.rows.map((r: { externalId: string }) => r.externalId)).toEqual(['C-1', 'C-2']);
  const ladder = JSON.parse((await cli(['ladder', 'run', '--as-of', '2026-06-20', '--dry-run', '--json'])).stdout);
  expect(ladder.messages).toEqual([
    {
      customerExternalId: 'C-1',
      template: 'second-reminder',
      step: 'second-reminder',
      channel: 'email',
      invoices: [{ number: 'A-1', step: 'second-reminder' }],
    },
  ]);
  expect(ladder.excluded).toEqual([{ customerExternalId: 'C-2', number: 'B-2', step: 'first-reminder', reason: 'disputed' }]);
  const sending = await cli(['ladder', 'run', '--as-of', '2026-06-20', '--json']);
  expect(sending.code).toBe(1);
  expect(sending.stdout + sending.stderr).toContain('dry run');
}, 60_000);

it('backtests two policies, one from a file, in the documented JSON', async () => {
  const gentle = { ...DEFAULT_POLICY, id: 'gentle', name: 'Gentle', steps: DEFAULT_POLICY.steps.filter((s) => s.channel === 'email') };
  writeFileSync(join(dir, 'gentle.json'), JSON.stringify(gentle));
  const result = await cli(['backtest', '--from', '2026-06-01', '--to', '2026-07-31', '--policy', 'standard', '--compare', join(dir, 'gentle.json'), '--json']);
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout);
  expect(Object.keys(report)).toEqual(['from', 'to', 'policies']);
  const [standard, gentler] = report.policies;
  expect(Object.keys(standard)).toEqual(['name', 'messages', 'tasksPerDay', 'wastedReminders', 'untouchedLate', 'blockedTouches', 'dsoEffect']);
  expect([standard.name, gentler.name]).toEqual(['Standard', 'Gentle']);
  expect(standard.tasksPerDay).toHaveLength(61);
  expect(standard.tasksPerDay.reduce((n: number, d: { calls: number }) => n + d.calls, 0)).toBe(1);
  expect(gentler.tasksPerDay.every((d: { calls: number }) => d.calls === 0)).toBe(true);
  expect(standard.messages['first-reminder']).toBe(1);
  expect(standard.blockedTouches).toBe(0);
  expect(Object.keys(standard.dsoEffect)).toEqual(['days', 'low', 'high', 'assumption']);
  expect((await cli(['backtest', '--from', '2026-06-01', '--to', '2026-07-31', '--policy', 'no-such-ladder'])).code).toBe(1);
}, 60_000);
