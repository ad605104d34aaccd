import { commercialPartner, OdooError, type OdooRecord, type OdooStore } from './odoo-models';

/**
 * Accounting in the Odoo stand-in, done the way Odoo 17 does it, so the records the API shows are
 * the ones Odoo would hold: an invoice or credit note is an account.move with a receivable line
 * (display_type payment_term) and an income line; a customer payment is an account.payment with its
 * own journal entry (outstanding receipts debited, receivable credited); matching two receivable
 * lines creates an account.partial.reconcile (amount, per-side amounts in each line's currency,
 * max_date), and the lines' residuals, the moves' amount_residual and payment_state and the
 * payment's is_reconciled follow from the partials (account_move_line._compute_amount_residual,
 * account_move._compute_amount / _compute_payment_state). A set of lines matched to zero gets an
 * account.full.reconcile. Single company currency (USD); amounts in a line's currency equal its balance.
 *
 * expectedAging() is the aged receivable Odoo itself would print: the residual of every posted
 * receivable line, summed per commercial partner, computed here from these records alone.
 */
export const RECEIVABLE = 1;
export const OUTSTANDING_RECEIPTS = 2;
export const INCOME = 3;

const cents = (amount: unknown): number => Math.round(Number(amount) * 100);
const money = (minor: number): number => minor / 100;
const INVOICE_TYPES = new Set(['out_invoice', 'out_refund']);

export interface MoveValues {
  partner: OdooRecord;
  total: number;
  name?: string;
  date?: string;
  due?: string;
  currency?: string;
  state?: 'draft' | 'posted' | 'cancel';
  access_url?: string | false;
  access_token?: string | false;
}

export interface PaymentValues {
  partner: OdooRecord;
  amount: number;
  date: string;
  name?: string;
  /** Not yet matched with the bank statement: the invoices it pays show "in payment". */
  unmatched?: boolean;
}

export class OdooBooks {
  private readonly sequences = new Map<string, number>();

  constructor(readonly store: OdooStore) {
    store.create('res.currency', { name: 'USD', symbol: '$', decimal_places: 2, active: true });
    store.create('account.account', { name: 'Account Receivable', code: '121000', account_type: 'asset_receivable', reconcile: true });
    store.create('account.account', { name: 'Outstanding Receipts', code: '101402', account_type: 'asset_current', reconcile: true });
    store.create('account.account', { name: 'Product Sales', code: '400000', account_type: 'income', reconcile: false });
  }

  private currency(code = 'USD'): number {
    const found = this.store.table('res.currency').find((row) => row.name === code);
    return found ? found.id : this.store.create('res.currency', { name: code, symbol: code, decimal_places: 2, active: true }).id;
  }

  /** The next free number of a journal's sequence for the year, as Odoo names posted entries. */
  private next(prefix: string, date: string): string {
    const key = `${prefix}/${date.slice(0, 4)}`;
    const taken = new Set(this.store.table('account.move').map((move) => move.name));
    for (let number = (this.sequences.get(key) ?? 0) + 1; ; number++) {
      const name = `${key}/${String(number).padStart(5, '0')}`;
      if (taken.has(name)) continue;
      this.sequences.set(key, number);
      return name;
    }
  }

  invoice(values: MoveValues): OdooRecord {
    return this.move('out_invoice', values);
  }

  creditNote(values: MoveValues): OdooRecord {
    return this.move('out_refund', values);
  }

