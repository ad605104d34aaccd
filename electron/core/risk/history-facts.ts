import { addDays, daysBetween, type IsoDate } from '../../../shared/dates';
import { promiseStatus } from '../activity/promise-status';
import { RunningMedian } from './running-median';
import { isBroken, isLate, RECENT, type RiskFacts } from './risk-features';
import type { CustomerHistory, PastInvoice } from './risk-history';

/**
 * The risk facts of every invoice of a customer (in `history.invoices` order), equal to
 * `riskFacts(history, invoice)` for each, in one pass in issue-date order: running counts and sums
 * of what was paid before each issue date, a window of the last five paid, a running median of
 * amounts, and swept events for disputes, broken promises and the overdue balance. Linear in the
 * customer's invoices, allocations and promises (plus sorting), where the per-invoice definition
 * reads the whole history again for each invoice.
 */
export function historyFacts(history: CustomerHistory): RiskFacts[] {
  const invoices = history.invoices;
  const facts: RiskFacts[] = new Array<RiskFacts>(invoices.length);
  const pending = new Sweep<PastInvoice>(invoices.flatMap((i) => (i.paidDate === null ? [] : [{ from: laterOf(i.issueDate, i.paidDate), item: i }])));
  const disputes = new Sweep<null>(history.disputeDates.map((date) => ({ from: date, item: null })));
  const broken = brokenPromiseEvents(history);
  const overdue = new OverdueBalance(invoices);
  const paid = new PaidSoFar();
  const amounts = new Map<string, RunningMedian>();
  let prior = 0;
  for (let start = 0; start < invoices.length;) {
    const t = invoices[start]!.issueDate;
    let end = start;
    while (end < invoices.length && invoices[end]!.issueDate === t) end++;
    // Strictly before t: what was issued, paid, disputed or judged broken up to the day before.
    for (; prior < start; prior++) {
      const earlier = invoices[prior]!;
      let median = amounts.get(earlier.currency);
      if (!median) amounts.set(earlier.currency, (median = new RunningMedian()));
      median.add(earlier.amountMinor);
    }
    pending.takeBefore(t, (invoice) => paid.add(invoice));
    const disputeCount = disputes.countBefore(t);
    const brokenCount = broken.starts.countBefore(t) - broken.ends.countBefore(t);
    overdue.advanceTo(t);
    const tenureDays = start > 0 ? daysBetween(invoices[0]!.issueDate, t) : 0;
    for (let k = start; k < end; k++) {
      const invoice = invoices[k]!;
      const usual = amounts.get(invoice.currency)?.value() ?? 0;
      const season = paid.season[Number(t.slice(5, 7)) - 1]!;
      facts[k] = {
        priorInvoices: start,
        settled: paid.count,
        late: paid.late,
        meanDaysLate: paid.count === 0 ? 0 : paid.latenessSum / paid.count,
        ...paid.recent(),
        seasonSettled: season.settled,
        seasonLate: season.late,
        maxDaysLate: paid.maxDaysLate,
        disputes: disputeCount + paid.disputed,
        brokenPromises: brokenCount,
        tenureDays,
        amountLogRatio: usual > 0 ? Math.log(invoice.amountMinor / usual) : 0,
        termsDays: daysBetween(invoice.issueDate, invoice.dueDate),
        overdueMinor: overdue.total(invoice.currency),
        currency: invoice.currency,
        billing: invoice.billing ?? null,
      };
    }
    start = end;
  }
  return facts;
}

const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/** Items that count from a date on (strictly before the day asked about), released in date order. */
class Sweep<T> {
  private readonly events: { from: IsoDate; item: T }[];
  private next = 0;

  constructor(events: { from: IsoDate; item: T }[]) {
    this.events = events.sort((a, b) => a.from.localeCompare(b.from));
  }

  takeBefore(date: IsoDate, take: (item: T) => void): void {
    while (this.next < this.events.length && this.events[this.next]!.from < date) take(this.events[this.next++]!.item);
  }

  countBefore(date: IsoDate): number {
    this.takeBefore(date, () => undefined);
    return this.next;
  }
}

/** The invoices paid so far, kept in paid-date order (as the definition sorts them) with running totals. */
class PaidSoFar {
  count = 0;
  late = 0;
  latenessSum = 0;
  maxDaysLate = 0;
  disputed = 0;
  readonly season = Array.from({ length: 12 }, () => ({ settled: 0, late: 0 }));
  private readonly ordered: { invoice: PastInvoice; lateness: number }[] = [];

