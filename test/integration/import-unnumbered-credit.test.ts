import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * A QuickBooks unapplied payment has no number: it is named from its values (customer, ISO date,
 * amount in minor units, currency, reference), so its CSV and its workbook are one credit; one
 * stored under the name an older import gave it (the row's raw text) is taken over, not doubled.
 */
let t: TempCore;
beforeEach(() => {
  t = tempCore();
});
afterEach(() => t.dispose());

const run = (fixture: string) => t.core.call('import.run', { jobId: JOB(), fileId: t.stage(`erp/${fixture}`), snapshot: false, preset: 'quickbooks-aging' });
const unapplied = () =>
  t.query<{ id: number; external_id: string; number: string; amount_minor: number; open_minor: number }>(
    "SELECT id, external_id, number, amount_minor, open_minor FROM credit_notes WHERE kind = 'unapplied_payment' ORDER BY id",
  );
const jeff = async () => (await t.core.call('aging.report', { asOf: '2026-11-22' })).customers.find((row) => row.externalId === "Jeff's Jalopies")?.total;

/** Writes to the database as an older version of Inflow left it (the core is open; WAL lets a second writer in between its transactions). */
function exec(sql: string): void {
  const raw = new Database(t.dbPath);
  try {
    raw.pragma("cipher='sqlcipher'");
    raw.pragma('legacy=4');
    raw.pragma(`key="x'${t.key.toString('hex')}'"`);
    raw.exec(sql);
  } finally {
    raw.close();
  }
}

/** What the older import called the payment: its CSV row's text, or its workbook row's values as text. */
const CSV_NAME = "Payment 06/01/2026 Jeff's Jalopies -$20.00";
const XLSX_NAME = "Payment 2026-06-01 Jeff's Jalopies -20";

describe('an unapplied payment without a number', () => {
  it('gets one id from its values, whether it comes as CSV or as a workbook', async () => {
    await run('quickbooks-aging-detail.csv');
    expect(await run('quickbooks-aging-detail.xlsx')).toMatchObject({ created: 0 });
    expect(unapplied()).toEqual([
      {
        id: expect.any(Number),
        external_id: `unnumbered:["payment","Jeff's Jalopies","2026-06-01",2000,"USD",""]`,
        number: 'Payment 2026-06-01',
        amount_minor: 2000,
        open_minor: 2000,
      },
    ]);
    expect(await jeff()).toBe(6_100);
  });

  it('takes over the row an older import stored under the raw text of the row, instead of adding a second', async () => {
    await run('quickbooks-aging-detail.csv');
    const [stored] = unapplied();
    exec(`UPDATE credit_notes SET external_id = '${CSV_NAME.replace(/'/g, "''")}', number = external_id WHERE id = ${stored!.id}`);
    expect(await run('quickbooks-aging-detail.xlsx')).toMatchObject({ created: 0 });
    expect(unapplied()).toEqual([{ ...stored, external_id: stored!.external_id, number: 'Payment 2026-06-01' }]);
    expect(await jeff()).toBe(6_100);
  });

  it('of the two rows an older version made from the CSV and the workbook, one is kept and the other emptied', async () => {
    await run('quickbooks-aging-detail.csv');
    const [stored] = unapplied();
    exec(`UPDATE credit_notes SET external_id = '${CSV_NAME.replace(/'/g, "''")}' WHERE id = ${stored!.id};
      INSERT INTO credit_notes (customer_id, source, external_id, number, kind, issue_date, currency, amount_minor, open_minor, created_at, updated_at)
        SELECT customer_id, source, '${XLSX_NAME.replace(/'/g, "''")}', number, kind, issue_date, currency, amount_minor, open_minor, created_at, updated_at FROM credit_notes WHERE id = ${stored!.id};`);
    expect(await jeff()).toBe(4_100);
    await run('quickbooks-aging-detail.csv');
    expect(unapplied().map((row) => [row.id, row.open_minor])).toEqual([
      [stored!.id, 2000],
      [expect.any(Number), 0],
    ]);
    expect(await jeff()).toBe(6_100);
  });

  it('a credit of another customer, date or amount is not taken over', async () => {
    await run('quickbooks-aging-detail.csv');
    const [stored] = unapplied();
    exec(`UPDATE credit_notes SET external_id = '${CSV_NAME.replace(/'/g, "''")}', amount_minor = 2001 WHERE id = ${stored!.id}`);
    expect(await run('quickbooks-aging-detail.csv')).toMatchObject({ created: 1 });
    expect(unapplied()).toHaveLength(2);
  });
});
