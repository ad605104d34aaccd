import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chargesJson } from '../../electron/hosts/cli-charges';
import { FROZEN_NOW, JOB, tempCore, type TempCore } from '../helpers/temp-core';
import { pdfText, pdfToPngs } from '../helpers/pdf-tools';

const SHOTS = '/tmp/shots-documents';
let t: TempCore;
const idOf = async (externalId: string): Promise<number> => (await t.core.call('customer.lookup', { externalId })).customerId;

beforeEach(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = tempCore();
  await t.core.call('import.run', {
    jobId: JOB(),
    preset: 'generic-customers',
    fileId: t.stageText(
      'c.csv',
      [
        'Customer ID,Name,Currency,Segment,Contact Name,Email',
        'P-1,Papier Müller KG,EUR,Paper,Anna Müller,anna@papier.example',
        'U-1,Brompton Widgets Ltd,GBP,UK,,',
      ].join('\n'),
    ),
  });
  await t.core.call('import.run', {
    jobId: JOB(),
    preset: 'generic-invoices',
    fileId: t.stageText(
      'i.csv',
      [
        'Invoice Number,Customer ID,Issue Date,Due Date,Amount,Open Balance,Currency',
        'PM-1,P-1,2026-10-01,2026-11-10,"10,000.00","10,000.00",EUR',
        'UK-1,U-1,2026-10-01,2026-10-20,"5,000.00","5,000.00",GBP',
      ].join('\n'),
    ),
  });
  await t.core.call('ladder.savePolicy', {
    id: 'paper',
    name: 'Paper',
    segments: ['Paper'],
    steps: [
      { id: 'letter', label: 'Reminder letter', offsetDays: 5, channel: 'letter', templateId: 'first-reminder', senderRole: 'collector', tone: 'firm' },
      { id: 'demand', label: 'Final demand', offsetDays: 25, channel: 'letter', templateId: 'final-notice', senderRole: 'manager', tone: 'final' },
    ],
  });
  await t.core.call('charges.savePolicies', {
    policies: [
      { id: 'eu', name: 'EU statutory', segments: ['Paper'], kind: 'eu_directive' },
      { id: 'uk', name: 'UK statutory', segments: ['UK'], kind: 'uk_late_payment' },
    ],
  });
});
afterEach(() => t.dispose());

