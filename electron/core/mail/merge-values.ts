import { customerLocale, type TemplateLanguage } from '../../../shared/customer-locale';
import type { IsoDate } from '../../../shared/dates';
import { daysBetween } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { OutreachSettings } from '../../../shared/outreach/outreach-settings';
import type { SenderRole } from '../../../shared/outreach/ladder';
import { senderPerson, type SenderPerson } from '../../../shared/outreach/sender-person';
import { EMAIL_ADDRESS } from '../../../shared/text';
import type { SqliteDb } from '../../db/sqlite';
import { prepareCached } from '../../db/statement-cache';
import { columns, type ColumnsRow } from '../../db/typed-row';
import { readCommitments, isActivePlan } from '../activity/commitments';
import { liveBook } from '../ledger/book';
import { agingReport } from '../ledger/aging-query';
import { chargeMergeFields } from '../charges/charge-merge-fields';
import { getSetting } from '../settings';
import { paymentLinker } from './links';
import { installmentTable, invoiceTable, videoCard, type BlockFormat } from './message-blocks';
import { disputeReasonWords } from './message-words';
import { readerFormat } from './reader-format';
import { paymentQrBlock } from './payment-qr';
import type { MergeValues } from './template-render';

export interface Recipient {
  contactId: number;
  name: string;
  address: string;
}

export interface MessageSubject {
  customerId: number;
  /** The invoices the message lists, as the send guard left them (none: a message about a commitment). */
  invoiceIds: number[];
  senderRole: SenderRole;
  videoMemoUrl?: string;
}

/** A listed invoice: the customer-page fields plus the link the ERP gave for it. */
const LISTED = ['id', 'number', 'issue_date', 'due_date', 'currency', 'amount_minor', 'open_minor', 'payment_url'] as const;
type InvoiceRow = ColumnsRow<'invoices', (typeof LISTED)[number]>;

/**
 * The contact a reminder goes to: a valid address, primary first, then billing, AP, anyone. An ERP
 * may hand over a list ("a@x.com, b@y.com") or anything else in its email field; only one plain
 * address is ever a recipient, so a stored value can never add a recipient or a header.
 */
export function recipientOf(sqlite: SqliteDb, customerId: number): Recipient | null {
  const contacts = prepareCached(
    sqlite,
    `SELECT id AS contactId, name, email AS address FROM contacts
    WHERE customer_id = ? AND status = 'valid' AND email IS NOT NULL AND email != ''
    ORDER BY is_primary DESC, CASE role WHEN 'billing' THEN 0 WHEN 'ap' THEN 1 WHEN 'primary' THEN 2 ELSE 3 END, id`,
  ).all(customerId) as Recipient[];
  return contacts.find((contact) => EMAIL_ADDRESS.test(contact.address)) ?? null;
}

/** One message's values, and what they were chosen by: the customer's language picks the template version, the sender signs. */
export interface MessageValues {
  values: MergeValues;
  recipient: Recipient | null;
  invoiceIds: number[];
  language: TemplateLanguage;
  sender: SenderPerson;
}