  private move(
    moveType: 'out_invoice' | 'out_refund',
    { partner, total, name, date = '2026-10-01', due = date, currency, state = 'posted', access_url = false, access_token = false }: MoveValues,
  ): OdooRecord {
    return this.store.transaction(() => {
      const sign = moveType === 'out_invoice' ? 1 : -1;
      const currencyId = this.currency(currency);
      const move = this.store.create('account.move', {
        name: name ?? this.next(moveType === 'out_invoice' ? 'INV' : 'RINV', date),
        move_type: moveType,
        state,
        partner_id: partner.id,
        date,
        invoice_date: date,
        invoice_date_due: due,
        ref: false,
        currency_id: currencyId,
        amount_untaxed: total,
        amount_tax: 0,
        amount_total: total,
        amount_residual: total,
        amount_total_signed: sign * total,
        amount_residual_signed: sign * total,
        payment_state: 'not_paid',
        access_url,
        access_token,
        payment_id: false,
      });
      const line = (values: Record<string, unknown>) =>
        this.store.create('account.move.line', {
          move_id: move.id,
          move_name: move.name,
          date,
          parent_state: state,
          partner_id: commercialPartner(this.store, partner.id)!.id,
          currency_id: currencyId,
          payment_id: false,
          full_reconcile_id: false,
          matching_number: false,
          reconciled: false,
          ...values,
        });
      line({
        name: false,
        display_type: 'payment_term',
        account_id: RECEIVABLE,
        account_type: 'asset_receivable',
        date_maturity: due,
        ...amounts(sign * cents(total), true),
      });
      line({
        name: 'Services',
        display_type: 'product',
        account_id: INCOME,
        account_type: 'income',
        date_maturity: false,
        ...amounts(-sign * cents(total), false),
      });
      return move;
    });
  }

  /**
   * `account.move.create` from the external API, as Odoo 17 takes it for customer invoices: each vals
   * with move_type out_invoice, partner_id, currency_id, dates, ref and invoice_line_ids as (0, 0, vals)
   * commands (name, quantity, price_unit; no product: the journal's income account, no taxes). Each
   * becomes a draft named "/" with its receivable and income lines; the ids come back in order.
   */
  createFromApi(valsList: unknown): number[] {
    if (!Array.isArray(valsList) || valsList.length === 0)
      throw new OdooError('builtins.TypeError', "create() missing 1 required positional argument: 'vals_list'");
    return this.store.transaction(() =>
      valsList.map((vals: Record<string, unknown>) => {
        if (vals.move_type !== 'out_invoice') throw new OdooError('odoo.exceptions.UserError', 'The stand-in creates customer invoices only.');
        const partner = this.store.find('res.partner', vals.partner_id);
        if (!partner)
          throw new OdooError('odoo.exceptions.MissingError', `Record does not exist or has been deleted. (Record: res.partner(${String(vals.partner_id)},))`);
        const currency = this.store.find('res.currency', vals.currency_id);
        if (!currency) throw new OdooError('odoo.exceptions.ValidationError', 'The currency of the invoice does not exist.');
        const commands = Array.isArray(vals.invoice_line_ids) ? (vals.invoice_line_ids as unknown[][]) : [];
        const lines = commands.map((command) => {
          if (command[0] !== 0 || typeof command[2] !== 'object')
            throw new OdooError('builtins.ValueError', 'Only (0, 0, vals) commands create invoice lines.');
          const line = command[2] as { name?: string; quantity?: number; price_unit?: number };
          return { name: line.name ?? false, cents: Math.round((line.quantity ?? 1) * Number(line.price_unit ?? 0) * 100) };
        });
        const total = lines.reduce((sum, line) => sum + line.cents, 0);
        const date = String(vals.invoice_date ?? '2026-11-01');
        const due = String(vals.invoice_date_due ?? date);
        const move = this.store.create('account.move', {
          name: '/',
          move_type: 'out_invoice',
          state: 'draft',
          partner_id: partner.id,
          date,
          invoice_date: date,
          invoice_date_due: due,
          ref: vals.ref ?? false,
          currency_id: currency.id,
          amount_untaxed: money(total),
          amount_tax: 0,
          amount_total: money(total),
          amount_residual: money(total),
          amount_total_signed: money(total),
          amount_residual_signed: money(total),
          payment_state: 'not_paid',
          access_url: false,
          access_token: false,
          payment_id: false,
        });
        const line = (values: Record<string, unknown>) =>
          this.store.create('account.move.line', {
            move_id: move.id,
            move_name: '/',
            date,
            parent_state: 'draft',
            partner_id: commercialPartner(this.store, partner.id)!.id,
            currency_id: currency.id,
            payment_id: false,
            full_reconcile_id: false,
            matching_number: false,
            reconciled: false,
            ...values,
          });
        line({
          name: false,
          display_type: 'payment_term',
          account_id: RECEIVABLE,
          account_type: 'asset_receivable',
          date_maturity: due,
          ...amounts(total, true),
        });
        for (const income of lines)
          line({
            name: income.name,
            display_type: 'product',
            account_id: INCOME,
            account_type: 'income',
            date_maturity: false,
            ...amounts(-income.cents, false),
          });
        return move.id;
      }),
    );
  }

