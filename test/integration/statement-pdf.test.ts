import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatMoney } from '../../shared/money';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';
import { pdfFonts, pdfPages, pdfText, pdfToPngs } from '../helpers/pdf-tools';

/** PNGs of every page land here to be looked at (not in the repository). */
const SHOTS = '/tmp/shots-documents';

const HOSTILE = '<script>alert(1)</script> {{company.name}} =1+2';
const CUSTOMERS = [
  ['C-ACC', 'Ŝtrauß & Søn Ærø GmbH', 'EUR', 'EU'],
  ['C-CJK', '北京华为技术有限公司 東京株式会社 삼성전자', 'USD', ''],
  ['C-AR', 'شركة الأمل للتجارة', 'USD', ''],
  ['C-HE', 'חברת שלום בע"מ', 'USD', ''],
  ['C-BAD', HOSTILE, 'USD', ''],
  ['C-BIG', 'Many Lines Ltd', 'USD', ''],
];

/** Open invoices as the export states them: [number, customer, issue, due, amount, open, currency]. */
const INVOICES: [string, string, string, string, string, string, string][] = [
  ['A-1', 'C-ACC', '2026-07-01', '2026-07-31', '1234.56', '1234.56', 'EUR'],
  ['A-2', 'C-ACC', '2026-09-01', '2026-10-01', '2000.00', '1500.00', 'EUR'],
  ['A-3', 'C-ACC', '2026-11-10', '2026-12-10', '99.99', '99.99', 'EUR'],
  ['A-CR', 'C-ACC', '2026-10-05', '2026-10-05', '-150.00', '-150.00', 'EUR'],
  ['J-1', 'C-CJK', '2026-10-01', '2026-10-31', '5000.00', '5000.00', 'USD'],
  ['R-1', 'C-AR', '2026-10-01', '2026-10-31', '750.00', '750.00', 'USD'],
  ['H-1', 'C-HE', '2026-10-01', '2026-10-31', '640.00', '640.00', 'USD'],
  ['B-1', 'C-BAD', '2026-10-01', '2026-10-31', '10.00', '10.00', 'USD'],
  ...Array.from({ length: 300 }, (_, i): [string, string, string, string, string, string, string] => [
    `BIG-${String(i + 1).padStart(4, '0')}`,
    'C-BIG',
    '2026-09-01',
    `2026-${String(9 + (i % 3)).padStart(2, '0')}-15`,
    `${100 + i}.${String(i % 100).padStart(2, '0')}`,
    `${100 + i}.${String(i % 100).padStart(2, '0')}`,
    'USD',
  ]),
];

let t: TempCore;
const idOf = async (externalId: string): Promise<number> => (await t.core.call('customer.lookup', { externalId })).customerId;
const cents = (text: string): number => Math.round(Number(text) * 100);

beforeEach(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = tempCore();
  const csv = (rows: string[][]): string => rows.map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\n');
  await t.core.call('import.run', {
    jobId: JOB(),
    preset: 'generic-customers',
    fileId: t.stageText('c.csv', csv([['Customer ID', 'Name', 'Currency', 'Segment'], ...CUSTOMERS])),
  });
  await t.core.call('import.run', {
    jobId: JOB(),
    preset: 'generic-invoices',
    fileId: t.stageText('i.csv', csv([['Invoice Number', 'Customer ID', 'Issue Date', 'Due Date', 'Amount', 'Open Balance', 'Currency'], ...INVOICES])),
  });
});
afterEach(() => t.dispose());

