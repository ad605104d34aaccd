import { Random } from '../../electron/core/sample/random';
import type { OdooRecord, OdooServer } from './odoo-server';

/**
 * A generated Odoo company of a few hundred invoices in every shape money takes there: open, paid,
 * paid in parts, one payment over two to four invoices (some part-paid before, the seen case), a
 * payment with some left unmatched, credit notes matched in full or in part (the rest paid or left),
 * payments and credit notes left open, invoices billed to a company's contact, cancelled invoices
 * and $0 ones. The stand-in keeps it as Odoo would (odoo-books.ts), so its aged receivable is Odoo's.
 * `change` then does what a company does between two syncs: new invoices and payments, a payment
 * matched long after it was made, a cancellation, an invoice deleted, a payment cancelled.
 */
const cents = (amount: unknown): number => Math.round(Number(amount ?? 0) * 100);
const money = (minor: number): number => minor / 100;
/** Days from 2026-01-05, none after 2026-11-22 (the tests' today), so every document counts in today's aging. */
const day = (offset: number): string => new Date(Date.UTC(2026, 0, 5) + Math.min(offset, 321) * 86_400_000).toISOString().slice(0, 10);

export class OdooCompany {
  readonly customers: OdooRecord[] = [];
  /** Contacts of some customers, billed in their own name: Odoo ages them under their company. */
  readonly contacts: OdooRecord[] = [];

  constructor(
    private readonly server: OdooServer,
    private readonly random = new Random(20_261_122),
  ) {}

  private get books() {
    return this.server.books;
  }

  private open(record: OdooRecord): number {
    return cents(record.amount_residual);
  }

  private openInvoices(who?: OdooRecord): OdooRecord[] {
    return this.server.store
      .table('account.move')
      .filter(
        (move) =>
          move.move_type === 'out_invoice' &&
          move.state === 'posted' &&
          this.open(move) > 0 &&
          (!who ||
            (this.server.store.read('account.move', move, 'commercial_partner_id') !== false &&
              (this.server.store.read('account.move', move, 'commercial_partner_id') as [number, string])[0] === who.id)),
      );
  }

  private invoice(who: OdooRecord, offset: number, minor = this.random.int(1_500, 950_000)): OdooRecord {
    const billed = this.random.chance(0.1) ? (this.contacts.find((contact) => contact.parent_id === who.id) ?? who) : who;
    return this.books.invoice({ partner: billed, total: money(minor), date: day(offset), due: day(offset + 30) });
  }

  /** A payment of `applied` (matched in order) plus `extraMinor` left open on it. */
  private pay(who: OdooRecord, offset: number, applied: { to: OdooRecord; minor: number }[], extraMinor = 0): OdooRecord {
    const total = applied.reduce((sum, line) => sum + line.minor, 0) + extraMinor;
    const payment = this.books.payment({ partner: who, amount: money(total), date: day(offset) });
    for (const { to, minor } of applied) if (minor > 0) this.books.reconcile(to, payment, money(minor));
    return payment;
  }

  private find(id: unknown): OdooRecord {
    return this.customers.find((row) => row.id === id)!;
  }