  /** `action_post`: each draft gets the next INV number of its year and is posted; a posted one is refused, as Odoo does. */
  postFromApi(ids: number[]): void {
    this.store.transaction(() => {
      for (const id of ids) {
        const move = this.store.find('account.move', id);
        if (!move) throw new OdooError('odoo.exceptions.MissingError', `Record does not exist or has been deleted. (Record: account.move(${id},))`);
        if (move.state !== 'draft') throw new OdooError('odoo.exceptions.UserError', `The entry ${String(move.name)} (id ${id}) must be in draft.`);
        const name = this.next('INV', String(move.date));
        this.store.write('account.move', id, { name, state: 'posted' });
        for (const row of this.store.table('account.move.line').filter((l) => l.move_id === id))
          this.store.write('account.move.line', row.id, { move_name: name, parent_state: 'posted' });
      }
    });
  }

  payment({ partner, amount, date, name, unmatched = false }: PaymentValues): OdooRecord {
    return this.store.transaction(() => {
      const currencyId = this.currency();
      const paymentName = name ?? this.next('PBNK1', date);
      const move = this.store.create('account.move', {
        name: paymentName,
        move_type: 'entry',
        state: 'posted',
        partner_id: partner.id,
        date,
        invoice_date: false,
        invoice_date_due: false,
        ref: false,
        currency_id: currencyId,
        amount_untaxed: 0,
        amount_tax: 0,
        amount_total: amount,
        amount_residual: 0,
        amount_total_signed: amount,
        amount_residual_signed: 0,
        payment_state: 'not_paid',
        access_url: false,
        access_token: false,
      });
      const payment = this.store.create('account.payment', {
        name: paymentName,
        move_id: move.id,
        date,
        amount,
        currency_id: currencyId,
        partner_id: partner.id,
        payment_type: 'inbound',
        partner_type: 'customer',
        state: 'posted',
        ref: false,
        is_reconciled: false,
        is_matched: !unmatched,
        destination_account_id: RECEIVABLE,
      });
      this.store.write('account.move', move.id, { payment_id: payment.id });
      const line = (values: Record<string, unknown>) =>
        this.store.create('account.move.line', {
          move_id: move.id,
          move_name: paymentName,
          date,
          date_maturity: date,
          parent_state: 'posted',
          partner_id: commercialPartner(this.store, partner.id)!.id,
          currency_id: currencyId,
          payment_id: payment.id,
          full_reconcile_id: false,
          matching_number: false,
          reconciled: false,
          display_type: 'product',
          ...values,
        });
      line({
        name: `Customer Payment ${money(cents(amount))}`,
        account_id: OUTSTANDING_RECEIPTS,
        account_type: 'asset_current',
        ...amounts(cents(amount), !unmatched),
      });
      line({ name: `Customer Payment ${money(cents(amount))}`, account_id: RECEIVABLE, account_type: 'asset_receivable', ...amounts(-cents(amount), true) });
      return payment;
    });
  }

  /** The receivable lines of an invoice, credit note or payment (its journal entry's). */
  receivableLines(record: OdooRecord): OdooRecord[] {
    const moveId = 'move_type' in record ? record.id : record.move_id;
    return this.store.table('account.move.line').filter((line) => line.move_id === moveId && line.account_type === 'asset_receivable');
  }

