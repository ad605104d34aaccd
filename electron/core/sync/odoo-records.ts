import { EMAIL_ADDRESS } from '../../../shared/text';
import { AppError } from '../../../shared/errors';
import { erpLink } from '../../../shared/outreach/customer-link';
import type { IsoDate } from '../../../shared/dates';
import type { SyncNote } from './connector';
import type { ContactRecord, CreditRecord, CustomerRecord, InvoiceRecord } from '../ledger/records';
import { jsonAmountToMinor } from './json-amount';

/** Odoo sends a relation as [id, display name] and every empty value as `false`. */
export type Many2one = [number, string] | false;

export interface OdooPartner {
  id: number;
  name: string | false;
  email: string | false;
  phone: string | false;
  parent_id: Many2one;
  type: string | false;
  /** The country's ISO code (res.partner's related country_code); absent on servers without it. */
  country_code?: string | false;
}

export interface OdooMove {
  id: number;
  name: string;
  /** The moves stream reads invoices and credit notes; the other side of a match may be a journal entry (a payment's, a bank statement's). */
  move_type: 'out_invoice' | 'out_refund' | 'entry';
  state: 'draft' | 'posted' | 'cancel';
  commercial_partner_id: Many2one;
  invoice_date: string | false;
  invoice_date_due: string | false;
  amount_total: number;
  amount_residual: number;
  currency_id: Many2one;
  payment_state: string | false;
  access_url: string | false;
  access_token: string | false;
  /** The customer reference; a charges invoice Inflow created carries its key here (charge-invoices-left-out.ts). */
  ref?: string | false;
}

export const PARTNER_FIELDS = ['name', 'email', 'phone', 'parent_id', 'type', 'country_code', 'write_date'];
export const MOVE_FIELDS = [
  'name',
  'move_type',
  'state',
  'commercial_partner_id',
  'invoice_date',
  'invoice_date_due',
  'amount_total',
  'amount_residual',
  'currency_id',
  'payment_state',
  'access_url',
  'access_token',
  'ref',
  'write_date',
];

export function text(value: string | false | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function relation(value: Many2one, what: string): [number, string] {
  if (!Array.isArray(value)) throw new AppError('SYNC_FAILED', `Odoo sent ${what} without its ${what.split(' ').pop()}.`);
  return value;
}

export function date(value: string | false, what: string): IsoDate {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new AppError('SYNC_FAILED', `Odoo sent ${what} without a valid date (${JSON.stringify(value)}).`);
  return value;
}

/**
 * A company (or a person buying for themselves) is a customer; a child partner is one of its contacts.
 * An email that is not an address (checked as an import checks it) is left off its contact, with a note,
 * so one typo in Odoo neither fails the sync nor reaches an outgoing message.
 */
export function partnerRecords(partners: readonly OdooPartner[]): { customers: CustomerRecord[]; notes: SyncNote[] } {
  const byId = new Map<string, CustomerRecord>();
  const notes: SyncNote[] = [];
  const recordOf = (externalId: string): CustomerRecord => {
    let record = byId.get(externalId);
    if (!record) byId.set(externalId, (record = { row: 0, externalId, contacts: [] }));
    return record;
  };
  for (const partner of partners) {
    const given = text(partner.email);
    const email = given && EMAIL_ADDRESS.test(given) ? given : undefined;
    const phone = text(partner.phone);
    const name = text(partner.name);
    if (given && !email) {
      notes.push({
        ref: `odoo-partner:${partner.id}:${given}`,
        message: `Odoo partner ${partner.id} (${name ?? 'no name'}): email ${JSON.stringify(given)} is not an email address; the contact was kept without it.`,
      });
    }
    const parent = partner.parent_id;
    const record = recordOf(String(parent ? parent[0] : partner.id));
    if (!parent && name) record.name = name;
    const country = text(partner.country_code)?.toUpperCase();
    if (!parent && country && /^[A-Z]{2}$/.test(country)) record.country = country;
    if (!email && !phone) continue;
    const contact: ContactRecord = {
      name: name ?? email ?? phone!,
      role: partner.type === 'invoice' ? 'billing' : 'primary',
      isPrimary: !parent || partner.type === 'invoice',
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
    };
    record.contacts!.push(contact);
  }
  return { customers: [...byId.values()], notes };
}

export function isCreditNote(move: OdooMove): boolean {
  return move.move_type === 'out_refund';
}

/**
 * An invoice or a credit note: both are account.move with the same customer, currency and amounts; a
 * cancelled one owes nothing. Only an invoice has a due date, a payment state and a portal link; a
 * link that would lead off the Odoo server (or the payment portal) is left off, with a note.
 */
export function moveRecords(
  moves: readonly OdooMove[],
  baseUrl: string,
  portalOrigin: string | null = null,
): { invoices: InvoiceRecord[]; credits: CreditRecord[]; notes: SyncNote[] } {
  const invoices: InvoiceRecord[] = [];
  const credits: CreditRecord[] = [];
  const notes: SyncNote[] = [];
  for (const move of moves) {
    const what = `${isCreditNote(move) ? 'credit note' : 'invoice'} ${move.name}`;
    const [partnerId, partnerName] = relation(move.commercial_partner_id, `${what} customer`);
    const currency = relation(move.currency_id, `${what} currency`)[1];
    const cancelled = move.state === 'cancel';
    const issueDate = date(move.invoice_date, what);
    const common = {
      row: 0,
      externalId: String(move.id),
      number: move.name,
      customerExternalId: String(partnerId),
      customerName: partnerName,
      currency,
      amountMinor: jsonAmountToMinor(move.amount_total, currency),
      openMinor: cancelled ? 0 : jsonAmountToMinor(move.amount_residual, currency),
    };
    if (isCreditNote(move)) {
      credits.push({ ...common, kind: 'credit_note', date: issueDate });
      continue;
    }
    const accessUrl = text(move.access_url);
    const token = text(move.access_token);
    const paymentUrl = accessUrl && token ? erpLink(accessUrl, baseUrl, { access_token: token }, portalOrigin) : null;
    if (accessUrl && token && !paymentUrl) {
      notes.push({
        ref: `odoo-link:${move.id}:${accessUrl}`,
        message: `Odoo ${what}: its portal link ${JSON.stringify(accessUrl)} does not lead to ${new URL(baseUrl).host}; it was left off, so messages use the payment-link pattern.`,
      });
    }
    invoices.push({
      ...common,
      issueDate,
      dueDate: move.invoice_date_due ? date(move.invoice_date_due, what) : issueDate,
      disputed: false,
      ...(cancelled ? { voided: true } : {}),
      // "In payment": registered in Odoo but not yet matched with the bank, so it counts as in transit.
      ...(move.payment_state === 'in_payment' ? { inTransit: true } : {}),
      ...(paymentUrl ? { paymentUrl } : {}),
    });
  }
  return { invoices, credits, notes };
}
