import type { ActivityStatement } from './activity-data';
import { readerFormat } from '../mail/reader-format';
import { Flow, type Column } from './flow';
import { drawFooters, drawLetterhead } from './letterhead';
import { drawRemittanceSlip } from './payment-blocks';
import { PdfCanvas } from './pdf-canvas';

const GREY = '#555555';
const COLUMNS: Column[] = [
  { label: 'Date', share: 0.13, align: 'left' },
  { label: 'Reference', share: 0.22, align: 'left' },
  { label: 'Description', share: 0.25, align: 'left' },
  { label: 'Amount', share: 0.2, align: 'right' },
  { label: 'Balance', share: 0.2, align: 'right' },
];

/** The activity statement as a PDF: per currency the opening balance, each movement with the running balance, the closing balance. */
export async function activityStatementPdf(statement: ActivityStatement): Promise<Buffer> {
  const canvas = new PdfCanvas(statement.paper, { title: `Account activity, ${statement.customer.name}, ${statement.from} to ${statement.to}`, author: statement.company.name || 'Inflow' });
  drawActivityStatement(canvas, statement, 0);
  return canvas.end();
}

/** Draws the activity statement from page `firstPage` of the canvas (a fresh page). */
export function drawActivityStatement(canvas: PdfCanvas, statement: ActivityStatement, firstPage: number): void {
  const { customer } = statement;
  const f = readerFormat(statement.locale);
  const period = `${f.numericDate(statement.from)} to ${f.numericDate(statement.to)}`;
  const geometry = drawLetterhead(canvas, statement, [['Period', period], ['Customer no.', customer.externalId]]);
  const flow = new Flow(canvas, geometry, `Account activity · ${customer.name} · ${customer.externalId} · ${period}`);
  flow.line('Statement of account activity', { size: 15, bold: true }, 20);
  flow.line(`${period}, balances at the end of each day`, { size: 9, color: GREY }, 18);
  if (statement.sections.length === 0) flow.line('No balance and no activity in this period.', { size: 10 }, 18);
  for (const section of statement.sections) {
    const money = (minor: number): string => f.money(minor, section.currency);
    flow.ensure(60);
    flow.line(`Amounts in ${section.currency}`, { size: 10, bold: true }, 15);
    const rows = [
      [f.numericDate(statement.from), '', 'Opening balance', '', money(section.openingMinor)],
      ...section.lines.map((line) => [f.numericDate(line.date), line.reference, line.description, money(line.amountMinor), money(line.balanceMinor)]),
    ];
    flow.table(COLUMNS, rows, { totals: [[f.numericDate(statement.to), '', `Closing balance ${section.currency}`, '', money(section.closingMinor)]] });
    flow.gap(12);
  }
  drawRemittanceSlip(flow, statement, f, statement.sections.map((s) => ({ currency: s.currency, dueMinor: s.closingMinor })), statement.to);
  drawFooters(canvas, geometry, statement, firstPage);
}
