import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureInput, ProcedureName } from '../../shared/api';
import { toErrorShape } from '../../shared/errors';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';
import { fitsFreeText, fitsOneLine, FORMULA_START, INJECTION_CORPUS, type InjectionCase } from './injection-corpus';

/**
 * The corpus at the API boundary: every stored text field a collector types takes each corpus value
 * exactly (trimmed) or refuses it with INVALID_INPUT naming the field and the offending character, as
 * the field's kind says (one line: no line break or control character; free text: line breaks and
 * tabs allowed; neither: a lone surrogate). Then what the corpus does to a template's links and to
 * CSV/XLSX exports.
 */
let t: TempCore;
let customerId: number;
let invoiceId: number;

beforeAll(async () => {
  t = tempCore();
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-customers.csv'), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stage('erp/generic-invoices.csv'), preset: 'generic-invoices' });
  customerId = (await t.core.call('customer.lookup', { externalId: 'C-001' })).customerId;
  invoiceId = (await t.core.call('customer.invoices', { customerId, openOnly: true }))[0]!.id;
});
afterAll(() => t.dispose());

interface Field {
  procedure: ProcedureName;
  /** The dotted path the core names in its error. */
  path: string;
  kind: 'one-line' | 'free';
  max: number;
  input(value: string): unknown;
  /** Cases another check refuses first (template syntax in a template, checked by checkTemplate). */
  skip?: (c: InjectionCase) => boolean;
}

const policy = (name: string, label = 'Step', segment = 'Enterprise') => ({
  id: 'injection',
  name,
  segments: [segment],
  steps: [{ id: 'first', label, offsetDays: 1, channel: 'email', templateId: 'first-reminder', senderRole: 'collector', tone: 'friendly' }],
});

// prettier-ignore
const FIELDS: Field[] = [
  { procedure: 'contacts.save', path: 'name', kind: 'one-line', max: 200, input: (v) => ({ customerId, name: v, role: 'ap' }) },
  { procedure: 'contacts.save', path: 'phone', kind: 'one-line', max: 60, input: (v) => ({ customerId, name: 'Pat', phone: v, role: 'ap' }) },
  { procedure: 'customer.assign', path: 'collector', kind: 'one-line', max: 120, input: (v) => ({ customerId, collector: v, newCollector: true }) },
  { procedure: 'customer.assign', path: 'note', kind: 'free', max: 2000, input: (v) => ({ customerId, collector: 'Dana', newCollector: true, note: v }) },
  { procedure: 'activity.logCall', path: 'notes', kind: 'free', max: 4000, input: (v) => ({ customerId, outcome: 'reached', notes: v }) },
  { procedure: 'activity.addNote', path: 'text', kind: 'free', max: 4000, input: (v) => ({ customerId, text: v }) },
  { procedure: 'activity.recordPromise', path: 'note', kind: 'free', max: 2000, input: (v) => ({ customerId, amountMinor: 100, currency: 'USD', promisedDate: '2026-12-01', note: v }) },
  { procedure: 'activity.openDispute', path: 'owner', kind: 'one-line', max: 120, input: (v) => ({ customerId, invoiceIds: [invoiceId], reasonCode: 'other', owner: v }) },
  { procedure: 'activity.openDispute', path: 'note', kind: 'free', max: 2000, input: (v) => ({ customerId, invoiceIds: [invoiceId], reasonCode: 'other', note: v }) },
  { procedure: 'activity.createPlan', path: 'label', kind: 'one-line', max: 80, input: (v) => ({ customerId, label: v, currency: 'USD', installments: [{ dueDate: '2026-12-15', amountMinor: 100 }] }) },
  { procedure: 'activity.createPlan', path: 'note', kind: 'free', max: 2000, input: (v) => ({ customerId, currency: 'USD', installments: [{ dueDate: '2026-12-15', amountMinor: 100 }], note: v }) },
  { procedure: 'worklist.snooze', path: 'reason', kind: 'free', max: 500, input: (v) => ({ customerId, untilDate: '2026-11-25', reason: v }) },
  { procedure: 'templates.save', path: 'name', kind: 'one-line', max: 120, input: (v) => ({ id: 'probe', name: v, purpose: 'reminder', tone: 'firm', subject: 'Hello', body: 'Body' }) },
  { procedure: 'templates.save', path: 'subject', kind: 'one-line', max: 500, input: (v) => ({ id: 'probe', name: 'Probe', purpose: 'reminder', tone: 'firm', subject: v, body: 'Body' }), skip: (c) => c.category === 'template' },
  { procedure: 'settings.outreach.save', path: 'senderName', kind: 'one-line', max: 120, input: (v) => ({ senderName: v }) },
  { procedure: 'settings.outreach.save', path: 'companyName', kind: 'one-line', max: 120, input: (v) => ({ companyName: v }) },
  { procedure: 'settings.smtp.save', path: 'fromName', kind: 'one-line', max: 120, input: (v) => ({ host: '127.0.0.1', port: 25, security: 'none', fromAddress: 'ar@northwind.example', fromName: v }) },
  { procedure: 'ladder.savePolicy', path: 'name', kind: 'one-line', max: 80, input: (v) => policy(v) },
  { procedure: 'ladder.savePolicy', path: 'steps.0.label', kind: 'one-line', max: 80, input: (v) => policy('Probe', v) },
  { procedure: 'import.mappings.save', path: 'name', kind: 'one-line', max: 64, input: (v) => ({ name: v, mapping: { kind: 'customers', columns: { customerId: 'Id', name: 'Name' } } }) },
];

