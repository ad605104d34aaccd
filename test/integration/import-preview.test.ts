import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core';

/** What the preview says before anything is imported: empty files, loose headers, saved mappings. */
let t: TempCore;
beforeEach(() => {
  t = tempCore();
});
afterEach(() => t.dispose());

const preview = (name: string, text: string) => t.core.call('import.preview', { fileId: t.stageText(name, text) });

describe('import preview', () => {
  it('refuses an empty file and a file with only a header, before Import', async () => {
    expect((await preview('empty.csv', '')).problems).toMatchObject([{ row: 0, reason: expect.stringContaining('the file is empty') }]);
    const headerOnly = await preview('header.csv', 'Invoice Number,Customer ID,Issue Date,Due Date,Amount\n');
    expect(headerOnly.preset).toBe('generic-invoices');
    expect(headerOnly.rows).toEqual([]);
    expect(headerOnly.problems).toMatchObject([{ row: 2, reason: 'the file has a header but no data rows' }]);
  });

  it('matches headers whatever their case, spaces and punctuation', async () => {
    const camel = await preview('camel.csv', 'invoiceNumber,CUSTOMER_ID,issue-date,Due  Date,amount\nA-1,C-1,2026-10-01,2026-10-31,100.00\n');
    expect(camel.preset).toBe('generic-invoices');
    expect(camel.mapping?.columns).toMatchObject({ invoiceNumber: 'invoiceNumber', customerId: 'CUSTOMER_ID', issueDate: 'issue-date', dueDate: 'Due  Date' });
    expect(camel.problems).toEqual([]);
  });

  it('picks a saved mapping for a file with its columns, ahead of the presets', async () => {
    const text = 'Doc No,Account,Doc Date,Due,Gross,Outstanding\n1001,K-7,2026-10-01,2026-10-31,100.00,40.00\n';
    expect((await preview('erp.csv', text)).savedMapping).toBeUndefined();
    await t.core.call('import.mappings.save', {
      name: 'Our ERP',
      mapping: {
        kind: 'invoices',
        columns: { invoiceNumber: 'doc no', customerId: 'Account', issueDate: 'Doc date', dueDate: 'Due', amount: 'Gross', openBalance: 'Outstanding' },
      },
    });
    const again = await preview('erp-next-month.csv', text.replace('1001', '1002'));
    expect(again).toMatchObject({ preset: 'Our ERP', savedMapping: 'Our ERP', problems: [] });
  });
});