describe('late-payment charges in the book', () => {
  it('reports interest and fees per customer and invoice, apart from the aging, and a waiver with its reason', async () => {
    // As of 22 Nov 2026: PM-1 12 days at the ECB rate in force on 1 Jul 2026 (2.40 %) + 8 = 10.40 %: 1,000,000 × 10.40 % × 12/365 = 3,419.18; €40.
    // UK-1 from 21 Oct 2026: Bank Rate on 30 Jun 2026 (3.75 % as shipped) + 8 = 11.75 %, 33 days: 500,000 × 11.75 % × 33/365 = 5,311.64 → 5,312; £70.
    const report = chargesJson(await t.core.call('charges.report', { asOf: '2026-11-22' }));
    expect(report).toEqual({
      asOf: '2026-11-22',
      customers: [
        {
          externalId: 'P-1',
          currency: 'EUR',
          interest: 3_419,
          fixedFees: 4_000,
          waived: 0,
          invoices: [{ number: 'PM-1', days: 12, interest: 3_419, fixedFee: 4_000 }],
        },
        {
          externalId: 'U-1',
          currency: 'GBP',
          interest: 5_312,
          fixedFees: 7_000,
          waived: 0,
          invoices: [{ number: 'UK-1', days: 33, interest: 5_312, fixedFee: 7_000 }],
        },
      ],
    });
    const aging = await t.core.call('aging.report', { asOf: '2026-11-22' });
    expect(aging.totals.EUR!.total).toBe(1_000_000);
    const invoiceId = (await t.core.call('customer.invoices', { customerId: await idOf('U-1'), openOnly: true }))[0]!.id;
    await t.core.call('charges.waive', { invoiceId, component: 'fixed_fee', reason: 'Goodwill: first late payment' });
    await expect(t.core.call('charges.waive', { invoiceId, component: 'fixed_fee', reason: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.core.call('charges.waive', { invoiceId, component: 'interest', reason: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const after = (await t.core.call('charges.report', { asOf: '2026-11-22' })).customers.find((c) => c.externalId === 'U-1')!;
    expect(after).toMatchObject({ interest: 5_312, fixedFees: 7_000, waived: 7_000 });
    const audit = t.query<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'charge.waive'");
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ component: 'fixed_fee', reason: 'Goodwill: first late payment' });
  });

  it("a statement shows the charges apart from the balance due, and the rate table takes the user's correction", async () => {
    await t.core.call('charges.saveRate', { series: 'boe_bank_rate', effectiveDate: '2026-05-07', rateBp: 350 });
    const uk = (await t.core.call('charges.report', { asOf: '2026-11-22' })).customers.find((c) => c.externalId === 'U-1')!;
    // 11.50 %: 500,000 × 11.5 % × 33/365 = 5,198.63
    expect(uk.interest).toBe(5_199);
    const doc = await t.core.call('documents.statement', { customerId: await idOf('U-1'), asOf: '2026-11-22' });
    const pdf = Buffer.from(doc.base64, 'base64');
    pdfToPngs(pdf, SHOTS, 'statement-charges', 80);
    const text = pdfText(pdf);
    expect(text).toMatch(/Total due GBP\s+£5,000\.00/);
    expect(text).toContain('Late-payment charges (not included in the balance above)');
    expect(text).toMatch(/UK-1\s+10\/20\/2026\s+33\s+11\.50%\s+£51\.99\s+£70\.00/);
    expect(text).toMatch(/Balance and charges due GBP: £5,121\.99/);
  });
});

describe('activity statement', () => {
  it('opening balance plus each movement gives the closing balance, which is the aging total', async () => {
    await t.core.call('import.run', {
      jobId: JOB(),
      preset: 'generic-payments',
      fileId: t.stageText('p.csv', 'Payment ID,Customer ID,Date,Amount,Invoice Number,Currency\nPAY-7,P-1,2026-11-15,"2,500.00",PM-1,EUR\n'),
    });
    const customerId = await idOf('P-1');
    const doc = await t.core.call('documents.statement', { customerId, kind: 'activity', from: '2026-10-01', asOf: '2026-11-22' });
    const [eur] = doc.preview.sections;
    expect(eur).toMatchObject({ currency: 'EUR', openingMinor: 0, totalMinor: 750_000 });
    expect(eur!.lines.map((l) => [l.date, l.description, l.amountMinor, l.balanceMinor])).toEqual([
      ['2026-10-01', 'Invoice', 1_000_000, 1_000_000],
      ['2026-11-15', 'Payment', -250_000, 750_000],
    ]);
    expect((await t.core.call('aging.report', { asOf: '2026-11-22' })).customers.find((c) => c.externalId === 'P-1')!.total).toBe(750_000);
    const text = pdfText(Buffer.from(doc.base64, 'base64'));
    expect(text).toMatch(/Opening balance\s+€0\.00/);
    expect(text).toMatch(/11\/15\/2026\s+PAY-7\s+Payment\s+-€2,500\.00\s+€7,500\.00/);
    expect(text).toMatch(/Closing balance EUR\s+€7,500\.00/);
  });
});

describe("today's letters", () => {
  it('lists the ladder letter due, prints it with the merged template and its invoices, and posting takes the step', async () => {
    const due = await t.core.call('documents.letters', {});
    expect(due).toMatchObject({
      letters: [{ externalId: 'P-1', stepLabel: 'Reminder letter', channel: 'letter', invoiceNumbers: ['PM-1'], dropped: [] }],
      held: [],
    });
    const pdf = await t.core.call('documents.lettersPdf', {});
    const bytes = Buffer.from(pdf.base64, 'base64');
    pdfToPngs(bytes, SHOTS, 'letter', 80);
    const text = pdfText(bytes);
    expect(text).toContain('Papier Müller KG');
    expect(text).toContain('Hi Anna,');
    expect(text).toMatch(/PM-1\s+11\/10\/2026\s+12\s+€10,000\.00/);
    const posted = await t.core.call('documents.lettersPosted', { customerIds: [await idOf('P-1')] });
    expect(posted).toMatchObject({ posted: [{ stepId: 'letter', invoiceNumbers: ['PM-1'] }], held: [] });
    expect(await t.core.call('documents.letters', {})).toEqual({ letters: [], held: [] });
    expect((await t.core.call('customer.timeline', { customerId: await idOf('P-1') }))[0]).toMatchObject({ kind: 'ladder_task' });
    await expect(t.core.call('documents.lettersPdf', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('letters through the send guard', () => {
  it("leaves a disputed invoice out, holds a snoozed customer with why, writes in the customer's language, and re-checks at posting", async () => {
    await t.core.call('import.run', {
      jobId: JOB(),
      preset: 'generic-customers',
      fileId: t.stageText(
        'd.csv',
        ['Customer ID,Name,Currency,Segment,Contact Name,Email,Country', 'D-1,Baumarkt Köln GmbH,EUR,Paper,Jonas Weber,jonas@baumarkt.example,DE'].join('\n'),
      ),
    });
    await t.core.call('import.run', {
      jobId: JOB(),
      preset: 'generic-invoices',
      fileId: t.stageText(
        'd-i.csv',
        [
          'Invoice Number,Customer ID,Issue Date,Due Date,Amount,Open Balance,Currency',
          'DE-1,D-1,2026-10-01,2026-11-10,"1,234.50","1,234.50",EUR',
          'DE-2,D-1,2026-10-02,2026-11-10,"800.00","800.00",EUR',
        ].join('\n'),
      ),
    });
    const german = await idOf('D-1');
    const [de1, de2] = (await t.core.call('customer.invoices', { customerId: german, openOnly: true })).sort((a, b) => a.number.localeCompare(b.number));
    await t.core.call('activity.openDispute', { customerId: german, invoiceIds: [de2!.id], reasonCode: 'pricing' });
    await t.core.call('worklist.snooze', { customerId: await idOf('P-1'), untilDate: '2026-12-15', reason: 'Owner in hospital' });

    const day = await t.core.call('documents.letters', {});
    expect(day.letters).toMatchObject([{ externalId: 'D-1', invoiceNumbers: ['DE-1'], dropped: [{ number: 'DE-2', reason: 'disputed' }] }]);
    expect(day.held).toMatchObject([
      { externalId: 'P-1', stepLabel: 'Reminder letter', hold: 'snoozed', message: 'The customer is snoozed: nothing goes until the snooze ends.' },
    ]);

    const pdf = await t.core.call('documents.lettersPdf', {});
    expect(pdf.letters.map((l) => l.externalId)).toEqual(['D-1']);
    const text = pdfText(Buffer.from(pdf.base64, 'base64'));
    // The German version of the template, German headings, dates and amounts: as the customer's email would be.
    expect(text).toContain('Guten Tag Jonas Weber');
    expect(text).toMatch(/Rechnung\s+Fällig\s+Tage überfällig\s+Offen/);
    expect(text).toMatch(/DE-1\s+10\.11\.2026\s+12\s+1\.234,50\s€/);
    expect(text).not.toContain('DE-2');
    expect(text).not.toContain('Papier Müller');

    // Disputed after printing: the letter is not marked posted, and says why.
    await t.core.call('activity.openDispute', { customerId: german, invoiceIds: [de1!.id], reasonCode: 'quality' });
    const marked = await t.core.call('documents.lettersPosted', { customerIds: [german] });
    expect(marked.posted).toEqual([]);
    expect(marked.held).toMatchObject([{ externalId: 'D-1', hold: 'nothing_left' }]);
    expect(marked.held[0]!.message).toMatch(/DE-1 disputed/);
    expect(t.query('SELECT 1 FROM ladder_invoice_steps')).toEqual([]);
  });
});

describe('letters on stale ERP data', () => {
  it('holds every letter until the next import, as it holds email', async () => {
    let now = FROZEN_NOW;
    const late = tempCore(() => now);
    try {
      await late.core.call('import.run', {
        jobId: JOB(),
        preset: 'generic-customers',
        fileId: late.stageText('c.csv', 'Customer ID,Name,Currency,Segment\nP-1,Papier Müller KG,EUR,Paper\n'),
      });
      await late.core.call('import.run', {
        jobId: JOB(),
        preset: 'generic-invoices',
        fileId: late.stageText(
          'i.csv',
          'Invoice Number,Customer ID,Issue Date,Due Date,Amount,Open Balance,Currency\nPM-1,P-1,2026-10-01,2026-11-10,"100.00","100.00",EUR\n',
        ),
      });
      await late.core.call('ladder.savePolicy', {
        id: 'paper',
        name: 'Paper',
        segments: ['Paper'],
        steps: [
          { id: 'letter', label: 'Reminder letter', offsetDays: 5, channel: 'letter', templateId: 'first-reminder', senderRole: 'collector', tone: 'firm' },
        ],
      });
      expect((await late.core.call('documents.letters', {})).letters).toHaveLength(1);
      // A week without an import: a payment made since may be missing.
      now = new Date('2026-11-30T12:00:00Z');
      const day = await late.core.call('documents.letters', {});
      expect(day.letters).toEqual([]);
      expect(day.held).toMatchObject([{ externalId: 'P-1', hold: 'stale_sync', message: 'The ERP data is too old to chase on: refresh from the ERP first.' }]);
      await expect(late.core.call('documents.lettersPdf', {})).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('1 held by the send guard'),
      });
    } finally {
      await late.dispose();
    }
  });
});