  /**
   * Matches the open receivable lines of two documents (an invoice and a payment or a credit note),
   * for `amount` or as much as both still have open, in one transaction. Returns the partial.
   */
  reconcile(a: OdooRecord, b: OdooRecord, amount?: number): OdooRecord {
    return this.store.transaction(() => {
      const open = (record: OdooRecord) => this.receivableLines(record).find((line) => cents(line.amount_residual) !== 0);
      const [lineA, lineB] = [open(a), open(b)];
      if (!lineA || !lineB) throw new OdooError('odoo.exceptions.UserError', 'Nothing left to reconcile on these entries.');
      const [debit, credit] = cents(lineA.amount_residual) > 0 ? [lineA, lineB] : [lineB, lineA];
      if (cents(debit.amount_residual) <= 0 || cents(credit.amount_residual) >= 0)
        throw new OdooError('odoo.exceptions.UserError', 'Entries are not from the same side.');
      const matched = Math.min(cents(debit.amount_residual), -cents(credit.amount_residual), amount === undefined ? Infinity : cents(amount));
      const partial = this.store.create('account.partial.reconcile', {
        debit_move_id: debit.id,
        credit_move_id: credit.id,
        amount: money(matched),
        debit_amount_currency: money(matched),
        credit_amount_currency: money(matched),
        debit_currency_id: debit.currency_id,
        credit_currency_id: credit.currency_id,
        company_currency_id: this.currency(),
        full_reconcile_id: false,
        exchange_move_id: false,
        max_date: [debit.date, credit.date].map(String).sort().at(-1),
      });
      this.refresh([debit, credit]);
      return partial;
    });
  }

  /** Undoes a match (Odoo's "Unreconcile"): the partial goes, and with it any full reconcile it was part of. */
  unreconcile(partial: OdooRecord): void {
    this.store.transaction(() => {
      const lines = [partial.debit_move_id, partial.credit_move_id].map((id) => this.store.find('account.move.line', id)!);
      this.store.unlink('account.partial.reconcile', partial.id);
      this.refresh(lines);
    });
  }

  /** Resets to draft (which undoes its matches, as Odoo's button_draft does), then cancels or leaves it in draft. */
  setState(record: OdooRecord, state: 'draft' | 'cancel' | 'posted'): void {
    this.store.transaction(() => {
      const lines = this.receivableLines(record);
      const partials = this.store
        .table('account.partial.reconcile')
        .filter((partial) => lines.some((line) => line.id === partial.debit_move_id || line.id === partial.credit_move_id));
      for (const partial of partials) this.unreconcile(partial);
      const move = 'move_type' in record ? record : this.store.find('account.move', record.move_id)!;
      this.store.write('account.move', move.id, { state });
      if (move.payment_id) this.store.write('account.payment', move.payment_id as number, { state });
      for (const line of this.store.table('account.move.line').filter((row) => row.move_id === move.id))
        this.store.write('account.move.line', line.id, { parent_state: state });
    });
  }

  /** Deletes an entry reset to draft (Odoo deletes no posted entry). */
  unlink(record: OdooRecord): void {
    const move = 'move_type' in record ? record : this.store.find('account.move', record.move_id)!;
    if (move.state !== 'draft') throw new OdooError('odoo.exceptions.UserError', 'You cannot delete an entry which has been posted once.');
    for (const line of this.store.table('account.move.line').filter((row) => row.move_id === move.id)) this.store.unlink('account.move.line', line.id);
    if (move.payment_id) this.store.unlink('account.payment', move.payment_id as number);
    this.store.unlink('account.move', move.id);
  }

  /** Recomputes what depends on the partials of these lines: residuals, matching, the moves' and payments' states. */
  private refresh(lines: OdooRecord[]): void {
    const partials = this.store.table('account.partial.reconcile');
    for (const line of lines) {
      const paid = partials.filter((p) => p.debit_move_id === line.id).reduce((sum, p) => sum + cents(p.amount), 0);
      const received = partials.filter((p) => p.credit_move_id === line.id).reduce((sum, p) => sum + cents(p.amount), 0);
      const residual = cents(line.balance) - paid + received;
      this.store.write('account.move.line', line.id, {
        amount_residual: money(residual),
        amount_residual_currency: money(residual),
        reconciled: residual === 0,
      });
    }
    this.renumber(lines);
    for (const moveId of new Set(lines.map((line) => line.move_id as number))) this.refreshMove(this.store.find('account.move', moveId)!);
  }

