import Mustache from 'mustache';
import type { CustomerInvoice } from '../../../shared/api';
import type { IsoDate } from '../../../shared/dates';
import { daysBetween, dayNumber } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import type { OutreachSettings } from '../../../shared/outreach/outreach-settings';
import type { SenderRole } from '../../../shared/outreach/ladder';
import { EMAIL_ADDRESS } from '../../../shared/text';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { readCommitments, isActivePlan } from '../activity/commitments';
import { agingReport } from '../ledger/aging-query';
import { chargeMergeFields } from '../charges/charge-merge-fields';
import { getSetting } from '../settings';
import { EMAIL_STYLES } from './email-styles';
import { VIDEO_CARD_CID } from './inline-images';
import { paymentLink } from './links';
import { paymentQrBlock } from './payment-qr';
import type { MergeValues } from './template-render';

export interface Recipient {
  contactId: number;
  name: string;
  address: string;
}

export interface MessageSubject {
  customerId: number;
  /** The invoices the message lists; empty means every open invoice past due. */
  invoiceIds: number[];
  senderRole: SenderRole;
  videoMemoUrl?: string;
}

/** A listed invoice: the customer-page fields plus the link the ERP gave for it. */
type InvoiceRow = Pick<CustomerInvoice, 'id' | 'number' | 'issueDate' | 'dueDate' | 'currency' | 'amountMinor' | 'openMinor'> & { paymentUrl: string | null };

const { cell: CELL, number: NUM } = EMAIL_STYLES;
const esc = (value: string): string => Mustache.escape(value);

const formatters = new Map<string, { dateFormat: Intl.DateTimeFormat; percent: Intl.NumberFormat }>();
/** Building an Intl formatter costs more than rendering a message with it: one pair per locale. */
function formattersFor(locale: string) {
  let pair = formatters.get(locale);
  if (!pair) {
    pair = {
      dateFormat: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
      percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }),
    };
    formatters.set(locale, pair);
  }
  return pair;
}

/**
 * The contact a reminder goes to: a valid address, primary first, then billing, AP, anyone. An ERP
 * may hand over a list ("a@x.com, b@y.com") or anything else in its email field; only one plain
 * address is ever a recipient, so a stored value can never add a recipient or a header.
 */
export function recipientOf(sqlite: SqliteDb, customerId: number): Recipient | null {
  const contacts = prepareCached(sqlite, `SELECT id AS contactId, name, email AS address FROM contacts
    WHERE customer_id = ? AND status = 'valid' AND email IS NOT NULL AND email != ''
    ORDER BY is_primary DESC, CASE role WHEN 'billing' THEN 0 WHEN 'ap' THEN 1 WHEN 'primary' THEN 2 ELSE 3 END, id`)
    .all(customerId) as Recipient[];
  return contacts.find((contact) => EMAIL_ADDRESS.test(contact.address)) ?? null;
}

