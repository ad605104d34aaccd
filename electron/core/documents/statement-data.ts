import type { AgingAmounts, AgingEdges } from '../../../shared/aging';
import type { CustomerCharges } from '../../../shared/charges';
import { customerLocale } from '../../../shared/customer-locale';
import { addDays, daysBetween, type IsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { SqliteDb } from '../../db/sqlite';
import type { ColumnsRow } from '../../db/typed-row';
import { prepareCached } from '../../db/statement-cache';
import { chargesReport } from '../charges/charges-report';
import { agingReport, customerOpenItems, type OpenItem } from '../ledger/aging-query';
import { paymentLinker } from '../mail/links';
import { getSetting } from '../settings';
import { paperForLocale } from './paper-size';
import type { Paper } from './pdf-canvas';

export interface Letterhead {
  name: string;
  addressLines: string[];
  registrationId: string;
  taxId: string;
  phone: string;
  email: string;
  bankDetails: string[];
  logo: Buffer | null;
}

export interface Addressee {
  customerId: number;
  externalId: string;
  name: string;
  addressLines: string[];
}

export interface DocumentBasics {
  locale: string;
  paper: Paper;
  company: Letterhead;
  customer: Addressee;
}

export interface StatementItem extends OpenItem {
  daysOverdue: number;
}

export interface CurrencySection {
  currency: string;
  items: StatementItem[];
  aging: AgingAmounts;
  /** Late-payment charges in this currency, shown apart; null when the customer's policy charges none. */
  charges: CustomerCharges | null;
}

export interface OpenItemsStatement extends DocumentBasics {
  kind: 'open_items';
  asOf: IsoDate;
  edges: AgingEdges;
  sections: CurrencySection[];
  paymentLink: string | null;
}

/**
 * What a statement and a letter share: the reader's locale (the customer's, as its emails use it),
 * the paper it implies unless the letterhead fixes one, the letterhead and the addressee.
 */
export function documentBasics(sqlite: SqliteDb, customerId: number): DocumentBasics {
  const customer = prepareCached(
    sqlite,
    'SELECT id, external_id AS externalId, name, postal_address AS postalAddress, locale, country FROM customers WHERE id = ?',
  ).get(customerId) as
    { id: number; externalId: string; name: string; postalAddress: string | null; locale: string | null; country: string | null } | undefined;
  if (!customer) throw new AppError('NOT_FOUND', `No customer with id ${customerId}.`);
  const outreach = getSetting(sqlite, 'outreach');
  const profile = getSetting(sqlite, 'companyProfile');
  const locale = customerLocale(customer, outreach.locale);
  return {
    locale,
    paper: profile.paper === 'auto' ? paperForLocale(locale) : profile.paper,
    company: {
      name: outreach.companyName,
      addressLines: profile.addressLines,
      registrationId: profile.registrationId,
      taxId: profile.taxId,
      phone: profile.phone || outreach.senderPhone,
      email: profile.email,
      bankDetails: profile.bankDetails,
      logo: profile.logoBase64 ? Buffer.from(profile.logoBase64, 'base64') : null,
    },
    customer: {
      customerId: customer.id,
      externalId: customer.externalId,
      name: customer.name,
      addressLines: customer.postalAddress ? (JSON.parse(customer.postalAddress) as string[]) : [],
    },
  };
}

/**
 * A statement of open items as of the end of a day: exactly the items the aging sums for this
 * customer on that date (ledger/aging-query.ts), by currency, with the aging buckets and, apart, the
 * late-payment charges accrued to that day.
 */
export function openItemsStatement(sqlite: SqliteDb, customerId: number, asOf: IsoDate): OpenItemsStatement {
  const basics = documentBasics(sqlite, customerId);
  const items = customerOpenItems(sqlite, asOf, customerId);
  const edges = getSetting(sqlite, 'agingEdges');
  const aging = agingReport(sqlite, asOf, edges, customerId).customers;
  const charges = chargesReport(sqlite, asOf, customerId).customers;
  const currencies = [...new Set(items.map((item) => item.currency))].sort();
  const sections = currencies.map((currency): CurrencySection => ({
    currency,
    items: items
      .filter((item) => item.currency === currency)
      .map((item) => ({ ...item, daysOverdue: item.kind === 'invoice' ? Math.max(0, daysBetween(item.dueDate, asOf)) : 0 })),
    aging: aging.find((row) => row.currency === currency)!,
    charges: charges.find((c) => c.currency === currency) ?? null,
  }));
  return { ...basics, kind: 'open_items', asOf, edges, sections, paymentLink: statementLink(sqlite, basics.customer, asOf) };
}

/** The pay link of the oldest open invoice (a pay page usually lets the customer widen it), if any. */
function statementLink(sqlite: SqliteDb, customer: Addressee, asOf: IsoDate): string | null {
  const linkOf = paymentLinker({ pattern: getSetting(sqlite, 'outreach').paymentUrlPattern, erpBaseUrl: getSetting(sqlite, 'erpConnection')?.baseUrl || null });
  const invoices = prepareCached(
    sqlite,
    `SELECT number, currency, open_minor AS openMinor, payment_url AS paymentUrl FROM invoices
    WHERE customer_id = ? AND status = 'open' AND open_minor > 0 AND issue_date <= ? ORDER BY due_date, number LIMIT 20`,
  ).all(customer.customerId, asOf) as ColumnsRow<'invoices', 'number' | 'currency' | 'open_minor' | 'payment_url'>[];
  for (const invoice of invoices) {
    const link = linkOf(invoice, customer.externalId);
    if (link) return link;
  }
  return null;
}

/** The day before a period starts: its opening balance is the book at the end of that day. */
export const dayBefore = (date: IsoDate): IsoDate => addDays(date, -1);
