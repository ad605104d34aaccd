import Mustache from 'mustache';
import type { IsoDate } from '../../../shared/dates';
import { daysBetween } from '../../../shared/dates';
import { EMAIL_STYLES } from './email-styles';
import { VIDEO_CARD_CID } from './inline-images';
import type { MessageWords } from './message-words';

/** The tables and cards Inflow builds for `{{{blocks}}}`, as HTML and as text, in the customer's words and formats. */
export type Block = { html: string; text: string };

export interface BlockFormat {
  words: MessageWords;
  money: (minor: number, currency: string) => string;
  date: (iso: IsoDate) => string;
}

export interface TableInvoice {
  number: string;
  dueDate: IsoDate;
  currency: string;
  amountMinor: number;
  openMinor: number;
}

const { cell: CELL, number: NUM } = EMAIL_STYLES;
const esc = (value: string): string => Mustache.escape(value);

/** Plain-text columns as wide as their longest cell (German headings are longer than English ones). */
function textTable(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_cell, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function invoiceTable(invoices: TableInvoice[], links: (string | null)[], today: IsoDate, { words, money, date }: BlockFormat): Block {
  const rows = invoices.map((invoice, index) => ({ invoice, late: Math.max(0, daysBetween(invoice.dueDate, today)), link: links[index] ?? null }));
  const html = `<table role="presentation" style="${EMAIL_STYLES.invoiceTable}">
<tr><th style="${CELL}">${esc(words.invoice)}</th><th style="${CELL}">${esc(words.due)}</th><th style="${NUM}">${esc(words.amount)}</th><th style="${NUM}">${esc(words.balance)}</th><th style="${NUM}">${esc(words.daysLate)}</th><th style="${CELL}"></th></tr>
${rows.map(({ invoice, late, link }) => `<tr><td style="${CELL}">${esc(invoice.number)}</td><td style="${CELL}">${esc(date(invoice.dueDate))}</td><td style="${NUM}">${esc(money(invoice.amountMinor, invoice.currency))}</td><td style="${NUM}">${esc(money(invoice.openMinor, invoice.currency))}</td><td style="${NUM}">${late > 0 ? late : ''}</td><td style="${CELL}">${link ? `<a href="${esc(link)}">${esc(words.pay)}</a>` : ''}</td></tr>`).join('\n')}
</table>`;
  const text = textTable([
    [words.invoice, words.due, words.balance, words.daysLate, words.pay],
    ...rows.map(({ invoice, late, link }) => [
      invoice.number,
      date(invoice.dueDate),
      money(invoice.openMinor, invoice.currency),
      late > 0 ? String(late) : '',
      link ?? '',
    ]),
  ]);
  return { html, text };
}

/** A thumbnail with a play button (attached inline, see inline-images.ts) that opens the video. */
export function videoCard(url: string, words: MessageWords): Block {
  const href = esc(url);
  return {
    html: `<p><a href="${href}"><img src="cid:${VIDEO_CARD_CID}" alt="${esc(words.playVideo)}" width="480" style="${EMAIL_STYLES.videoCard}"></a></p>
<p><a href="${href}">${esc(words.watchVideo)}</a></p>`,
    text: `${words.videoMessage}: ${url}`,
  };
}

export function installmentTable(
  installments: { dueDate: string; amountMinor: number; paidMinor: number }[],
  currency: string,
  { money, date }: BlockFormat,
): Block {
  return {
    html: `<table role="presentation" style="${EMAIL_STYLES.installmentTable}">
${installments.map((i) => `<tr><td style="${CELL}">${esc(date(i.dueDate))}</td><td style="${NUM}">${esc(money(i.amountMinor, currency))}</td></tr>`).join('\n')}
</table>`,
    text: textTable(installments.map((i) => [date(i.dueDate), money(i.amountMinor, currency)])),
  };
}
