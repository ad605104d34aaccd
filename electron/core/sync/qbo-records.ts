import { AppError } from '../../../shared/errors';
import type { IsoDate } from '../../../shared/dates';
import type { CreditRecord, CustomerRecord, InvoiceRecord, PaymentRecord } from '../ledger/records';
import { jsonAmountToMinor } from './json-amount';

/** QuickBooks names another entity as { value: its Id, name: its display name }. */
interface Ref {
  value: string;
  name?: string;
}

export interface QboCustomer {
  Id: string;
  DisplayName?: string;
  GivenName?: string;
  FamilyName?: string;
  PrimaryEmailAddr?: { Address?: string };
  PrimaryPhone?: { FreeFormNumber?: string };
  CurrencyRef?: Ref;
}

export interface QboInvoice {
  Id: string;
  DocNumber?: string;
  TxnDate: string;
  DueDate?: string;
  TotalAmt: number;
  Balance: number;
  CurrencyRef?: Ref;
  CustomerRef: Ref;
  PrivateNote?: string;
  Line?: { Amount?: number }[];
}

export interface QboCreditMemo {
  Id: string;
  DocNumber?: string;
  TxnDate: string;
  TotalAmt: number;
  RemainingCredit?: number;
  Balance?: number;
  CurrencyRef?: Ref;
  CustomerRef: Ref;
}

