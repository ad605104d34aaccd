import { AGING_BUCKETS, agingBucketLabels } from '../../../shared/aging';
import { chargeKindLabel } from '../../../shared/charges';
import { chargesDue } from '../charges/charges-report';
import { readerFormat, type ReaderFormat } from '../mail/reader-format';
import { documentWords, type DocumentWords } from './document-words';
import { Flow, type Column } from './flow';
import { drawFooters, drawLetterhead } from './letterhead';
import { PdfCanvas } from './pdf-canvas';
import { drawHowToPay, drawRemittanceSlip } from './payment-blocks';
import type { CurrencySection, OpenItemsStatement } from './statement-data';

const GREY = '#555555';

const itemColumns = ({ itemColumns: c }: DocumentWords): Column[] => [
  { label: c.document, share: 0.17, align: 'left' },
  { label: c.type, share: 0.15, align: 'left' },
  { label: c.date, share: 0.12, align: 'left' },
  { label: c.due, share: 0.12, align: 'left' },
  { label: c.daysOverdue, share: 0.14, align: 'right' },
  { label: c.amount, share: 0.15, align: 'right' },
  { label: c.open, share: 0.15, align: 'right' },
];

const chargeColumns = ({ chargeColumns: c }: DocumentWords): Column[] => [
  { label: c.invoice, share: 0.2, align: 'left' },
  { label: c.due, share: 0.12, align: 'left' },
  { label: c.days, share: 0.08, align: 'right' },
  { label: c.rate, share: 0.12, align: 'right' },
  { label: c.interest, share: 0.16, align: 'right' },
  { label: c.fixedFee, share: 0.16, align: 'right' },
  { label: c.waived, share: 0.16, align: 'right' },
];

/**
 * The statement of open items as a PDF: letterhead and window address, per currency every open
 * item (invoices, then credits and payments on account) with its dates, days overdue, amount and
 * open balance, the total due and the aging, then the late-payment charges apart, how to pay, and a
 * remittance slip.
 */
export async function openItemsStatementPdf(statement: OpenItemsStatement): Promise<Buffer> {
  const canvas = new PdfCanvas(statement.paper, {
    title: `Statement of account, ${statement.customer.name}, ${statement.asOf}`,
    author: statement.company.name || 'Inflow',
  });
  await drawOpenItemsStatement(canvas, statement, 0);
  return canvas.end();
}

/** Draws the statement from page `firstPage` of the canvas (a fresh page), so many can share one file for printing. */
export async function drawOpenItemsStatement(canvas: PdfCanvas, statement: OpenItemsStatement, firstPage: number): Promise<void> {
  const { customer } = statement;
  const f = readerFormat(statement.locale);
  const w = documentWords(statement.locale);
  const geometry = drawLetterhead(canvas, statement, [
    [w.statementDate, f.numericDate(statement.asOf)],
    [w.customerNo, customer.externalId],
  ]);
  const flow = new Flow(canvas, geometry, `${w.statementTitle} · ${customer.name} · ${customer.externalId} · ${f.numericDate(statement.asOf)}`);
  flow.line(w.statementTitle, { size: 15, bold: true }, 20);
  flow.line(w.openItemsAsOf(f.numericDate(statement.asOf)), { size: 9, color: GREY }, 18);
  if (statement.sections.length === 0) flow.line(w.nothingOpen, { size: 10 }, 18);
  for (const section of statement.sections) drawSection(flow, statement, section, f, w);
  await drawHowToPay(flow, statement, statement.paymentLink);
  drawRemittanceSlip(
    flow,
    statement,
    f,
    statement.sections.map((s) => ({ currency: s.currency, dueMinor: s.aging.total })),
    statement.asOf,
  );
  drawFooters(canvas, geometry, statement, firstPage);
}

function drawSection(flow: Flow, statement: OpenItemsStatement, section: CurrencySection, f: ReaderFormat, w: DocumentWords): void {
  const money = (minor: number): string => f.money(minor, section.currency);
  flow.ensure(60);
  flow.line(w.amountsIn(section.currency), { size: 10, bold: true }, 15);
  const rows = section.items.map((item) => [
    item.number,
    w.kinds[item.kind],
    f.numericDate(item.issueDate),
    item.kind === 'invoice' ? f.numericDate(item.dueDate) : '',
    item.daysOverdue > 0 ? String(item.daysOverdue) : '',
    money(item.amountMinor),
    money(item.balanceMinor),
  ]);
  flow.table(itemColumns(w), rows, { totals: [[w.totalDue(section.currency), '', '', '', '', '', money(section.aging.total)]] });
  flow.gap(8);
  const labels = agingBucketLabels(statement.edges);
  const agingColumns: Column[] = [
    ...AGING_BUCKETS.map((b) => ({ label: b === 'current' ? w.notYetDue : w.days(labels[b]), share: 1 / 7, align: 'right' as const })),
    { label: w.total, share: 1 / 7, align: 'right' },
  ];
  flow.table(agingColumns, [[...AGING_BUCKETS.map((b) => money(section.aging[b])), money(section.aging.total)]]);
  flow.gap(10);
  if (section.charges && section.charges.invoices.length > 0) drawCharges(flow, section, f, w, statement.locale);
}

function drawCharges(flow: Flow, section: CurrencySection, f: ReaderFormat, w: DocumentWords, locale: string): void {
  const charges = section.charges!;
  const money = (minor: number): string => f.money(minor, section.currency);
  flow.ensure(70);
  flow.line(w.chargesTitle, { size: 10, bold: true }, 13);
  flow.line(chargeKindLabel(charges.kind, locale), { size: 8, color: GREY }, 13);
  const rows = charges.invoices.map((i) => [
    i.number,
    f.numericDate(i.dueDate),
    String(i.days),
    f.rate(i.rateBp),
    money(i.interest),
    money(i.fixedFee),
    i.waived ? money(i.waived) : '',
  ]);
  flow.table(chargeColumns(w), rows, {
    totals: [
      [w.charges(section.currency), '', '', '', money(charges.interest), money(charges.fixedFees), money(charges.waived)],
      [w.chargesToPay(section.currency), '', '', '', '', '', money(chargesDue(charges))],
    ],
  });
  flow.gap(4);
  flow.line(`${w.balanceAndCharges(section.currency)}: ${money(section.aging.total + chargesDue(charges))}`, { size: 9, bold: true }, 18);
}