  add(invoice: PastInvoice): void {
    const lateness = Math.max(0, daysBetween(invoice.dueDate, invoice.paidDate!));
    const late = isLate(invoice);
    this.count++;
    this.latenessSum += lateness;
    this.maxDaysLate = Math.max(this.maxDaysLate, lateness);
    if (late) this.late++;
    if (invoice.disputed) this.disputed++;
    const season = this.season[Number(invoice.issueDate.slice(5, 7)) - 1]!;
    season.settled++;
    if (late) season.late++;
    // Released by the later of issue and paid date, so nearly always in paid order already: the
    // rare invoice paid before it was issued steps back to its place.
    let at = this.ordered.length;
    while (at > 0 && comparePaid(this.ordered[at - 1]!.invoice, invoice) > 0) at--;
    this.ordered.splice(at, 0, { invoice, lateness });
  }

  recent(): Pick<RiskFacts, 'recentDaysLate' | 'recentLate' | 'recentSettled'> {
    const window = this.ordered.slice(-RECENT);
    return {
      recentDaysLate: window.length === 0 ? 0 : window.reduce((sum, p) => sum + p.lateness, 0) / window.length,
      recentLate: window.filter((p) => isLate(p.invoice)).length,
      recentSettled: window.length,
    };
  }
}

const comparePaid = (a: PastInvoice, b: PastInvoice): number => a.paidDate!.localeCompare(b.paidDate!) || a.id - b.id;

/**
 * When each promise counts as broken for an invoice issued on t (judged the day before): from the
 * day after its deadline has passed (and it was made before t) until it is cancelled, unless it was kept.
 */
function brokenPromiseEvents(history: CustomerHistory): { starts: Sweep<null>; ends: Sweep<null> } {
  const starts: { from: IsoDate; item: null }[] = [];
  const ends: { from: IsoDate; item: null }[] = [];
  for (const promise of history.promises) {
    const deadline = addDays(promise.promisedDate, promise.graceDays);
    const judged = promiseStatus({ ...promise, cancelledDate: null }, history.payments, addDays(deadline, 1));
    if (!isBroken(judged.state)) continue;
    // Broken for t when t − 1 > deadline and t > made date, i.e. from the later of deadline + 1 and the made date, exclusive.
    const from = laterOf(addDays(deadline, 1), promise.madeDate);
    // Cancelled on or before t − 1 it is no longer broken: from the cancelled day on, exclusive.
    if (promise.cancelledDate !== null && promise.cancelledDate <= from) continue;
    starts.push({ from, item: null });
    if (promise.cancelledDate !== null) ends.push({ from: promise.cancelledDate, item: null });
  }
  return { starts: new Sweep(starts), ends: new Sweep(ends) };
}

/**
 * Σ max(0, balance on t) of the invoices issued and due before t, per currency. A balance on t is
 * today's plus every allocation dated t or later, so an allocation stops counting once it is
 * dated before t, and an invoice starts counting once both its issue and due dates are.
 */
class OverdueBalance {
  private readonly events: { from: IsoDate; index: number; amountMinor: number | null }[] = [];
  private readonly balances: number[];
  private readonly counted: boolean[];
  private readonly totals = new Map<string, number>();
  private next = 0;

  constructor(private readonly invoices: readonly PastInvoice[]) {
    this.balances = invoices.map((i) => i.allocations.reduce((sum, a) => sum + a.amountMinor, i.openMinor));
    this.counted = invoices.map(() => false);
    invoices.forEach((invoice, index) => {
      this.events.push({ from: laterOf(invoice.issueDate, invoice.dueDate), index, amountMinor: null });
      for (const a of invoice.allocations) this.events.push({ from: a.date, index, amountMinor: a.amountMinor });
    });
    this.events.sort((a, b) => a.from.localeCompare(b.from));
  }

  advanceTo(date: IsoDate): void {
    for (; this.next < this.events.length && this.events[this.next]!.from < date; this.next++) {
      const { index, amountMinor } = this.events[this.next]!;
      const currency = this.invoices[index]!.currency;
      const before = this.counted[index] ? Math.max(0, this.balances[index]!) : 0;
      if (amountMinor === null) this.counted[index] = true;
      else this.balances[index]! -= amountMinor;
      const after = this.counted[index] ? Math.max(0, this.balances[index]!) : 0;
      this.totals.set(currency, (this.totals.get(currency) ?? 0) + after - before);
    }
  }

  total(currency: string): number {
    return this.totals.get(currency) ?? 0;
  }
}