/** Every merge value of one message to one customer, in that customer's locale (dates, amounts) and language (Inflow's own words). */
export function mergeValues(sqlite: SqliteDb, subject: MessageSubject, today: IsoDate, settings: OutreachSettings, fromAddress: string): MessageValues {
  const customer = prepareCached(sqlite, 'SELECT external_id AS externalId, name, currency, locale, country FROM customers WHERE id = ?').get(
    subject.customerId,
  ) as ColumnsRow<'customers', 'external_id' | 'name' | 'currency' | 'locale' | 'country'> | undefined;
  if (!customer) throw new AppError('NOT_FOUND', `No customer with id ${subject.customerId}.`);
  const reader = readerFormat(customerLocale(customer, settings.locale));
  const { language, money, date } = reader;
  const format = { words: reader.words, money, date };
  const invoices = listedInvoices(sqlite, subject);
  const recipient = recipientOf(sqlite, subject.customerId);
  const aging = agingReport(sqlite, today, getSetting(sqlite, 'agingEdges'), subject.customerId).customers.find((row) => row.currency === customer.currency);
  const oldest = invoices[0];
  const linkOf = paymentLinker({ pattern: settings.paymentUrlPattern, erpBaseUrl: getSetting(sqlite, 'erpConnection')?.baseUrl || null });
  const links = invoices.map((invoice) => linkOf(invoice, customer.externalId));
  const { promises, plans, disputes, discounts } = readCommitments(sqlite, subject.customerId, liveBook(today));
  const discount = discounts.find((d) => d.state === 'open');
  const promise = promises.find((p) => p.state !== 'cancelled');
  const plan = plans.find(isActivePlan);
  const next = plan?.installments.find((i) => i.state !== 'paid');
  const dispute = disputes.find((d) => d.status === 'open');
  const sender = senderPerson(settings, subject.senderRole);
  // One invoice: its own link; several: the first link, which a pay page usually lets the customer widen.
  const payLink = links.find((link) => link !== null) ?? '';
  const qr = payLink ? paymentQrBlock(payLink, format.words.qrAlt) : null;

  const fields: Record<string, string> = {
    'customer.name': customer.name,
    'customer.externalId': customer.externalId,
    'contact.name': recipient?.name ?? '',
    'contact.firstName': recipient?.name.split(/\s+/)[0] ?? '',
    'sender.name': sender.name,
    'sender.role': sender.title,
    'sender.email': fromAddress,
    'sender.phone': sender.phone,
    'company.name': settings.companyName,
    'totals.open': money(aging?.total ?? 0, customer.currency),
    'totals.overdue':
      subject.invoiceIds.length > 0
        ? listedOverdue(invoices, today, money, customer.currency)
        : money((aging?.total ?? 0) - (aging?.current ?? 0), customer.currency),
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
    'discount.percent': discount ? reader.percent(discount.percentBp / 10_000) : '',
    'discount.amount': discount ? money(discount.savingMinor, discount.currency) : '',
    'discount.payBy': discount ? date(discount.payBy) : '',
    'dispute.reason': dispute ? disputeReasonWords(format.words, dispute.reasonCode) : '',
    'dispute.invoices': dispute ? disputedNumbers(sqlite, dispute.invoiceIds) : '',
    today: date(today),
    ...chargeMergeFields(sqlite, subject.customerId, customer.currency, today, { money, percent: reader.percent, language }),
  };
  const blocks: MergeValues['blocks'] = {
    invoiceTable: invoiceTable(invoices, links, today, format),
    ...(subject.videoMemoUrl ? { videoMemo: videoCard(subject.videoMemoUrl, format.words) } : {}),
    ...(qr ? { paymentQr: qr } : {}),
    ...(plan ? { 'plan.installmentTable': installmentTable(plan.installments, plan.currency, format) } : {}),
  };
  return { values: { fields, blocks }, recipient, invoiceIds: invoices.map((invoice) => invoice.id), language, sender };
}

/**
 * The invoices named, oldest first. None named lists none: which invoices a message may list is the
 * send guard's to decide (guard-drafts.ts), never a fallback here that could list a held one.
 */
function listedInvoices(sqlite: SqliteDb, subject: MessageSubject): InvoiceRow[] {
  if (subject.invoiceIds.length === 0) return [];
  const rows = prepareCached(
    sqlite,
    `SELECT ${columns('invoices', 'i', LISTED)} FROM invoices i WHERE i.customer_id = ? AND i.id IN (${subject.invoiceIds.map(() => '?').join(', ')}) ORDER BY i.due_date, i.number`,
  ).all(subject.customerId, ...subject.invoiceIds) as InvoiceRow[];
  if (rows.length !== new Set(subject.invoiceIds).size) throw new AppError('INVALID_INPUT', 'Some of the chosen invoices do not belong to this customer.');
  return rows;
}

/**
 * Past due among the invoices a message names, per currency: the send guard may have left some out
 * (disputed, promised …), and "the invoices below, $X in total" must not ask for them.
 */
function listedOverdue(invoices: InvoiceRow[], today: IsoDate, money: BlockFormat['money'], currency: string): string {
  const sums = new Map<string, number>();
  for (const invoice of invoices) if (invoice.dueDate < today) sums.set(invoice.currency, (sums.get(invoice.currency) ?? 0) + invoice.openMinor);
  return sums.size === 0 ? money(0, currency) : [...sums].map(([code, minor]) => money(minor, code)).join(' + ');
}

/** Only read when the customer has an open dispute: most messages never need it. */
function disputedNumbers(sqlite: SqliteDb, invoiceIds: number[]): string {
  if (invoiceIds.length === 0) return '';
  return (
    prepareCached(sqlite, `SELECT number FROM invoices WHERE id IN (${invoiceIds.map(() => '?').join(', ')}) ORDER BY number`).all(...invoiceIds) as ColumnsRow<
      'invoices',
      'number'
    >[]
  )
    .map((row) => row.number)
    .join(', ');
}
