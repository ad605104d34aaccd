import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../electron/core/sample/random';
import { bookParams, pastBook } from '../../electron/core/ledger/book';
import { readBookHistory, type BookHistory } from '../../electron/core/replay/backtest-history';
import { openDatabase, type OpenDatabase } from '../../electron/db/open';
import { addDays, dayNumber, daysBetween, fromDayNumber } from '../../shared/dates';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * The backtest keeps the period's history in memory (each invoice's balance before the period and
 * what was applied on each later day) and answers "the balance at the end of day d" from it, day
 * after day. On random days of the sample, that answer is the one the book's own SQL gives for the
 * end of d (book.ts, the as-of reads), for every invoice; and every invoice it leaves out was not
 * open on any day of the period.
 */
let book: TempCore;
let db: OpenDatabase;
let history: BookHistory;
const FIRST = '2026-03-01';
const LAST = '2026-10-31';

beforeAll(async () => {
  book = tempCore();
  await book.core.call('sample.load', { jobId: JOB() });
  await book.core.close();
  db = openDatabase(book.dbPath, book.key);
  history = readBookHistory(db.sqlite, FIRST, LAST);
}, 120_000);
afterAll(async () => {
  await db.close();
  await book.dispose();
});

const random = new Random(4);
const span = daysBetween(FIRST, LAST);
const days = [addDays(FIRST, -1), ...Array.from({ length: 4 }, () => addDays(FIRST, Math.floor(random.next() * (span + 1)))), LAST];

describe.each(days)('the end of %s', (day) => {
  it("every invoice's balance is the one the book's as-of SQL gives", () => {
    const past = pastBook(day);
    const sql = new Map(
      (db.sqlite.prepare(`SELECT id, open_minor AS balance FROM ${past.invoices} i`).all(bookParams(past)) as { id: number; balance: number }[]).map((row) => [
        row.id,
        row.balance,
      ]),
    );
    const n = dayNumber(day);
    let open = 0;
    for (const invoice of history.invoices.values()) {
      if (invoice.issueDay > n) continue;
      expect(history.balanceOn(invoice, n), `invoice ${invoice.number}`).toBe(sql.get(invoice.id));
      if (sql.get(invoice.id)! > 0) open++;
    }
    expect(open).toBeGreaterThan(0);
    // What the history leaves out was settled before the period began and stayed so.
    for (const [id, balance] of sql) if (!history.invoices.has(id)) expect(balance, `invoice ${id} on ${fromDayNumber(n)}`).toBeLessThanOrEqual(0);
  });
});
