import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/run-cli';

/**
 * A statement the CLI writes holds a customer's name, address and balances: like the database and its
 * exports it is the user's alone (0600), whatever the umask, and a file it overwrites is closed up too.
 */
const key = randomBytes(32).toString('hex');
let dir: string;
let db: string;
let umask: number;

function cli(args: string[]) {
  return runCliInProcess([...args, '--db', db], { PATH: process.env.PATH, HOME: process.env.HOME, INFLOW_DB_KEY: key });
}

beforeAll(async () => {
  umask = process.umask(0o022);
  dir = mkdtempSync(join(tmpdir(), 'inflow-cli-private-'));
  db = join(dir, 'ar.db');
  writeFileSync(join(dir, 'customers.csv'), 'Customer ID,Name,Email\nC-1,Acme Tools,ap@acme.example\n');
  writeFileSync(
    join(dir, 'invoices.csv'),
    'Invoice Number,Customer ID,Issue Date,Due Date,Amount,Open Balance\nA-1,C-1,2026-05-01,2026-05-31,1200.00,1200.00\n',
  );
  expect((await cli(['import', join(dir, 'customers.csv'), '--preset', 'generic-customers'])).code).toBe(0);
  expect((await cli(['import', join(dir, 'invoices.csv'), '--preset', 'generic-invoices'])).code).toBe(0);
}, 120_000);
afterAll(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

it('writes a statement PDF owner-only, new or overwritten', async () => {
  const fresh = join(dir, 'fresh.pdf');
  expect(await cli(['statement', '--customer', 'C-1', '--out', fresh])).toMatchObject({ code: 0 });
  expect(modeOf(fresh)).toBe(0o600);
  const old = join(dir, 'old.pdf');
  writeFileSync(old, 'an older file', { mode: 0o644 });
  expect(await cli(['statement', '--customer', 'C-1', '--out', old])).toMatchObject({ code: 0 });
  expect(modeOf(old)).toBe(0o600);
});

const modeOf = (path: string): number => statSync(path).mode & 0o777;