/** Every merge value of one message to one customer, formatted in the locale the messages are written in. */
export function mergeValues(sqlite: SqliteDb, subject: MessageSubject, today: IsoDate, settings: OutreachSettings, fromAddress: string): { values: MergeValues; recipient: Recipient | null; invoiceIds: number[] } {
  const customer = prepareCached(sqlite, 'SELECT external_id AS externalId, name, currency FROM customers WHERE id = ?').get(subject.customerId) as
    { externalId: string; name: string; currency: string } | undefined;
  if (!customer) throw new AppError('NOT_FOUND', `No customer with id ${subject.customerId}.`);
  const money = (minor: number, currency: string): string => formatMoney(minor, currency, settings.locale);
  const { dateFormat, percent } = formattersFor(settings.locale);
  const date = (iso: string): string => dateFormat.format(new Date(dayNumber(iso) * 86_400_000));
  const invoices = listedInvoices(sqlite, subject, today);
  const recipient = recipientOf(sqlite, subject.customerId);
  const aging = agingReport(sqlite, today, getSetting(sqlite, 'agingEdges'), subject.customerId).customers.find((row) => row.currency === customer.currency);
  const oldest = invoices[0];
  const links = invoices.map((invoice) => paymentLink(invoice, settings.paymentUrlPattern));
  const { promises, plans, disputes, discounts } = readCommitments(sqlite, subject.customerId, today);
  const discount = discounts.find((d) => d.state === 'open');
  const promise = promises.find((p) => p.state !== 'cancelled');
  const plan = plans.find(isActivePlan);
  const next = plan?.installments.find((i) => i.state !== 'paid');
  const dispute = disputes.find((d) => d.status === 'open');
  const manager = subject.senderRole === 'manager';
  // One invoice: its own link; several: the first link, which a pay page usually lets the customer widen.
  const payLink = links.find((link) => link !== null) ?? '';
  const qr = payLink ? paymentQrBlock(payLink) : null;

  const fields: Record<string, string> = {
    'customer.name': customer.name,
    'customer.externalId': customer.externalId,
    'contact.name': recipient?.name ?? '',
    'contact.firstName': recipient?.name.split(/\s+/)[0] ?? '',
    'sender.name': manager ? settings.managerName || settings.senderName : settings.senderName,
    'sender.role': manager ? settings.managerRole : settings.senderRole,
    'sender.email': fromAddress,
    'sender.phone': settings.senderPhone,
    'company.name': settings.companyName,
    'totals.open': money(aging?.total ?? 0, customer.currency),
    'totals.overdue': money((aging?.total ?? 0) - (aging?.current ?? 0), customer.currency),
    'totals.current': money(aging?.current ?? 0, customer.currency),
    'totals.d1_30': money(aging?.d1_30 ?? 0, customer.currency),
    'totals.d31_60': money(aging?.d31_60 ?? 0, customer.currency),
    'totals.d61_90': money(aging?.d61_90 ?? 0, customer.currency),
    'totals.d91_120': money(aging?.d91_120 ?? 0, customer.currency),
    'totals.d120_plus': money(aging?.d120_plus ?? 0, customer.currency),
    oldestDaysLate: oldest ? String(Math.max(0, daysBetween(oldest.dueDate, today))) : '',
    'oldestInvoice.number': oldest?.number ?? '',
    invoiceCount: String(invoices.length),
    paymentLink: payLink,
    videoMemoUrl: subject.videoMemoUrl ?? '',
    'promise.amount': promise ? money(promise.amountMinor, promise.currency) : '',
    'promise.date': promise ? date(promise.promisedDate) : '',
    'plan.nextDate': next ? date(next.dueDate) : '',
    'plan.nextAmount': next && plan ? money(next.amountMinor - next.paidMinor, plan.currency) : '',
    // Basis points to a fraction for display only; the saving itself is integer money.
    'discount.percent': discount ? percent.format(discount.percentBp / 10_000) : '',
    'discount.amount': discount ? money(discount.savingMinor, discount.currency) : '',
    'discount.payBy': discount ? date(discount.payBy) : '',
    'dispute.reason': dispute ? dispute.reasonCode.replaceAll('_', ' ') : '',
    'dispute.invoices': dispute ? disputedNumbers(sqlite, dispute.invoiceIds) : '',
    today: date(today),
    ...chargeMergeFields(sqlite, subject.customerId, customer.currency, today, { money, percent: (fraction) => percent.format(fraction) }),
  };
  const blocks: MergeValues['blocks'] = {
    invoiceTable: invoiceTable(invoices, links, today, money, date),
    ...(subject.videoMemoUrl ? { videoMemo: videoCard(subject.videoMemoUrl) } : {}),
    ...(qr ? { paymentQr: qr } : {}),
    ...(plan ? { 'plan.installmentTable': installmentTable(plan.installments, plan.currency, money, date) } : {}),
  };
  return { values: { fields, blocks }, recipient, invoiceIds: invoices.map((invoice) => invoice.id) };
}

