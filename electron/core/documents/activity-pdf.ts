import type { ActivityStatement } from './activity-data';
import { readerFormat } from '../mail/reader-format';
import { documentWords, type DocumentWords } from './document-words';
import { Flow, type Column } from './flow';
import { drawFooters, drawLetterhead } from './letterhead';
import { drawRemittanceSlip } from './payment-blocks';
import { PdfCanvas } from './pdf-canvas';

const GREY = '#555555';
const columns = ({ activityColumns: c }: DocumentWords): Column[] => [
  { label: c.date, share: 0.13, align: 'left' },
  { label: c.reference, share: 0.22, align: 'left' },
  { label: c.description, share: 0.25, align: 'left' },
  { label: c.amount, share: 0.2, align: 'right' },
  { label: c.balance, share: 0.2, align: 'right' },
];

/** The activity statement as a PDF: per currency the opening balance, each movement with the running balance, the closing balance. */
export async function activityStatementPdf(statement: ActivityStatement): Promise<Buffer> {
  const canvas = new PdfCanvas(statement.paper, {
    title: `Account activity, ${statement.customer.name}, ${statement.from} to ${statement.to}`,
    author: statement.company.name || 'Inflow',
  });
  drawActivityStatement(canvas, statement, 0);
  return canvas.end();
}

/** Draws the activity statement from page `firstPage` of the canvas (a fresh page). */
export function drawActivityStatement(canvas: PdfCanvas, statement: ActivityStatement, firstPage: number): void {
  const { customer } = statement;
  const f = readerFormat(statement.locale);
  const w = documentWords(statement.locale);
  const period = w.activityPeriod(f.numericDate(statement.from), f.numericDate(statement.to));
  const geometry = drawLetterhead(canvas, statement, [
    [w.period, period],
    [w.customerNo, customer.externalId],
  ]);
  const flow = new Flow(canvas, geometry, `${w.activityTitle} · ${customer.name} · ${customer.externalId} · ${period}`);
  flow.line(w.activityTitle, { size: 15, bold: true }, 20);
  flow.line(w.activitySubtitle(period), { size: 9, color: GREY }, 18);
  if (statement.sections.length === 0) flow.line(w.noActivity, { size: 10 }, 18);
  for (const section of statement.sections) {
    const money = (minor: number): string => f.money(minor, section.currency);
    flow.ensure(60);
    flow.line(w.amountsIn(section.currency), { size: 10, bold: true }, 15);
    const rows = [
      [f.numericDate(statement.from), '', w.openingBalance, '', money(section.openingMinor)],
      ...section.lines.map((line) => [f.numericDate(line.date), line.reference, line.description, money(line.amountMinor), money(line.balanceMinor)]),
    ];
    flow.table(columns(w), rows, { totals: [[f.numericDate(statement.to), '', w.closingBalance(section.currency), '', money(section.closingMinor)]] });
    flow.gap(12);
  }
  drawRemittanceSlip(
    flow,
    statement,
    f,
    statement.sections.map((s) => ({ currency: s.currency, dueMinor: s.closingMinor })),
    statement.to,
  );
  drawFooters(canvas, geometry, statement, firstPage);
}