async function outcome(
  field: Field,
  value: string,
): Promise<{ accepted: true } | { accepted: false; code: string; issues: { path: string; message: string }[] }> {
  try {
    await t.core.call(field.procedure, field.input(value) as ProcedureInput<typeof field.procedure>);
    return { accepted: true };
  } catch (error) {
    const shape = toErrorShape(error);
    return { accepted: false, code: shape.code, issues: (shape.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [] };
  }
}

describe('the injection corpus at the API boundary', () => {
  it.each(FIELDS.map((field) => [`${field.procedure} ${field.path}`, field] as const))('%s takes each value whole or names why not', async (_name, field) => {
    for (const c of INJECTION_CORPUS.filter((c) => !field.skip?.(c))) {
      const fits = field.kind === 'one-line' ? fitsOneLine(c.value, field.max) : fitsFreeText(c.value, field.max);
      const result = await outcome(field, c.value);
      if (fits) {
        expect(result, `${c.id} should be accepted`).toEqual({ accepted: true });
        continue;
      }
      expect(result, `${c.id} should be refused`).toMatchObject({ accepted: false, code: 'INVALID_INPUT' });
      const issue = (result as { issues: { path: string; message: string }[] }).issues.find((i) => i.path === field.path);
      expect(issue?.message, c.id).toMatch(
        /at most \d+ characters|contains a (line break|control character) \(U\+[0-9A-F]{4}\) at character \d+|lone UTF-16 surrogate/,
      );
    }
  });

  it('keeps an accepted value exactly as typed: the timeline, the contact list and the settings read it back', async () => {
    for (const c of INJECTION_CORPUS.filter((c) => fitsFreeText(c.value, 4000))) {
      await t.core.call('activity.addNote', { customerId, text: c.value });
      expect((await t.core.call('customer.timeline', { customerId, limit: 1 }))[0]?.text, c.id).toBe(c.value.trim());
    }
    for (const c of INJECTION_CORPUS.filter((c) => fitsOneLine(c.value, 120))) {
      const { contactId } = await t.core.call('contacts.save', { customerId, name: c.value, role: 'ap' });
      expect((await t.core.call('contacts.list', { customerId })).find((contact) => contact.id === contactId)?.name, c.id).toBe(c.value.trim());
      await t.core.call('settings.outreach.save', { senderName: c.value });
      expect((await t.core.call('settings.outreach.get', {})).senderName, c.id).toBe(c.value.trim());
    }
  });
});

describe('the injection corpus in a template', () => {
  it('refuses a link whose address a merged value would choose, so a customer named "javascript:…" cannot become a link', async () => {
    for (const body of ['[Pay]({{customer.name}})', '![logo]({{company.name}})', 'Go [here]({{ contact.name }}) now']) {
      const problems = await t.core.call('templates.check', { subject: 'Hi', body });
      expect(problems, body).toEqual([expect.objectContaining({ part: 'body', message: expect.stringContaining('may start a link') })]);
      const error = toErrorShape(
        await t.core.call('templates.save', { id: 'links', name: 'Links', purpose: 'reminder', tone: 'firm', subject: 'Hi', body }).catch((e: unknown) => e),
      );
      expect(error.code, body).toBe('INVALID_INPUT');
    }
    for (const body of [
      '[Pay]({{paymentLink}})',
      '[Watch]({{videoMemoUrl}})',
      '[Write](mailto:{{sender.email}})',
      '[Account](https://portal.example/{{customer.externalId}})',
    ]) {
      expect(await t.core.call('templates.check', { subject: 'Hi', body }), body).toEqual([]);
    }
  });
});

describe('the injection corpus in exports', () => {
  const table = (format: 'csv' | 'xlsx') => ({
    name: 'Injection',
    format,
    columns: [
      { header: '=HEADER()', kind: 'text' as const },
      { header: 'Id', kind: 'text' as const },
    ],
    rows: INJECTION_CORPUS.filter((c) => c.value.length <= 2000).map((c) => [c.value, c.id]),
  });
  /** As a spreadsheet gives the cell back: guarded, and a lone surrogate is U+FFFD once written as UTF-8. */
  const expectedCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value).replace(/[\uD800-\uDFFF]/gu, '\uFFFD');

  it('writes CSV a spreadsheet reads back as text: formula starts guarded, every value in its own cell', async () => {
    const file = await t.core.call('reports.exportTable', table('csv'));
    const text = Buffer.from(file.base64, 'base64')
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    for (const delimiter of [',', ';']) {
      // Excel splits on ";" where the decimal separator is a comma: no cell may start a formula either way.
      const rows = Papa.parse<string[]>(text, { delimiter, newline: '\r\n' }).data.filter((row) => row.length > 1 || row[0] !== '');
      for (const row of rows) for (const cell of row) expect(FORMULA_START.test(cell), `${delimiter} ${JSON.stringify(cell.slice(0, 40))}`).toBe(false);
    }
    const rows = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' }).data;
    expect(rows[0]).toEqual(["'=HEADER()", 'Id']);
    for (const [index, row] of table('csv').rows.entries()) expect(rows[index + 1], row[1]).toEqual([expectedCell(row[0]!), row[1]]);
  });

  it('writes XLSX whose cells are text, never formulas, with formula starts guarded', async () => {
    const file = await t.core.call('reports.exportTable', table('xlsx'));
    const bytes = Buffer.from(file.base64, 'base64');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sheet = book.getWorksheet('Injection')!;
    expect(sheet.getCell('A1').value).toBe("'=HEADER()");
    for (const [index, row] of table('xlsx').rows.entries()) {
      const cell = sheet.getCell(index + 2, 1);
      expect(cell.type, row[1]).toBe(ExcelJS.ValueType.String);
      // XML keeps line ends as LF and cannot hold most controls (ExcelJS leaves them out): compare the rest.
      const xml = (text: string): string => text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
      expect(xml(String(cell.value)), row[1]).toBe(xml(expectedCell(row[0]!)));
      expect(String(cell.value).startsWith("'") || !FORMULA_START.test(String(cell.value)), row[1]).toBe(true);
    }
  });
});
