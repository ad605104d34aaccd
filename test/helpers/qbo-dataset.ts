import { Random } from '../../electron/core/sample/random';
import { customer, invoice, payment } from './qbo-fixtures';
import type { QboRow, QboServer } from './qbo-server';

/**
 * A generated QuickBooks company of a few hundred invoices in every shape money takes there:
 * open, paid, paid in parts, several invoices in one payment (some part-paid before), overpaid (the
 * rest unapplied), settled by a credit memo through a zero payment, payments and credit memos left
 * unapplied, voided (QuickBooks' zeroed lines and "Voided" note) and genuine $0 invoices. Balances,
 * RemainingCredit and UnappliedAmt are kept as QuickBooks keeps them, from the payments' lines, so
 * the server's own aging (expectedAging) is what QuickBooks would print. `change` then does what a
 * company does between two syncs, including a void, a deleted invoice and a deleted payment.
 */
const cents = (amount: unknown): number => Math.round(Number(amount ?? 0) * 100);
const money = (minor: number): number => minor / 100;
/** Days from 2026-01-05, none after 2026-11-22 (the tests' today), so every document counts in today's aging. */
const day = (offset: number): string => new Date(Date.UTC(2026, 0, 5) + Math.min(offset, 321) * 86_400_000).toISOString().slice(0, 10);
const lines = (row: QboRow) => (row.Line ?? []) as { Amount: number; LinkedTxn?: { TxnId: string; TxnType: string }[] }[];
const zeroed = (row: QboRow) => lines(row).map((line) => ({ ...line, Amount: 0 }));

export class QboCompany {
  readonly customers: QboRow[] = [];
  private next = 3000;

  constructor(
    private readonly server: QboServer,
    private readonly random = new Random(20_261_122),
  ) {}

  private rows(entity: 'Invoice' | 'Payment' | 'CreditMemo'): QboRow[] {
    return this.server.entities.get(entity) ?? [];
  }

  private openInvoices(who?: QboRow): QboRow[] {
    return this.rows('Invoice').filter((row) => cents(row.Balance) > 0 && (!who || (row.CustomerRef as { value: string }).value === who.Id));
  }

  newInvoice(who: QboRow, offset: number, totalMinor = this.random.int(1_500, 950_000)): QboRow {
    return invoice(this.server, who, String(this.next++), money(totalMinor), money(totalMinor), { TxnDate: day(offset), DueDate: day(offset + 30) });
  }

  /** A payment of `amounts` against these invoices, plus `extra` left unapplied; the linked balances follow. */
  pay(who: QboRow, offset: number, applied: { to: QboRow; minor: number }[], extraMinor = 0): QboRow {
    const totalMinor = applied.reduce((sum, line) => sum + line.minor, 0) + extraMinor;
    const row = payment(
      this.server,
      who,
      day(offset),
      money(totalMinor),
      applied.map((line) => ({ amount: money(line.minor), to: line.to })),
      money(extraMinor),
    );
    this.settle();
    return row;
  }

  /** A credit memo, applied to the invoice for up to what it still owes through QuickBooks' zero payment. */
  credit(who: QboRow, offset: number, minor: number, to?: QboRow): QboRow {
    const memo = this.server.create('CreditMemo', {
      DocNumber: `CM${this.next++}`,
      TxnDate: day(offset),
      CustomerRef: { value: who.Id, name: who.DisplayName },
      CurrencyRef: { value: 'USD' },
      TotalAmt: money(minor),
      RemainingCredit: money(minor),
      Balance: money(minor),
      Line: [{ Amount: money(minor), DetailType: 'SalesItemLineDetail' }],
    });
    if (to) {
      const used = Math.min(minor, cents(to.Balance));
      payment(this.server, who, day(offset), 0, [
        { amount: money(used), to },
        { amount: money(used), to: memo, type: 'CreditMemo' },
      ]);
      this.settle();
    }
    return memo;
  }

