import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';

/**
 * The importer converts rows as they stream in, with the date format and decimal mark its first
 * rows suggest; these files only show their true settings, or their unreadable rows, far down.
 */
let t: TempCore;
beforeEach(() => {
  t = tempCore();
});
afterEach(() => t.dispose());

const HEADER = 'Invoice Number,Customer ID,Customer Name,Issue Date,Due Date,Amount,Open Balance,Currency';
const pad = (n: number) => String(n).padStart(2, '0');
/** Day-first dates whose day is at most 12 for the first `ambiguous` rows, so they read either way. */
function dayFirstFile(rows: number, ambiguous: number, line: (i: number, text: string) => string = (_i, text) => text): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const day = i < ambiguous ? 1 + (i % 12) : 13 + (i % 15);
    lines.push(line(i, `INV-${i},C${i % 7},Customer ${i % 7},${pad(day)}/03/2026,${pad(day)}/04/2026,${100 + i}.25,${100 + i}.25,USD`));
  }
  return `${lines.join('\n')}\n`;
}

const importText = (text: string) =>
  t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('invoices.csv', text), preset: 'generic-invoices', snapshot: false });

describe('settings only the end of a file settles', () => {
  it('reads every row day-first when day-first dates first appear after thousands of rows that read either way', async () => {
    expect(await importText(dayFirstFile(3_000, 2_600))).toMatchObject({ rows: 3_000, created: 3_000 });
    const [first] = t.query<{ issue_date: string; due_date: string; amount_minor: number }>(
      "SELECT issue_date, due_date, amount_minor FROM invoices WHERE number = 'INV-0'",
    );
    // 01/03 read month-first, as the first 2,000 rows alone would allow, is 3 January.
    expect(first).toEqual({ issue_date: '2026-03-01', due_date: '2026-04-01', amount_minor: 10_025 });
  });

  it('refuses a file whose day/month order stays open to the last row, naming the column once', async () => {
    await expect(importText(dayFirstFile(2_500, 2_500))).rejects.toMatchObject({
      code: 'IMPORT_REJECTED',
      details: { problemCount: 1, problems: [{ row: 1, column: 'Issue Date', reason: expect.stringContaining('day/month order is ambiguous') }] },
    });
    expect(t.query('SELECT id FROM invoices')).toEqual([]);
  });
});

describe('problems of a streamed file', () => {
  it('lists unreadable rows before bad values, each list in row order, as a whole-file pass does', async () => {
    const text = dayFirstFile(3_000, 0, (i, line) => {
      if (i === 10) return line.replace('110.25,110.25', '110.25,1x0.25');
      if (i === 2_900) return 'INV-2900,C1,truncated';
      if (i === 2_950) return line.replace('INV-2950', 'INV-20');
      return line;
    });
    await expect(importText(text)).rejects.toMatchObject({
      details: {
        problemCount: 3,
        problems: [
          { row: 2_902, column: '', reason: 'row has 3 fields but the header has 8 (truncated line?)' },
          { row: 12, column: 'Open Balance', value: '1x0.25', reason: 'not an amount: not a number' },
          { row: 2_952, column: 'Invoice Number', value: 'INV-20', reason: 'duplicate: the same invoiceNumber is already on row 22' },
        ],
      },
    });
    expect(t.query('SELECT id FROM invoices')).toEqual([]);
  });
});