export interface QboPayment {
  Id: string;
  TxnDate: string;
  TotalAmt: number;
  UnappliedAmt?: number;
  PaymentRefNum?: string;
  CurrencyRef?: Ref;
  CustomerRef: Ref;
  Line?: { Amount: number; LinkedTxn?: { TxnId: string; TxnType: string }[] }[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function date(value: unknown, what: string): IsoDate {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new AppError('SYNC_FAILED', `QuickBooks sent ${what} without a valid date (${JSON.stringify(value)}).`);
  return value;
}

function customerRef(value: Ref | undefined, what: string): { customerExternalId: string; customerName?: string } {
  if (!value || typeof value.value !== 'string') throw new AppError('SYNC_FAILED', `QuickBooks sent ${what} without its CustomerRef.`);
  const name = text(value.name);
  return { customerExternalId: value.value, ...(name ? { customerName: name } : {}) };
}

/** A company without multicurrency has one currency: its home currency, which Inflow takes as its base. */
function currencyOf(ref: Ref | undefined, homeCurrency: string): string {
  return text(ref?.value) ?? homeCurrency;
}

/** The number collectors and customers see; QuickBooks leaves DocNumber empty when custom numbers are off. */
export function invoiceNumber(invoice: Pick<QboInvoice, 'Id' | 'DocNumber'>): string {
  return text(invoice.DocNumber) ?? `QBO-${invoice.Id}`;
}

/** Each QuickBooks customer (sub-customers and projects too, since invoices name them) with its primary email and phone. */
export function customerRecords(customers: readonly QboCustomer[], homeCurrency: string): CustomerRecord[] {
  return customers.map((customer) => {
    const name = text(customer.DisplayName);
    // QuickBooks keeps several addresses in one field, separated by commas; the first is the one it sends to.
    const email = text(customer.PrimaryEmailAddr?.Address?.split(',')[0]);
    const phone = text(customer.PrimaryPhone?.FreeFormNumber);
    const person = text([customer.GivenName, customer.FamilyName].filter(Boolean).join(' '));
    return {
      row: 0,
      externalId: customer.Id,
      ...(name ? { name } : {}),
      currency: currencyOf(customer.CurrencyRef, homeCurrency),
      contacts:
        email || phone
          ? [{ name: person ?? name ?? email ?? phone!, role: 'billing' as const, isPrimary: true, ...(email ? { email } : {}), ...(phone ? { phone } : {}) }]
          : [],
    };
  });
}

/**
 * QuickBooks keeps a voided transaction with its number, zeroes its amounts and quantities, and puts
 * "Voided" at the start of its private note (before any text it had): the void marker Intuit
 * documents, since the API has no status for it. A zero total alone is not a void: an invoice can be
 * issued for $0 (a free service, a line cancelled by a discount).
 */
export function isVoided(txn: { TotalAmt: number; PrivateNote?: string; Line?: { Amount?: number }[] }): boolean {
  return txn.TotalAmt === 0 && /^voided\b/i.test(txn.PrivateNote?.trim() ?? '') && (txn.Line ?? []).every((line) => !line.Amount);
}

/** A voided invoice owes nothing, and it was not paid. */
export function invoiceRecord(invoice: QboInvoice, homeCurrency: string): InvoiceRecord {
  const number = invoiceNumber(invoice);
  const currency = currencyOf(invoice.CurrencyRef, homeCurrency);
  const issueDate = date(invoice.TxnDate, `invoice ${number}`);
  const amountMinor = jsonAmountToMinor(invoice.TotalAmt, currency);
  return {
    row: 0,
    externalId: invoice.Id,
    number,
    ...customerRef(invoice.CustomerRef, `invoice ${number}`),
    issueDate,
    dueDate: invoice.DueDate ? date(invoice.DueDate, `invoice ${number}`) : issueDate,
    currency,
    amountMinor,
    openMinor: jsonAmountToMinor(invoice.Balance, currency),
    disputed: false,
    ...(isVoided(invoice) ? { voided: true } : {}),
  };
}

export function creditRecord(memo: QboCreditMemo, homeCurrency: string): CreditRecord {
  const number = text(memo.DocNumber) ?? `QBO-CM-${memo.Id}`;
  const currency = currencyOf(memo.CurrencyRef, homeCurrency);
  return {
    row: 0,
    externalId: memo.Id,
    number,
    ...customerRef(memo.CustomerRef, `credit memo ${number}`),
    kind: 'credit_note',
    date: date(memo.TxnDate, `credit memo ${number}`),
    currency,
    amountMinor: jsonAmountToMinor(memo.TotalAmt, currency),
    openMinor: jsonAmountToMinor(memo.RemainingCredit ?? memo.Balance ?? 0, currency),
  };
}

/** The external id of the credit that holds what a payment left unapplied. */
export const unappliedCreditId = (paymentId: string): string => `payment:${paymentId}`;

/** The invoices a payment's lines are applied to (LinkedTxn of type Invoice). */
export function linkedInvoiceIds(payment: QboPayment): string[] {
  return (payment.Line ?? []).flatMap((line) => (line.LinkedTxn ?? []).filter((txn) => txn.TxnType === 'Invoice').map((txn) => txn.TxnId));
}

/**
 * A payment as the ledger's records: one payment per invoice line, in the line's amount, and its
 * unapplied amount as an unapplied-payment credit that later syncs update as QuickBooks applies it.
 * Lines linked to a credit memo are credits, not money: the payment's cash (TotalAmt) is spread over
 * the invoice lines in order, and what it does not cover the invoices' stated balances already show.
 * The invoices travel in the same batch, so their balances are the truth and the payments their history.
 */
export function paymentRecords(
  payment: QboPayment,
  invoices: ReadonlyMap<string, QboInvoice>,
  homeCurrency: string,
): { payments: PaymentRecord[]; credits: CreditRecord[] } {
  const currency = currencyOf(payment.CurrencyRef, homeCurrency);
  const what = `payment ${payment.Id}`;
  const customer = customerRef(payment.CustomerRef, what);
  const paid = date(payment.TxnDate, what);
  const reference = text(payment.PaymentRefNum);
  let cash = jsonAmountToMinor(payment.TotalAmt, currency);
  const total = cash;
  const payments: PaymentRecord[] = [];
  for (const line of payment.Line ?? []) {
    const linked = (line.LinkedTxn ?? []).find((txn) => txn.TxnType === 'Invoice');
    const invoice = linked && invoices.get(linked.TxnId);
    if (!invoice) continue;
    const share = Math.min(jsonAmountToMinor(line.Amount, currency), cash);
    cash -= share;
    if (share <= 0) continue;
    payments.push({
      row: 0,
      externalId: `${payment.Id}:${invoice.Id}`,
      ...customer,
      date: paid,
      currency,
      amountMinor: share,
      invoiceNumber: invoiceNumber(invoice),
      ...(reference ? { reference } : {}),
    });
  }
  const credits: CreditRecord[] =
    total > 0
      ? [
          {
            row: 0,
            externalId: unappliedCreditId(payment.Id),
            number: reference ?? `Payment ${payment.Id}`,
            ...customer,
            kind: 'unapplied_payment',
            date: paid,
            currency,
            amountMinor: total,
            openMinor: jsonAmountToMinor(payment.UnappliedAmt ?? 0, currency),
          },
        ]
      : [];
  return { payments, credits };
}