/** The invoices named, or every open invoice past due, oldest first. */
function listedInvoices(sqlite: SqliteDb, subject: MessageSubject, today: IsoDate): InvoiceRow[] {
  const columns = `id, number, issue_date AS issueDate, due_date AS dueDate, currency, amount_minor AS amountMinor, open_minor AS openMinor, payment_url AS paymentUrl`;
  if (subject.invoiceIds.length === 0) {
    return prepareCached(sqlite, `SELECT ${columns} FROM invoices WHERE customer_id = ? AND status = 'open' AND open_minor > 0 AND due_date < ? ORDER BY due_date, number`)
      .all(subject.customerId, today) as InvoiceRow[];
  }
  const rows = prepareCached(sqlite, `SELECT ${columns} FROM invoices WHERE customer_id = ? AND id IN (${subject.invoiceIds.map(() => '?').join(', ')}) ORDER BY due_date, number`)
    .all(subject.customerId, ...subject.invoiceIds) as InvoiceRow[];
  if (rows.length !== new Set(subject.invoiceIds).size) throw new AppError('INVALID_INPUT', 'Some of the chosen invoices do not belong to this customer.');
  return rows;
}

/** Only read when the customer has an open dispute: most messages never need it. */
function disputedNumbers(sqlite: SqliteDb, invoiceIds: number[]): string {
  if (invoiceIds.length === 0) return '';
  return (prepareCached(sqlite, `SELECT number FROM invoices WHERE id IN (${invoiceIds.map(() => '?').join(', ')}) ORDER BY number`).all(...invoiceIds) as { number: string }[])
    .map((row) => row.number).join(', ');
}

type Format = (minor: number, currency: string) => string;

function invoiceTable(invoices: InvoiceRow[], links: (string | null)[], today: IsoDate, money: Format, date: (iso: string) => string): { html: string; text: string } {
  const rows = invoices.map((invoice, index) => {
    const late = Math.max(0, daysBetween(invoice.dueDate, today));
    return { invoice, late, link: links[index] ?? null };
  });
  const html = `<table role="presentation" style="${EMAIL_STYLES.invoiceTable}">
<tr><th style="${CELL}">Invoice</th><th style="${CELL}">Due</th><th style="${NUM}">Amount</th><th style="${NUM}">Balance</th><th style="${NUM}">Days late</th><th style="${CELL}"></th></tr>
${rows.map(({ invoice, late, link }) => `<tr><td style="${CELL}">${esc(invoice.number)}</td><td style="${CELL}">${esc(date(invoice.dueDate))}</td><td style="${NUM}">${esc(money(invoice.amountMinor, invoice.currency))}</td><td style="${NUM}">${esc(money(invoice.openMinor, invoice.currency))}</td><td style="${NUM}">${late > 0 ? late : ''}</td><td style="${CELL}">${link ? `<a href="${esc(link)}">Pay</a>` : ''}</td></tr>`).join('\n')}
</table>`;
  const widths = [10, 14, 14, 14];
  const line = (cells: string[]): string => cells.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd();
  const text = [
    line(['Invoice', 'Due', 'Balance', 'Days late', 'Pay']),
    ...rows.map(({ invoice, late, link }) => line([invoice.number, date(invoice.dueDate), money(invoice.openMinor, invoice.currency), late > 0 ? String(late) : '', link ?? ''])),
  ].join('\n');
  return { html, text };
}

/** A thumbnail with a play button (attached inline, see inline-images.ts) that opens the video. */
function videoCard(url: string): { html: string; text: string } {
  const href = esc(url);
  return {
    html: `<p><a href="${href}"><img src="cid:${VIDEO_CARD_CID}" alt="Play the video message" width="480" style="${EMAIL_STYLES.videoCard}"></a></p>
<p><a href="${href}">Watch the video message</a></p>`,
    text: `Video message: ${url}`,
  };
}

function installmentTable(installments: { dueDate: string; amountMinor: number; paidMinor: number }[], currency: string, money: Format, date: (iso: string) => string): { html: string; text: string } {
  return {
    html: `<table role="presentation" style="${EMAIL_STYLES.installmentTable}">
${installments.map((i) => `<tr><td style="${CELL}">${esc(date(i.dueDate))}</td><td style="${NUM}">${esc(money(i.amountMinor, currency))}</td></tr>`).join('\n')}
</table>`,
    text: installments.map((i) => `${date(i.dueDate).padEnd(14)}  ${money(i.amountMinor, currency)}`).join('\n'),
  };
}
