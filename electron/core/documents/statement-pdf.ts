import { AGING_BUCKETS, agingBucketLabels } from '../../../shared/aging';
import { CHARGE_KIND_LABELS } from '../../../shared/charges';
import { chargesDue } from '../charges/charges-report';
import { readerFormat, type ReaderFormat } from '../mail/reader-format';
import { Flow, type Column } from './flow';
import { drawFooters, drawLetterhead } from './letterhead';
import { PdfCanvas } from './pdf-canvas';
import { drawHowToPay, drawRemittanceSlip } from './payment-blocks';
import type { CurrencySection, OpenItemsStatement } from './statement-data';

const GREY = '#555555';
const KIND_WORDS = { invoice: 'Invoice', credit_note: 'Credit note', unapplied_payment: 'Payment on account' } as const;

const ITEM_COLUMNS: Column[] = [
  { label: 'Document', share: 0.17, align: 'left' },
  { label: 'Type', share: 0.15, align: 'left' },
  { label: 'Date', share: 0.12, align: 'left' },
  { label: 'Due', share: 0.12, align: 'left' },
  { label: 'Days overdue', share: 0.14, align: 'right' },
  { label: 'Amount', share: 0.15, align: 'right' },
  { label: 'Open', share: 0.15, align: 'right' },
];

const CHARGE_COLUMNS: Column[] = [
  { label: 'Invoice', share: 0.2, align: 'left' },
  { label: 'Due', share: 0.12, align: 'left' },
  { label: 'Days', share: 0.08, align: 'right' },
  { label: 'Rate a year', share: 0.12, align: 'right' },
  { label: 'Interest', share: 0.16, align: 'right' },
  { label: 'Fixed fee', share: 0.16, align: 'right' },
  { label: 'Waived', share: 0.16, align: 'right' },
];

/**
 * The statement of open items as a PDF: letterhead and window address, per currency every open
 * item (invoices, then credits and payments on account) with its dates, days overdue, amount and
 * open balance, the total due and the aging, then the late-payment charges apart, how to pay, and a
 * remittance slip.
 */
export async function openItemsStatementPdf(statement: OpenItemsStatement): Promise<Buffer> {
  const canvas = new PdfCanvas(statement.paper, { title: `Statement of account, ${statement.customer.name}, ${statement.asOf}`, author: statement.company.name || 'Inflow' });
  await drawOpenItemsStatement(canvas, statement, 0);
  return canvas.end();
}

/** Draws the statement from page `firstPage` of the canvas (a fresh page), so many can share one file for printing. */
export async function drawOpenItemsStatement(canvas: PdfCanvas, statement: OpenItemsStatement, firstPage: number): Promise<void> {
  const { customer } = statement;
  const f = readerFormat(statement.locale);
  const geometry = drawLetterhead(canvas, statement, [['Statement date', f.numericDate(statement.asOf)], ['Customer no.', customer.externalId]]);
  const flow = new Flow(canvas, geometry, `Statement of account · ${customer.name} · ${customer.externalId} · as of ${f.numericDate(statement.asOf)}`);
  flow.line('Statement of account', { size: 15, bold: true }, 20);
  flow.line(`Open items as of ${f.numericDate(statement.asOf)}, end of day`, { size: 9, color: GREY }, 18);
  if (statement.sections.length === 0) flow.line('Nothing is open on this account. Thank you.', { size: 10 }, 18);
  for (const section of statement.sections) drawSection(flow, statement, section, f);
  await drawHowToPay(flow, statement, statement.paymentLink);
  drawRemittanceSlip(flow, statement, f, statement.sections.map((s) => ({ currency: s.currency, dueMinor: s.aging.total })), statement.asOf);
  drawFooters(canvas, geometry, statement, firstPage);
}

function drawSection(flow: Flow, statement: OpenItemsStatement, section: CurrencySection, f: ReaderFormat): void {
  const money = (minor: number): string => f.money(minor, section.currency);
  flow.ensure(60);
  flow.line(`Amounts in ${section.currency}`, { size: 10, bold: true }, 15);
  const rows = section.items.map((item) => [
    item.number, KIND_WORDS[item.kind], f.numericDate(item.issueDate), item.kind === 'invoice' ? f.numericDate(item.dueDate) : '',
    item.daysOverdue > 0 ? String(item.daysOverdue) : '', money(item.amountMinor), money(item.balanceMinor),
  ]);
  flow.table(ITEM_COLUMNS, rows, { totals: [[`Total due ${section.currency}`, '', '', '', '', '', money(section.aging.total)]] });
  flow.gap(8);
  const labels = agingBucketLabels(statement.edges);
  const agingColumns: Column[] = [...AGING_BUCKETS.map((b) => ({ label: b === 'current' ? 'Not yet due' : `${labels[b]} days`, share: 1 / 7, align: 'right' as const })),
    { label: 'Total', share: 1 / 7, align: 'right' }];
  flow.table(agingColumns, [[...AGING_BUCKETS.map((b) => money(section.aging[b])), money(section.aging.total)]]);
  flow.gap(10);
  if (section.charges && section.charges.invoices.length > 0) drawCharges(flow, section, f);
}

function drawCharges(flow: Flow, section: CurrencySection, f: ReaderFormat): void {
  const charges = section.charges!;
  const money = (minor: number): string => f.money(minor, section.currency);
  flow.ensure(70);
  flow.line('Late-payment charges (not included in the balance above)', { size: 10, bold: true }, 13);
  flow.line(CHARGE_KIND_LABELS[charges.kind], { size: 8, color: GREY }, 13);
  const rows = charges.invoices.map((i) => [i.number, f.numericDate(i.dueDate), String(i.days), f.rate(i.rateBp), money(i.interest), money(i.fixedFee), i.waived ? money(i.waived) : '']);
  flow.table(CHARGE_COLUMNS, rows, {
    totals: [[`Charges ${section.currency}`, '', '', '', money(charges.interest), money(charges.fixedFees), money(charges.waived)],
      [`Charges to pay ${section.currency}`, '', '', '', '', '', money(chargesDue(charges))]],
  });
  flow.gap(4);
  flow.line(`Balance and charges due ${section.currency}: ${money(section.aging.total + chargesDue(charges))}`, { size: 9, bold: true }, 18);
}
