import type { IsoDate } from '../../../shared/dates';
import { paymentQrPng } from '../mail/payment-qr';
import type { ReaderFormat } from '../mail/reader-format';
import { documentWords } from './document-words';
import type { Flow } from './flow';
import type { DocumentBasics } from './statement-data';

const GREY = '#555555';
const QR_SIZE = 78;

/** "How to pay": the payment link with its QR code beside it, the bank details, and the reference to quote. */
export async function drawHowToPay(flow: Flow, basics: DocumentBasics, link: string | null): Promise<void> {
  const { company, customer } = basics;
  if (!link && company.bankDetails.length === 0) return;
  const w = documentWords(basics.locale);
  const textWidth = flow.width - (link ? QR_SIZE + 12 : 0);
  const lines = [
    ...(link ? flow.canvas.wrap(w.payOnline(link), textWidth, { size: 9 }) : []),
    ...company.bankDetails.flatMap((line) => flow.canvas.wrap(line, textWidth, { size: 9 })),
    w.quoteCustomerNo(customer.externalId),
  ];
  flow.ensure(Math.max(lines.length * 12 + 20, link ? QR_SIZE + 20 : 0));
  flow.line(w.howToPay, { size: 10, bold: true }, 14);
  const top = flow.y;
  if (link) flow.canvas.image(await paymentQrPng(link), flow.geometry.right - QR_SIZE, top - 9, [QR_SIZE, QR_SIZE]);
  for (const line of lines) flow.line(line, { size: 9, width: textWidth }, 12);
  flow.y = Math.max(flow.y, link ? top + QR_SIZE : 0) + 6;
}

/**
 * A slip to cut off and send back with the payment, at the foot of the last page (on a page of its
 * own when the last one is full): who pays, the reference, the amount due per currency, and a space
 * for the amount enclosed.
 */
export function drawRemittanceSlip(flow: Flow, basics: DocumentBasics, f: ReaderFormat, due: { currency: string; dueMinor: number }[], asOf: IsoDate): void {
  const { canvas, geometry } = flow;
  const w = documentWords(basics.locale);
  const height = 78 + due.length * 12;
  flow.ensure(height);
  let y = Math.max(flow.y, geometry.bottom - height);
  canvas.rule(geometry.left, y, geometry.right, { dash: 3, color: '#777777' });
  canvas.text(w.cutHere, geometry.right - 60, y - 3, { size: 6, color: GREY, align: 'right', width: 60 });
  y += 16;
  canvas.text(w.remittanceTitle, geometry.left, y, { size: 9, bold: true });
  y += 14;
  const half = (geometry.right - geometry.left) / 2;
  const pairs: [string, string][] = [
    [w.slip.from, basics.customer.name],
    [w.customerNo, basics.customer.externalId],
    [w.statementDate, f.numericDate(asOf)],
    [w.slip.payTo, basics.company.name || '—'],
    ...due.map((d): [string, string] => [w.slip.amountDue(d.currency), f.money(d.dueMinor, d.currency)]),
    [w.slip.enclosed, '______________________'],
  ];
  pairs.forEach(([label, value], index) => {
    const x = geometry.left + (index % 2) * half;
    canvas.text(label, x, y, { size: 8, color: GREY });
    canvas.text(canvas.fit(value, half - 100, { size: 8.5 }), x + 90, y, { size: 8.5 });
    if (index % 2 === 1) y += 12;
  });
  flow.y = y + (pairs.length % 2 === 1 ? 24 : 12);
}