  generate(count = 320): void {
    const { random, books, server } = this;
    for (let i = 0; i < 24; i++) {
      const company = server.create('res.partner', {
        name: `Customer ${String(i + 1).padStart(2, '0')}`,
        is_company: true,
        customer_rank: 1,
        parent_id: false,
        type: 'contact',
      });
      this.customers.push(company);
      if (i % 4 === 0)
        this.contacts.push(
          server.create('res.partner', { name: `Buyer at ${String(company.name)}`, parent_id: company.id, type: 'invoice', customer_rank: 0 }),
        );
    }
    const grouped = new Map<number, OdooRecord[]>();
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
        ['cancelled', 4],
        ['zero', 3],
      ] as const);
      const bill = this.invoice(who, offset, shape === 'zero' ? 0 : undefined);
      const total = this.open(bill);
      if (shape === 'paid') this.pay(who, offset + random.int(1, 60), [{ to: bill, minor: total }]);
      if (shape === 'partial') this.pay(who, offset + random.int(1, 60), [{ to: bill, minor: Math.floor((total * random.int(10, 90)) / 100) }]);
      if (shape === 'twice') {
        const first = Math.floor((total * random.int(10, 50)) / 100);
        this.pay(who, offset + 10, [{ to: bill, minor: first }]);
        this.pay(who, offset + 40, [{ to: bill, minor: random.chance(0.5) ? total - first : Math.floor((total - first) / 2) }]);
      }
      if (shape === 'overpaid') this.pay(who, offset + 20, [{ to: bill, minor: total }], random.int(100, 20_000));
      if (shape === 'credited') {
        const note = books.creditNote({ partner: who, total: money(random.chance(0.4) ? total : Math.floor(total / random.int(2, 5))), date: day(offset + 5) });
        books.reconcile(bill, note);
        if (random.chance(0.5) && this.open(bill) > 0) this.pay(who, offset + 30, [{ to: bill, minor: this.open(bill) }]);
      }
      if (shape === 'cancelled') books.setState(bill, 'cancel');
      if (shape === 'grouped') {
        if (random.chance(0.35)) this.pay(who, offset + 3, [{ to: bill, minor: Math.floor((total * random.int(10, 60)) / 100) }]);
        grouped.set(who.id, [...(grouped.get(who.id) ?? []), bill]);
      }
    }
    for (const [id, bills] of grouped) {
      for (let start = 0; start < bills.length; start += random.int(2, 4)) {
        const group = bills.slice(start, start + random.int(2, 4));
        const last = group.at(-1)!;
        this.pay(
          this.find(id),
          320,
          group.map((to) => ({ to, minor: to === last && random.chance(0.3) ? Math.floor(this.open(to) / 2) : this.open(to) })),
        );
      }
    }
    for (let i = 0; i < 10; i++) this.pay(random.pick(this.customers), random.int(200, 320), [], random.int(500, 80_000));
    for (let i = 0; i < 8; i++)
      books.creditNote({ partner: random.pick(this.customers), total: money(random.int(500, 30_000)), date: day(random.int(100, 320)) });
  }

  /** What the company does between two syncs. */
  change(): void {
    const { random, books, server } = this;
    for (let i = 0; i < 15; i++) {
      const who = random.pick(this.customers);
      const bill = this.invoice(who, 321);
      if (random.chance(0.3)) this.pay(who, 321, [{ to: bill, minor: this.open(bill) }]);
    }
    for (let i = 0; i < 12; i++) {
      const who = random.pick(this.customers);
      const open = this.openInvoices(who).slice(0, random.int(1, 3));
      if (open.length)
        this.pay(
          who,
          321,
          open.map((to) => ({ to, minor: random.chance(0.6) ? this.open(to) : Math.floor(this.open(to) / 3) })),
        );
    }
    // A payment made weeks ago, matched only now with an open invoice of its customer.
    const payments = server.store.table('account.payment').filter((payment) => payment.state === 'posted' && payment.is_reconciled === false);
    const waiting = payments.find((payment) => this.openInvoices(this.find(payment.partner_id)).length > 0)!;
    books.reconcile(this.openInvoices(this.find(waiting.partner_id))[0]!, waiting);
    const untouched = () => this.openInvoices().filter((bill) => this.open(bill) === cents(bill.amount_total));
    books.setState(untouched()[0]!, 'cancel');
    const doomed = untouched()[0]!;
    books.setState(doomed, 'draft');
    books.unlink(doomed);
    books.setState(
      server.store.table('account.payment').find((payment) => payment.state === 'posted' && payment.is_reconciled === true)!,
      'cancel',
    );
    const owed = this.openInvoices()[2]!;
    books.reconcile(
      owed,
      books.creditNote({
        partner: this.find((server.store.read('account.move', owed, 'commercial_partner_id') as [number, string])[0]),
        total: money(this.open(owed)),
        date: day(321),
      }),
    );
  }
}
