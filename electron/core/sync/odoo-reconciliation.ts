import type { CreditApplicationRecord, CreditRecord, PaymentRecord } from '../ledger/records';
import { jsonAmountToMinor } from './json-amount';
import { date, isCreditNote, relation, text, type Many2one, type OdooMove } from './odoo-records';

/**
 * What Odoo itself records of who paid what: journal items on the receivable account and the
 * account.partial.reconcile rows that match them, each with the amount it matched in each line's
 * currency and its max_date (the later of the two lines' dates, from which Odoo's aged receivable
 * counts it). An invoice is paid by exactly the partials on its receivable line, whatever else the
 * payment was matched with, however much earlier or later it was made, and however late it was
 * matched; what a payment has not been matched with stays open on its own receivable line.
 */
export interface OdooLine {
  id: number;
  move_id: Many2one;
  date: string;
  currency_id: Many2one;
  /** Signed, in the line's currency: positive for what the customer owes, negative for what they paid or were credited. */
  amount_currency: number | false;
  amount_residual_currency: number | false;
  /** The same in the company's currency. */
  balance: number;
  amount_residual: number;
}

export interface OdooPartial {
  id: number;
  debit_move_id: Many2one;
  credit_move_id: Many2one;
  /** In the company's currency, and in each side's own. */
  amount: number;
  debit_amount_currency: number | false;
  max_date: string | false;
}

/** A customer payment and its journal entry (Odoo 18+ may have none until the bank confirms it). */
export interface OdooPayment {
  id: number;
  move_id: Many2one;
}

export const LINE_FIELDS = ['move_id', 'date', 'currency_id', 'balance', 'amount_currency', 'amount_residual', 'amount_residual_currency'];
export const PARTIAL_FIELDS = ['debit_move_id', 'credit_move_id', 'amount', 'debit_amount_currency', 'max_date'];

/**
 * An amount in the document's own currency, as Odoo 16–19 always send it; a server that leaves the
 * currency amounts out (`false`: a single-currency stand-in of Odoo) is read in the company's, which
 * then is the same.
 */
const own = (inCurrency: number | false, inCompany: number): number => (typeof inCurrency === 'number' ? inCurrency : inCompany);
/** Journal items on a receivable account: the only ones an invoice is paid through. */
export const RECEIVABLE = ['account_type', '=', 'asset_receivable'];

const isInvoice = (move: OdooMove | undefined): move is OdooMove => move?.move_type === 'out_invoice';
export const idOf = (value: Many2one): number | undefined => (Array.isArray(value) ? value[0] : undefined);

/**
 * The history behind the balances of the invoices these partials touch: a payment record per
 * partial that matched an invoice with anything but a credit note (a payment, a bank statement line,
 * a write-off), in the amount the invoice's side of it records; and per credit note and invoice, what
 * the one has settled of the other. Partials between two lines neither of which is an invoice's are
 * not this history and are left out.
 */
export function historyRecords(
  partials: readonly OdooPartial[],
  lines: ReadonlyMap<number, OdooLine>,
  moves: ReadonlyMap<number, OdooMove>,
): { payments: PaymentRecord[]; applications: CreditApplicationRecord[] } {
  const payments: PaymentRecord[] = [];
  const applications = new Map<string, CreditApplicationRecord>();
  for (const partial of partials) {
    const debit = lines.get(idOf(partial.debit_move_id) ?? -1);
    const credit = lines.get(idOf(partial.credit_move_id) ?? -1);
    if (!debit || !credit) continue;
    const invoice = moves.get(idOf(debit.move_id) ?? -1);
    const counterpart = moves.get(idOf(credit.move_id) ?? -1);
    if (!isInvoice(invoice) || invoice.state !== 'posted' || counterpart?.move_type === 'out_invoice') continue;
    const currency = relation(invoice.currency_id, `invoice ${invoice.name} currency`)[1];
    const amountMinor = jsonAmountToMinor(own(partial.debit_amount_currency, partial.amount), currency);
    if (amountMinor <= 0) continue;
    if (counterpart && isCreditNote(counterpart)) {
      const key = `${counterpart.id}:${invoice.id}`;
      const applied = applications.get(key);
      const applies = date(partial.max_date || [debit.date, credit.date].sort().at(-1)!, `the match of ${counterpart.name} with ${invoice.name}`);
      applications.set(key, {
        creditExternalId: String(counterpart.id),
        invoiceNumber: invoice.name,
        date: applied && applied.date > applies ? applied.date : applies,
        amountMinor: (applied?.amountMinor ?? 0) + amountMinor,
      });
      continue;
    }
    const [partnerId, partnerName] = relation(invoice.commercial_partner_id, `invoice ${invoice.name} customer`);
    const reference = text(Array.isArray(credit.move_id) ? credit.move_id[1] : false);
    payments.push({
      row: 0,
      externalId: `partial:${partial.id}`,
      customerExternalId: String(partnerId),
      customerName: partnerName,
      date: date(credit.date, `the payment matched with ${invoice.name}`),
      currency,
      amountMinor,
      invoiceNumber: invoice.name,
      ...(reference ? { reference } : {}),
    });
  }
  return { payments, applications: [...applications.values()] };
}

/** The external id of the credit that holds what an Odoo payment has not been matched with. */
export const paymentCreditId = (paymentId: number): string => `payment:${paymentId}`;

/**
 * Each payment's receivable lines as the unapplied-payment credit the ledger keeps for it: its
 * amount, and what Odoo still has open on it (the lines' residual), as its aged receivable shows.
 * A payment whose journal entry is no longer posted (reset to draft, cancelled) holds nothing.
 */
export function paymentCredits(
  payments: readonly OdooPayment[],
  lines: readonly OdooLine[],
  moves: ReadonlyMap<number, OdooMove>,
): { credits: CreditRecord[]; emptied: string[] } {
  const credits: CreditRecord[] = [];
  const emptied: string[] = [];
  for (const payment of payments) {
    const moveId = idOf(payment.move_id);
    const paid = lines.filter((line) => idOf(line.move_id) === moveId);
    const move = moves.get(moveId ?? -1);
    if (!move || move.state !== 'posted') {
      emptied.push(paymentCreditId(payment.id));
      continue;
    }
    if (paid.length === 0) continue;
    const currency = relation(paid[0]!.currency_id, `payment ${move.name} currency`)[1];
    const sum = (amount: (line: OdooLine) => number) => -paid.reduce((total, line) => total + jsonAmountToMinor(amount(line), currency), 0);
    const amountMinor = sum((line) => own(line.amount_currency, line.balance));
    if (amountMinor <= 0) continue;
    const [partnerId, partnerName] = relation(move.commercial_partner_id, `payment ${move.name} customer`);
    credits.push({
      row: 0,
      externalId: paymentCreditId(payment.id),
      number: move.name,
      customerExternalId: String(partnerId),
      customerName: partnerName,
      kind: 'unapplied_payment',
      date: date(paid[0]!.date, `payment ${move.name}`),
      currency,
      amountMinor,
      openMinor: Math.max(
        sum((line) => own(line.amount_residual_currency, line.amount_residual)),
        0,
      ),
    });
  }
  return { credits, emptied };
}
