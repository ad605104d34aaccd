import type { AttributedPayment, AttributionReport, AttributionRow, InvoiceShareRow, TouchFamily } from '../../../shared/analytics';
import { addDays, daysBetween, type IsoDate } from '../../../shared/dates';
import { median } from '../risk/median';

export interface Touch {
  customerId: number;
  date: IsoDate;
  action: string;
  family: TouchFamily;
}

export interface PaymentRecord extends Omit<AttributedPayment, 'firstTouch' | 'lastTouch'> {
  customerId: number;
}

export interface InvoiceLife {
  customerId: number;
  issueDate: IsoDate;
  dueDate: IsoDate;
  /** When its balance reached zero by payment; null while open or closed otherwise. */
  paidDate: IsoDate | null;
  /** When it stopped being open for any reason; null while open. */
  closedDate: IsoDate | null;
}

export interface AttributionWindow {
  from: IsoDate;
  to: IsoDate;
  windowDays: number;
}

/**
 * "What made them pay": each payment in [from, to] is credited to its customer's touches dated
 * from windowDays before it up to its own day. Last-touch credits the latest of them, first-touch
 * the earliest; a payment with none is "none". Per action and currency: payments, amount, and the
 * median days from the credited touch to the payment.
 *
 * Invoice shares: for each action, every invoice of the touched customer open on a touch's day in
 * [from, to] (counted once per action), and how many were paid within windowDays of that touch.
 * The untouched comparison: invoices falling due in [from, to], still open on their due date, whose
 * customer had no touch within windowDays either side of it, and how many were paid within
 * windowDays of falling due.
 */
export function attribute(
  payments: readonly PaymentRecord[],
  touches: readonly Touch[],
  invoices: readonly InvoiceLife[],
  w: AttributionWindow,
): AttributionReport {
  const touchesOf = groupByCustomer([...touches].sort((a, b) => a.date.localeCompare(b.date)));
  const rows = new Map<string, AttributionRow & { days: number[] }>();
  const credit = (view: 'last' | 'first', payment: PaymentRecord, touch: Touch | null) => {
    const action = touch?.action ?? 'none';
    const key = `${view}|${action}|${payment.currency}`;
    let row = rows.get(key);
    if (!row)
      rows.set(
        key,
        (row = { view, action, family: touch?.family ?? 'none', currency: payment.currency, payments: 0, amountMinor: 0, medianDaysToPay: null, days: [] }),
      );
    row.payments += 1;
    row.amountMinor += payment.amountMinor;
    if (touch) row.days.push(daysBetween(touch.date, payment.date));
  };

  const attributed: AttributedPayment[] = [];
  for (const payment of payments) {
    if (payment.date < w.from || payment.date > w.to) continue;
    const start = addDays(payment.date, -w.windowDays);
    const inWindow = (touchesOf.get(payment.customerId) ?? []).filter((t) => t.date >= start && t.date <= payment.date);
    const first = inWindow[0] ?? null;
    const last = inWindow.at(-1) ?? null;
    credit('last', payment, last);
    credit('first', payment, first);
    const { customerId: _internal, ...shown } = payment;
    attributed.push({ ...shown, firstTouch: first && { action: first.action, date: first.date }, lastTouch: last && { action: last.action, date: last.date } });
  }

  return {
    from: w.from,
    to: w.to,
    windowDays: w.windowDays,
    rows: [...rows.values()]
      .map(({ days, ...row }) => ({ ...row, medianDaysToPay: median(days) }))
      .sort((a, b) => a.view.localeCompare(b.view) || a.currency.localeCompare(b.currency) || b.amountMinor - a.amountMinor),
    invoiceShares: invoiceShares(touchesOf, groupByCustomer(invoices), w),
    untouched: untouchedShare(touchesOf, invoices, w),
    payments: attributed,
  };
}

function groupByCustomer<T extends { customerId: number }>(items: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    let list = map.get(item.customerId);
    if (!list) map.set(item.customerId, (list = []));
    list.push(item);
  }
  return map;
}

const openOn = (invoice: InvoiceLife, date: IsoDate) => invoice.issueDate <= date && (invoice.closedDate === null || invoice.closedDate >= date);
const share = (paid: number, of: number) => (of === 0 ? null : (paid / of) * 100);

function invoiceShares(touchesOf: Map<number, Touch[]>, invoicesOf: Map<number, InvoiceLife[]>, w: AttributionWindow): InvoiceShareRow[] {
  const byAction = new Map<string, { family: TouchFamily; seen: Set<InvoiceLife>; paidWithin: number }>();
  for (const [customerId, touches] of touchesOf) {
    const invoices = invoicesOf.get(customerId) ?? [];
    for (const touch of touches) {
      if (touch.date < w.from || touch.date > w.to) continue;
      let entry = byAction.get(touch.action);
      if (!entry) byAction.set(touch.action, (entry = { family: touch.family, seen: new Set(), paidWithin: 0 }));
      const until = addDays(touch.date, w.windowDays);
      for (const invoice of invoices) {
        if (entry.seen.has(invoice) || !openOn(invoice, touch.date)) continue;
        entry.seen.add(invoice);
        if (invoice.paidDate !== null && invoice.paidDate <= until) entry.paidWithin += 1;
      }
    }
  }
  return [...byAction.entries()]
    .map(([action, e]) => ({ action, family: e.family, invoices: e.seen.size, paidWithin: e.paidWithin, sharePct: share(e.paidWithin, e.seen.size) }))
    .sort((a, b) => b.invoices - a.invoices || a.action.localeCompare(b.action));
}

function untouchedShare(touchesOf: Map<number, Touch[]>, invoices: readonly InvoiceLife[], w: AttributionWindow): AttributionReport['untouched'] {
  let count = 0;
  let paidWithin = 0;
  for (const invoice of invoices) {
    if (invoice.dueDate < w.from || invoice.dueDate > w.to || !openOn(invoice, invoice.dueDate)) continue;
    const start = addDays(invoice.dueDate, -w.windowDays);
    const until = addDays(invoice.dueDate, w.windowDays);
    if ((touchesOf.get(invoice.customerId) ?? []).some((t) => t.date >= start && t.date <= until)) continue;
    count += 1;
    if (invoice.paidDate !== null && invoice.paidDate <= until) paidWithin += 1;
  }
  return { invoices: count, paidWithin, sharePct: share(paidWithin, count) };
}
