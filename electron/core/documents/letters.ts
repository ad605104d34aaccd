import type { ExportedFile } from '../../../shared/analytics';
import { daysBetween, type IsoDate } from '../../../shared/dates';
import type { DueLetter, LetterDay } from '../../../shared/documents';
import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import { mergeValues } from '../mail/merge-values';
import type { MessageWords } from '../mail/message-words';
import { paymentQrPng } from '../mail/payment-qr';
import { renderTemplate } from '../mail/template-render';
import { getTemplate } from '../mail/template-store';
import { getSetting } from '../settings';
import { readerFormat, type ReaderFormat } from '../mail/reader-format';
import { documentWords } from './document-words';
import { Flow, type Column } from './flow';
import { drawFooters, drawLetterhead } from './letterhead';
import { letterDay } from './letters-due';
import { PdfCanvas } from './pdf-canvas';
import { documentBasics } from './statement-data';

/** Stand-ins for the blocks a letter draws itself (a table, a QR code) instead of the email's HTML. */
const INVOICES_MARK = '\u2063invoices\u2063';
const QR_MARK = '\u2063qr\u2063';

/** The letter's invoice table, headed in the reader's language. */
const columns = (words: MessageWords): Column[] => [
  { label: words.invoice, share: 0.3, align: 'left' },
  { label: words.due, share: 0.2, align: 'left' },
  { label: words.daysLate, share: 0.2, align: 'right' },
  { label: words.balance, share: 0.3, align: 'right' },
];

/**
 * One letter on fresh pages of a canvas: the template rendered with the same merge values as its
 * email (its plain-text part), laid out under the letterhead with the address in the envelope
 * window, the date and the subject as a heading; the invoice table and the payment QR code are drawn.
 */
async function drawLetter(canvas: PdfCanvas, sqlite: SqliteDb, letter: DueLetter, today: IsoDate): Promise<void> {
  const first = canvas.pageCount - 1;
  const basics = documentBasics(sqlite, letter.customerId);
  const f = readerFormat(basics.locale);
  const w = documentWords(basics.locale);
  const settings = getSetting(sqlite, 'outreach');
  // The same values as the email of this step: the customer's locale, language and the invoices the guard kept.
  const { values, invoiceIds, language } = mergeValues(
    sqlite,
    { customerId: letter.customerId, invoiceIds: letter.invoiceIds, senderRole: letter.senderRole },
    today,
    settings,
    getSetting(sqlite, 'smtp')?.fromAddress ?? '',
  );
  values.blocks = {
    ...values.blocks,
    invoiceTable: { html: '', text: INVOICES_MARK },
    ...(values.fields.paymentLink ? { paymentQr: { html: '', text: QR_MARK } } : {}),
  };
  const rendered = renderTemplate(getTemplate(sqlite, letter.templateId, language), values);
  const geometry = drawLetterhead(canvas, basics, [
    [w.date, f.numericDate(today)],
    [w.customerNo, basics.customer.externalId],
  ]);
  const flow = new Flow(canvas, geometry, `${rendered.subject} · ${basics.customer.name} · ${f.numericDate(today)}`);
  flow.paragraph(rendered.subject, { size: 12, bold: true });
  flow.gap(8);
  for (const line of rendered.text.split('\n')) {
    if (line.trim() === INVOICES_MARK) drawInvoices(flow, sqlite, invoiceIds, today, f);
    else if (line.trim() === QR_MARK) {
      flow.ensure(90);
      canvas.image(await paymentQrPng(values.fields.paymentLink!), geometry.left, flow.y - 8, [80, 80]);
      flow.gap(84);
    } else if (line.trim() === '') flow.gap(6);
    else flow.paragraph(line, { size: 10 });
  }
  drawFooters(canvas, geometry, basics, first);
}

function drawInvoices(flow: Flow, sqlite: SqliteDb, invoiceIds: number[], today: IsoDate, f: ReaderFormat): void {
  if (invoiceIds.length === 0) return;
  const rows = prepareCached(
    sqlite,
    `SELECT number, due_date AS dueDate, currency, open_minor AS openMinor FROM invoices WHERE id IN (SELECT value FROM json_each(?)) ORDER BY due_date, number`,
  ).all(JSON.stringify(invoiceIds)) as ColumnsRow<'invoices', 'number' | 'due_date' | 'currency' | 'open_minor'>[];
  flow.gap(4);
  flow.table(
    columns(f.words),
    rows.map((r) => [r.number, f.numericDate(r.dueDate), String(Math.max(0, daysBetween(r.dueDate, today))), f.money(r.openMinor, r.currency)]),
  );
  flow.gap(8);
}

/**
 * Every letter due (or those of the chosen customers) in one PDF to print, each on its own pages,
 * judged by the send guard as it is made: a letter held since the list was shown is left out, and
 * listed with why.
 */
export async function lettersPdf(sqlite: SqliteDb, today: IsoDate, customerIds?: readonly number[]): Promise<ExportedFile & LetterDay> {
  const { letters, held } = letterDay(sqlite, today, customerIds);
  if (letters.length === 0) {
    const why =
      held.length > 0
        ? `${held.length} held by the send guard (${held.map((h) => `${h.externalId}: ${h.message}`).join(' ')})`
        : "the ladder's letter and agency steps are all taken";
    throw new AppError('NOT_FOUND', `No letter to print on ${today}: ${why}`);
  }
  let canvas: PdfCanvas | null = null;
  for (const letter of letters) {
    if (canvas) canvas.addPage();
    else
      canvas = new PdfCanvas(documentBasics(sqlite, letter.customerId).paper, {
        title: `Letters ${today}`,
        author: getSetting(sqlite, 'outreach').companyName || 'Inflow',
      });
    await drawLetter(canvas, sqlite, letter, today);
    canvas.flush();
  }
  const bytes = await canvas!.end();
  return { fileName: `letters-${today}.pdf`, mimeType: 'application/pdf', base64: bytes.toString('base64'), letters, held };
}