  /** Voided as QuickBooks voids: amounts and lines zeroed, "Voided" before the private note. */
  void(row: QboRow, entity: 'Invoice' | 'Payment'): void {
    this.server.update(entity, row.Id, {
      TotalAmt: 0,
      PrivateNote: `Voided${row.PrivateNote ? ` - ${String(row.PrivateNote)}` : ''}`,
      Line: zeroed(row),
      ...(entity === 'Invoice' ? { Balance: 0 } : { UnappliedAmt: 0 }),
    });
    this.settle();
  }

  remove(row: QboRow, entity: 'Invoice' | 'Payment'): void {
    this.server.remove(entity, row.Id);
    this.settle();
  }

  /** Recomputes what QuickBooks derives from the payments' lines, updating only what changed. */
  settle(): void {
    const applied = new Map<string, number>();
    for (const row of this.rows('Payment')) {
      for (const line of lines(row)) for (const txn of line.LinkedTxn ?? []) applied.set(txn.TxnId, (applied.get(txn.TxnId) ?? 0) + cents(line.Amount));
    }
    const update = (entity: 'Invoice' | 'Payment' | 'CreditMemo', row: QboRow, values: Record<string, number>) => {
      if (Object.entries(values).some(([field, value]) => cents(row[field]) !== cents(value))) this.server.update(entity, row.Id, values);
    };
    for (const row of this.rows('Invoice')) update('Invoice', row, { Balance: money(cents(row.TotalAmt) - (applied.get(row.Id) ?? 0)) });
    for (const row of this.rows('CreditMemo')) {
      const left = money(cents(row.TotalAmt) - (applied.get(row.Id) ?? 0));
      update('CreditMemo', row, { RemainingCredit: left, Balance: left });
    }
    for (const row of this.rows('Payment')) {
      const net = lines(row).reduce(
        (sum, line) => sum + (line.LinkedTxn ?? []).reduce((s, txn) => s + (txn.TxnType === 'Invoice' ? 1 : -1) * cents(line.Amount), 0),
        0,
      );
      update('Payment', row, { UnappliedAmt: money(Math.max(cents(row.TotalAmt) - net, 0)) });
    }
  }

  /** The company before the first sync: `count` invoices over a year, for two dozen customers. */
  generate(count = 320): void {
    const { random } = this;
    for (let i = 0; i < 24; i++) this.customers.push(customer(this.server, `Customer ${String(i + 1).padStart(2, '0')}`));
    const grouped = new Map<string, QboRow[]>();
    for (let i = 0; i < count; i++) {
      const who = random.pick(this.customers);
      const offset = random.int(0, 300);
      const shape = random.weighted([
        ['open', 25],
        ['paid', 14],
        ['partial', 12],
        ['twice', 6],
        ['grouped', 16],
        ['overpaid', 4],
        ['credited', 7],
        ['void', 4],
        ['zero', 3],
      ] as const);
      if (shape === 'zero') {
        invoice(this.server, who, String(this.next++), 0, 0, {
          TxnDate: day(offset),
          DueDate: day(offset + 30),
          Line: [{ Amount: 0, DetailType: 'SalesItemLineDetail' }],
          PrivateNote: 'No charge',
        });
        continue;
      }
      const bill = this.newInvoice(who, offset);
      const total = cents(bill.TotalAmt);
      if (shape === 'paid') this.pay(who, offset + random.int(1, 60), [{ to: bill, minor: total }]);
      if (shape === 'partial') this.pay(who, offset + random.int(1, 60), [{ to: bill, minor: Math.floor((total * random.int(10, 90)) / 100) }]);
      if (shape === 'twice') {
        const first = Math.floor((total * random.int(10, 50)) / 100);
        this.pay(who, offset + 10, [{ to: bill, minor: first }]);
        this.pay(who, offset + 40, [{ to: bill, minor: random.chance(0.5) ? total - first : Math.floor((total - first) / 2) }]);
      }
      if (shape === 'overpaid') this.pay(who, offset + 20, [{ to: bill, minor: total }], random.int(100, 20_000));
      if (shape === 'credited') {
        this.credit(who, offset + 5, random.chance(0.4) ? total : Math.floor(total / random.int(2, 5)), bill);
        if (random.chance(0.5) && cents(bill.Balance) > 0) this.pay(who, offset + 30, [{ to: bill, minor: cents(bill.Balance) }]);
      }
      if (shape === 'void') this.void(bill, 'Invoice');
      if (shape === 'grouped') {
        // Some of a group were part-paid before the payment that settles the group.
        if (random.chance(0.35)) this.pay(who, offset + 3, [{ to: bill, minor: Math.floor((total * random.int(10, 60)) / 100) }]);
        grouped.set(who.Id, [...(grouped.get(who.Id) ?? []), bill]);
      }
    }
    for (const [id, bills] of grouped) {
      const who = this.customers.find((row) => row.Id === id)!;
      for (let start = 0; start < bills.length; start += random.int(2, 4)) {
        const group = bills.slice(start, start + random.int(2, 4));
        const last = group.at(-1)!;
        this.pay(
          who,
          320,
          group.map((to) => ({ to, minor: to === last && random.chance(0.3) ? Math.floor(cents(to.Balance) / 2) : cents(to.Balance) })),
        );
      }
    }
    for (let i = 0; i < 10; i++) this.pay(random.pick(this.customers), random.int(200, 320), [], random.int(500, 80_000));
    for (let i = 0; i < 8; i++) this.credit(random.pick(this.customers), random.int(100, 320), random.int(500, 30_000));
  }