describe('statement of open items', () => {
  it('reads back (pdftotext) as exactly the open items and the total, to the cent, one row per line', async () => {
    const doc = await t.core.call('documents.statement', { customerId: await idOf('C-ACC'), asOf: '2026-11-22' });
    const pdf = Buffer.from(doc.base64, 'base64');
    const text = pdfText(pdf);
    pdfToPngs(pdf, SHOTS, 'statement-accents', 80);
    const money = (amount: string): string => formatMoney(cents(amount), 'EUR', 'en-US');
    for (const [number, , , , amount, open] of INVOICES.filter((row) => row[1] === 'C-ACC')) {
      const line = text.split('\n').find((l) => l.trimStart().startsWith(`${number} `));
      expect(line, number).toBeDefined();
      expect(line!).toContain(money(amount));
      expect(line!.trimEnd().endsWith(money(open))).toBe(true);
    }
    // 1,234.56 + 1,500.00 + 99.99 − 150.00
    expect(text).toMatch(/Total due EUR\s+€2,684\.55/);
    expect(text).toContain('Ŝtrauß & Søn Ærø GmbH');
    // Days overdue as of 22 Nov: A-1 due 31 Jul → 114; A-2 due 1 Oct → 52; A-3 not yet due.
    expect(text).toMatch(/A-1\s+Invoice\s+07\/01\/2026\s+07\/31\/2026\s+114\s/);
    expect(text).toMatch(/A-3\s+Invoice\s+11\/10\/2026\s+12\/10\/2026\s+€99\.99/);
    expect(text).toMatch(/A-CR\s+Credit note\s+10\/05\/2026\s+-€150\.00\s+-€150\.00/);
    expect(doc.preview.sections).toMatchObject([{ currency: 'EUR', totalMinor: 268_455 }]);
    expect(pdfFonts(pdf).every((font) => font.embedded)).toBe(true);
  });

  it('is the book at the end of the as-of date: an invoice issued later is not on it, a later payment not yet made', async () => {
    const customerId = await idOf('C-ACC');
    await t.core.call('import.run', {
      jobId: JOB(),
      preset: 'generic-payments',
      fileId: t.stageText('p.csv', 'Payment ID,Customer ID,Date,Amount,Invoice Number,Currency\nP-9,C-ACC,2026-11-20,1234.56,A-1,EUR\n'),
    });
    const before = pdfText(Buffer.from((await t.core.call('documents.statement', { customerId, asOf: '2026-11-05' })).base64, 'base64'));
    expect(before).toMatch(/A-1\s+Invoice/);
    expect(before).not.toMatch(/A-3\s+Invoice/);
    expect(before).toMatch(/Total due EUR\s+€2,584\.56/);
    const after = pdfText(Buffer.from((await t.core.call('documents.statement', { customerId, asOf: '2026-11-22' })).base64, 'base64'));
    expect(after).not.toMatch(/A-1\s+Invoice/);
  });

  it('a 300-line statement runs onto more pages, each with the table header again, and every row once', async () => {
    const doc = await t.core.call('documents.statement', { customerId: await idOf('C-BIG'), asOf: '2026-11-22' });
    const pdf = Buffer.from(doc.base64, 'base64');
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(5);
    const text = pdfText(pdf);
    const pageTexts = text.split('\f').filter((p) => p.trim());
    expect(pageTexts).toHaveLength(pages);
    for (const page of pageTexts.slice(0, -1)) expect(page).toMatch(/Document\s+Type\s+Date\s+Due\s+Days overdue\s+Amount\s+Open/);
    pageTexts.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pages}`));
    const rows = text.split('\n').filter((line) => /^\s*BIG-\d{4}\s/.test(line));
    expect(rows).toHaveLength(300);
    const total = INVOICES.filter((row) => row[1] === 'C-BIG').reduce((sum, row) => sum + cents(row[5]), 0);
    expect(text).toContain(`Total due USD`);
    expect(text).toContain(formatMoney(total, 'USD', 'en-US'));
    const pngs = pdfToPngs(pdf, SHOTS, 'statement-300', 60);
    expect(pngs).toHaveLength(pages);
  });

  it('names in Chinese, Japanese, Korean, Arabic and Hebrew are text in embedded fonts, right-to-left in reading order', async () => {
    for (const [externalId, name] of CUSTOMERS.slice(1, 4)) {
      const pdf = Buffer.from((await t.core.call('documents.statement', { customerId: await idOf(externalId!), asOf: '2026-11-22' })).base64, 'base64');
      pdfToPngs(pdf, SHOTS, `statement-${externalId}`, 80);
      const text = pdfText(pdf);
      for (const word of name!.split(' ')) expect(text, `${externalId}: ${word}`).toContain(word);
      expect(pdfFonts(pdf).every((font) => font.embedded)).toBe(true);
    }
  });

  it('hostile text in a name or an address stays text: no script, action or link is made of it', async () => {
    const customerId = await idOf('C-BAD');
    await t.core.call('customer.setPostalAddress', { customerId, lines: ['<img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{{invoiceTable}}}'] });
    const pdf = Buffer.from((await t.core.call('documents.statement', { customerId, asOf: '2026-11-22' })).base64, 'base64');
    const text = pdfText(pdf);
    expect(text).toContain(HOSTILE);
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('javascript:alert(1)');
    const raw = pdf.toString('latin1');
    for (const marker of ['/JavaScript', '/JS', '/Launch', '/URI', '/OpenAction', '/AA']) expect(raw).not.toContain(marker);
  });
});
