import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_CELL_CHARS } from '../../electron/core/import/table-limits';
import { toErrorShape } from '../../shared/errors';
import { JOB, tempCore, type TempCore } from '../helpers/temp-core';
import { invoice } from '../helpers/odoo-fixtures';
import { startOdooServer } from '../helpers/odoo-server';
import { startSmtpSink, type Received, type SmtpSink } from '../helpers/smtp-sink';
import { acceptedOneLine, fitsOneLine, INJECTION_CORPUS, type InjectionCase } from './injection-corpus';
import { addressOf, customerIdOf, customersCsv, invoicesCsv } from './injection-csv';

/**
 * The injection corpus through every field that reaches an email: the customer's and contact's names
 * and the invoice number (from an ERP export), the subject (a template merging the customer's name),
 * the body, the sender's name in From and in the signature, the company name, the payment link built
 * from the invoice number, and the video-memo link. Each message is rendered, sent to a real SMTP
 * server and read back raw: the headers are exactly the expected ones, the subject decodes to the
 * intended text, the HTML part parses with no script, no handler, no frame and only web or mail links,
 * every line is within SMTP's limit, and no NUL is ever emitted. A value a field cannot hold (a line
 * break in a name, a lone surrogate) is refused at the boundary with the field named instead.
 */
let t: TempCore;
let sink: SmtpSink;

const SUBJECT = 'Reminder for {{customer.name}}';
const BODY = `Hello {{contact.name}} ({{contact.firstName}}) at {{customer.name}},

Invoice {{oldestInvoice.number}} is past due.

{{{invoiceTable}}}

{{#paymentLink}}[Pay now]({{paymentLink}}){{/paymentLink}}

{{#videoMemoUrl}}{{{videoMemo}}}{{/videoMemoUrl}}

Kind regards,
{{sender.name}}
{{sender.role}}, {{company.name}}`;

/** What one email's HTML part may contain: the app's own tags, links to the web or to mail, images only inline. */
const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'strong',
  'em',
  'a',
  'img',
  'table',
  'tbody',
  'thead',
  'tr',
  'th',
  'td',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'code',
  'pre',
  'blockquote',
  'hr',
]);
const ALLOWED_ATTRIBUTES = new Set(['href', 'src', 'alt', 'width', 'height', 'border', 'style', 'role']);

/** Every way the HTML could run something or load something: empty when it is inert. */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const document = parseDocument(html);
  for (const element of DomUtils.findAll(() => true, document.children)) {
    if (!ALLOWED_TAGS.has(element.name)) problems.push(`<${element.name}> element`);
    for (const [name, value] of Object.entries(element.attribs)) {
      if (!ALLOWED_ATTRIBUTES.has(name)) problems.push(`${name}= on <${element.name}>`);
      if (name === 'href' && !/^(https?:\/\/|mailto:)/i.test(value)) problems.push(`href ${JSON.stringify(value.slice(0, 60))}`);
      if (name === 'src' && !/^(cid:|data:image\/png;base64,)/.test(value)) problems.push(`src ${JSON.stringify(value.slice(0, 60))}`);
      if (name === 'style' && /expression|url\(|javascript/i.test(value)) problems.push(`style ${JSON.stringify(value.slice(0, 60))}`);
    }
  }
  return problems;
}

const textOf = (html: string): string => DomUtils.textContent(parseDocument(html));

/** The raw header block, unfolded, as [name, value] pairs in order. */
function headersOf(raw: string): [string, string][] {
  const block = raw.slice(0, raw.indexOf('\r\n\r\n'));
  return block
    .replace(/\r\n[ \t]/g, ' ')
    .split('\r\n')
    .map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    });
}

async function refusal(call: Promise<unknown>): Promise<{ code: string; paths: string[]; message: string }> {
  try {
    await call;
  } catch (error) {
    const shape = toErrorShape(error);
    const issues = (shape.details as { issues?: { path: string }[] } | undefined)?.issues ?? [];
    return { code: shape.code, paths: issues.map((issue) => issue.path), message: shape.message };
  }
  throw new Error('the call was accepted');
}