  /** Every line matched with these, directly or through others: one graph, fully reconciled when all of it is at zero. */
  private renumber(lines: OdooRecord[]): void {
    const partials = this.store.table('account.partial.reconcile');
    for (const start of lines) {
      const graph = new Set<number>([start.id]);
      for (let grew = true; grew;) {
        grew = false;
        for (const p of partials) {
          const [d, c] = [p.debit_move_id as number, p.credit_move_id as number];
          if (graph.has(d) !== graph.has(c)) {
            graph.add(d).add(c);
            grew = true;
          }
        }
      }
      const members = [...graph].map((id) => this.store.find('account.move.line', id)!);
      const edges = partials.filter((p) => graph.has(p.debit_move_id as number));
      const whole = edges.length > 0 && members.every((line) => line.reconciled === true);
      const kept = edges[0]?.full_reconcile_id;
      const full = !whole
        ? false
        : kept && edges.every((edge) => edge.full_reconcile_id === kept)
          ? kept
          : this.store.create('account.full.reconcile', { name: false }).id;
      for (const edge of edges) this.store.write('account.partial.reconcile', edge.id, { full_reconcile_id: full });
      const matching = full ? String(full) : edges.length ? `P${Math.min(...edges.map((edge) => edge.id))}` : false;
      for (const line of members) this.store.write('account.move.line', line.id, { full_reconcile_id: full, matching_number: matching });
    }
  }

  private refreshMove(move: OdooRecord): void {
    const receivable = this.receivableLines(move);
    const residual = receivable.reduce((sum, line) => sum + cents(line.amount_residual_currency), 0);
    if (move.payment_id) {
      this.store.write('account.payment', move.payment_id as number, { is_reconciled: residual === 0 });
      return;
    }
    if (!INVOICE_TYPES.has(String(move.move_type))) return;
    const counterparts = this.counterparts(receivable);
    const unmatchedPayment = counterparts.some((other) => other.payment_id && this.store.find('account.payment', other.payment_id)?.is_matched === false);
    const total = cents(move.amount_total);
    const open = Math.abs(residual);
    const state = open === 0 ? (unmatchedPayment ? 'in_payment' : 'paid') : open < total ? 'partial' : 'not_paid';
    this.store.write('account.move', move.id, { amount_residual: money(open), amount_residual_signed: money(residual), payment_state: state });
  }

  private counterparts(lines: OdooRecord[]): OdooRecord[] {
    const ids = new Set(lines.map((line) => line.id));
    return this.store.table('account.partial.reconcile').flatMap((p) => {
      const other = ids.has(p.debit_move_id as number) ? p.credit_move_id : ids.has(p.credit_move_id as number) ? p.debit_move_id : undefined;
      const line = this.store.find('account.move.line', other);
      return line ? [line] : [];
    });
  }

  /** Odoo's aged receivable today: every posted receivable line's residual, per commercial partner, in minor units. */
  expectedAging(): Map<string, number> {
    const totals = new Map<string, number>();
    for (const line of this.store.table('account.move.line')) {
      if (line.account_type !== 'asset_receivable' || line.parent_state !== 'posted') continue;
      const partner = String(commercialPartner(this.store, line.partner_id)!.id);
      totals.set(partner, (totals.get(partner) ?? 0) + cents(line.amount_residual_currency));
    }
    return new Map([...totals].filter(([, total]) => total !== 0));
  }
}

/** A line's amounts from its signed balance: debit or credit, and its residual when its account is reconciled. */
function amounts(balance: number, reconcilable: boolean): Record<string, number> {
  return {
    debit: money(Math.max(balance, 0)),
    credit: money(Math.max(-balance, 0)),
    balance: money(balance),
    amount_currency: money(balance),
    amount_residual: reconcilable ? money(balance) : 0,
    amount_residual_currency: reconcilable ? money(balance) : 0,
  };
}