  /** What the company does between two syncs: new invoices and payments, a late application, voids and deletions. */
  change(): void {
    const { random } = this;
    for (let i = 0; i < 15; i++) {
      const who = random.pick(this.customers);
      const bill = this.newInvoice(who, 321);
      if (random.chance(0.3)) this.pay(who, 321, [{ to: bill, minor: cents(bill.TotalAmt) }]);
    }
    for (let i = 0; i < 12; i++) {
      const who = random.pick(this.customers);
      const open = this.openInvoices(who).slice(0, random.int(1, 3));
      if (open.length)
        this.pay(
          who,
          321,
          open.map((to) => ({ to, minor: random.chance(0.6) ? cents(to.Balance) : Math.floor(cents(to.Balance) / 3) })),
        );
    }
    // An unapplied payment applied later to an open invoice of its customer.
    const waiting = this.rows('Payment').find(
      (row) =>
        cents(row.UnappliedAmt) > 0 &&
        lines(row).length === 0 &&
        this.openInvoices().some((bill) => (bill.CustomerRef as { value: string }).value === (row.CustomerRef as { value: string }).value),
    )!;
    const target = this.openInvoices().find((bill) => (bill.CustomerRef as { value: string }).value === (waiting.CustomerRef as { value: string }).value)!;
    const minor = Math.min(cents(waiting.UnappliedAmt), cents(target.Balance));
    this.server.update('Payment', waiting.Id, { Line: [{ Amount: money(minor), LinkedTxn: [{ TxnId: target.Id, TxnType: 'Invoice' }] }] });
    this.settle();
    const untouched = () => this.openInvoices().filter((bill) => cents(bill.Balance) === cents(bill.TotalAmt));
    this.void(untouched()[0]!, 'Invoice');
    this.remove(untouched()[1]!, 'Invoice');
    const paid = this.rows('Payment').filter((row) => cents(row.TotalAmt) > 0 && lines(row).length === 1);
    this.remove(paid[0]!, 'Payment');
    this.void(paid[1]!, 'Payment');
    const open = this.openInvoices()[2]!;
    this.credit(
      this.customers.find((row) => row.Id === (open.CustomerRef as { value: string }).value)!,
      321,
      cents(open.Balance),
      open,
    );
  }
}