/** Sender-side text fields hold at most 120 characters; the corpus values that fit are sent with. */
const senderText = (c: InjectionCase): string | null => (fitsOneLine(c.value, 120) ? c.value.trim() : null);
const sendable = acceptedOneLine(MAX_CELL_CHARS);

beforeAll(async () => {
  t = tempCore();
  sink = await startSmtpSink();
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('customers.csv', customersCsv(sendable)), preset: 'generic-customers' });
  await t.core.call('import.run', { jobId: JOB(), fileId: t.stageText('invoices.csv', invoicesCsv(sendable)), preset: 'generic-invoices' });
  await t.core.call('templates.save', { id: 'injection', name: 'Injection probe', purpose: 'reminder', tone: 'friendly', subject: SUBJECT, body: BODY });
});
afterAll(async () => {
  await t.dispose();
  await sink.close();
});

describe('the injection corpus in email', () => {
  it('refuses, in an import, every name a mail header or a table cell could not hold, naming row and column, and commits nothing', async () => {
    // A file cannot carry a lone surrogate: written as UTF-8 it is already U+FFFD. A NUL byte makes
    // the reader refuse the whole file (it is not text), checked below.
    const hasNul = (c: InjectionCase): boolean => c.value.includes('\u0000');
    const refused = INJECTION_CORPUS.filter((c) => !fitsOneLine(c.value, Number.POSITIVE_INFINITY) && c.category !== 'surrogate' && !hasNul(c));
    expect(refused.length).toBeGreaterThanOrEqual(8);
    const before = t.query<{ n: number }>('SELECT count(*) AS n FROM customers')[0]!.n;
    const error = toErrorShape(
      await t.core
        .call('import.run', { jobId: JOB(), fileId: t.stageText('bad.csv', customersCsv(refused)), preset: 'generic-customers' })
        .catch((e: unknown) => e),
    );
    expect(error.code).toBe('IMPORT_REJECTED');
    const problems = (error.details as { problems: { row: number; column: string; reason: string }[] }).problems;
    refused.forEach((c, index) => {
      for (const column of ['Name', 'Contact Name']) {
        expect(problems, `${c.id} in ${column}`).toContainEqual(
          expect.objectContaining({
            row: index + 2,
            column,
            reason: expect.stringMatching(/contains a (line break|control character) \(U\+[0-9A-F]{4}\) at character \d+/),
          }),
        );
      }
    });
    const withNul = INJECTION_CORPUS.filter(hasNul);
    expect(withNul.length).toBeGreaterThan(0);
    const whole = toErrorShape(
      await t.core
        .call('import.run', { jobId: JOB(), fileId: t.stageText('nul.csv', customersCsv(withNul)), preset: 'generic-customers' })
        .catch((e: unknown) => e),
    );
    expect(whole.code).toBe('IMPORT_REJECTED');
    expect((whole.details as { problems: { row: number }[] }).problems).toEqual([expect.objectContaining({ row: 0 })]);
    expect(t.query<{ n: number }>('SELECT count(*) AS n FROM customers')[0]!.n).toBe(before);
  });

  it('refuses a sender name, company name or video link that could break a header or a link, naming the field', async () => {
    await t.core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example' });
    for (const c of INJECTION_CORPUS.filter((c) => senderText(c) === null)) {
      expect(
        await refusal(
          t.core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example', fromName: c.value }),
        ),
        c.id,
      ).toMatchObject({ code: 'INVALID_INPUT', paths: ['fromName'] });
      expect(await refusal(t.core.call('settings.outreach.save', { senderName: c.value, companyName: c.value })), c.id).toMatchObject({
        code: 'INVALID_INPUT',
        paths: ['senderName', 'companyName'],
      });
    }
    const { customerId } = await t.core.call('customer.lookup', { externalId: customerIdOf(sendable[0]!) });
    for (const c of INJECTION_CORPUS) {
      const answer = await refusal(t.core.call('outreach.preview', { draft: { customerId, templateId: 'injection', videoMemoUrl: c.value } }));
      expect(answer.code, c.id).toBe('INVALID_INPUT');
    }
  });

  it('sends every accepted value with exactly the expected headers, an inert HTML part and legal lines', { timeout: 120_000 }, async () => {
    let baseline: string[] | null = null;
    for (const [index, c] of sendable.entries()) {
      const sender = senderText(c) ?? 'Dana Reyes';
      await t.core.call('settings.smtp.save', { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'ar@northwind.example', fromName: sender });
      await t.core.call('settings.outreach.save', {
        senderName: sender,
        senderRole: sender,
        companyName: sender,
        messagesPerMinute: 60_000,
        paymentUrlPattern: 'https://pay.northwind.example/{invoiceNumber}?amount={balance}',
      });
      const { customerId } = await t.core.call('customer.lookup', { externalId: customerIdOf(c) });
      const draft = { customerId, templateId: 'injection', videoMemoUrl: `https://www.loom.com/share/${c.id}` };
      const preview = await t.core.call('outreach.preview', { draft });
      expect(preview.problems, c.id).toEqual([]);
      expect(htmlProblems(preview.previewHtml.replace(/^[\s\S]*<body[^>]*>|<\/body>[\s\S]*$/g, '')), `${c.id} preview`).toEqual([]);
      expect(await t.core.call('outreach.queue', { messages: [draft] }), c.id).toMatchObject({ queued: 1, skipped: [] });
      await vi.waitFor(() => expect(sink.received).toHaveLength(index + 1), { timeout: 20_000, interval: 20 });
      const received: Received = sink.received[index]!;
      const { raw, mail, envelopeTo } = received;
      const name = c.value.trim();

      // Headers: one To (the contact's plain address, no name from the data), no Cc or Bcc, nothing split off.
      const headers = headersOf(raw);
      const names = headers.map(([header]) => header).sort();
      baseline ??= names;
      expect(names, c.id).toEqual(baseline);
      expect(
        names.filter((header) => ['to', 'from', 'subject'].includes(header)),
        c.id,
      ).toEqual(['from', 'subject', 'to']);
      expect(names, c.id).not.toContain('bcc');
      expect(names, c.id).not.toContain('cc');
      expect(envelopeTo, c.id).toEqual([addressOf(c)]);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : null, c.id).toEqual([{ address: addressOf(c), name: '' }]);
      expect(mail.from?.value, c.id).toEqual([{ address: 'ar@northwind.example', name: sender }]);
      expect(mail.subject, c.id).toBe(`Reminder for ${name}`);

      // Lines: CRLF only, none over SMTP's 998 octets, no NUL anywhere.
      expect(raw.includes('\u0000'), c.id).toBe(false);
      expect(/\r(?!\n)|(?<!\r)\n/.test(raw), `${c.id}: a bare CR or LF`).toBe(false);
      const tooLong = raw
        .split('\r\n')
        .filter((line) => Buffer.byteLength(line) > 998)
        .map((line) => `${line.slice(0, 40)}… (${Buffer.byteLength(line)} bytes)`);
      expect(tooLong, c.id).toEqual([]);

      // The HTML part: inert, and the values are there as text, whole.
      const html = mail.html || '';
      expect(htmlProblems(html), c.id).toEqual([]);
      const text = textOf(html);
      expect(text, c.id).toContain(`Hello ${name} (`);
      expect(text, c.id).toContain(`Invoice ${name} is past due.`);
      expect(text, c.id).toContain(`${sender}, ${sender}`);
      const links = DomUtils.findAll((e) => e.name === 'a', parseDocument(html).children).map((a) => a.attribs.href!);
      expect(links, c.id).toContain(`https://pay.northwind.example/${encodeURIComponent(name)}?amount=100.00`);
      expect(links, c.id).toContain(`https://www.loom.com/share/${c.id}`);
      expect(mail.text, c.id).toContain(`Hello ${name} (`);
    }
    expect(sink.received).toHaveLength(sendable.length);
  });

  it(
    'sends names an ERP synced with line breaks and controls as one clean line, and never to a list or a forged address from the ERP',
    { timeout: 60_000 },
    async () => {
      const odoo = await startOdooServer();
      try {
        const company = (name: string, email: string) => {
          const partner = odoo.create('res.partner', { name, is_company: true, customer_rank: 1, email, phone: false, parent_id: false, type: 'contact' });
          invoice(odoo, { name: `INV/INJ/${partner.id}`, partner, total: 100 });
          return partner;
        };
        const hostile = INJECTION_CORPUS.filter((c) => !fitsOneLine(c.value, Number.POSITIVE_INFINITY)).map((c) => ({
          c,
          partner: company(c.value, `erp-${c.id}@customer.example`),
        }));
        const notOneAddress = [
          'first@customer.example, evil@attacker.example',
          'ok@customer.example\r\nBcc: evil@attacker.example',
          'Jane <jane@customer.example>',
        ].map((email, i) => company(`Address ${i}`, email));
        await t.core.call('sync.connection.save', {
          connector: 'odoo',
          baseUrl: odoo.url,
          protocol: 'jsonrpc',
          database: odoo.db,
          login: odoo.login,
          apiKey: odoo.password,
          intervalMinutes: 0,
        });
        await t.core.call('sync.run', { jobId: JOB() });
        await t.core.call('settings.smtp.save', {
          host: '127.0.0.1',
          port: sink.port,
          security: 'none',
          fromAddress: 'ar@northwind.example',
          fromName: 'Dana Reyes',
        });

        for (const partner of notOneAddress) {
          const { customerId } = await t.core.call('customer.lookup', { externalId: String(partner.id) });
          expect(await t.core.call('outreach.queue', { messages: [{ customerId, templateId: 'injection' }] }), String(partner.email)).toMatchObject({
            queued: 0,
            skipped: [{ customerId, reason: 'No contact with a valid email address.', hold: 'no_contact' }],
          });
        }
        const before = sink.received.length;
        for (const [index, { c, partner }] of hostile.entries()) {
          const { customerId } = await t.core.call('customer.lookup', { externalId: String(partner.id) });
          expect(await t.core.call('outreach.queue', { messages: [{ customerId, templateId: 'injection' }] }), c.id).toMatchObject({ queued: 1 });
          await vi.waitFor(() => expect(sink.received).toHaveLength(before + index + 1), { timeout: 20_000, interval: 20 });
          const { raw, mail, envelopeTo } = sink.received[before + index]!;
          const names = headersOf(raw).map(([header]) => header);
          expect(names.filter((header) => ['to', 'cc', 'bcc', 'from', 'subject'].includes(header)).sort(), c.id).toEqual(['from', 'subject', 'to']);
          expect(envelopeTo, c.id).toEqual([`erp-${c.id}@customer.example`]);
          expect(raw.includes('\u0000'), c.id).toBe(false);
          expect(/\r(?!\n)|(?<!\r)\n/.test(raw), c.id).toBe(false);
          // Control characters dropped, each run of line breaks one space; what SQLite cannot store as UTF-8 is U+FFFD.
          const oneLine = c.value
            .trim()
            .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
            .replace(/[\r\n\t]+/g, ' ')
            .replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
          expect(mail.subject, c.id).toBe(`Reminder for ${oneLine}`);
          expect(htmlProblems(mail.html || ''), c.id).toEqual([]);
        }
      } finally {
        await odoo.close();
      }
    },
  );
});
