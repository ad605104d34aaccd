import { commercialPartner, type OdooStore } from './odoo-models';

const cents = (amount: unknown): number => Math.round(Number(amount) * 100);

/**
 * Odoo's aged receivable at the end of `day`, computed from the stand-in's records as Odoo's aged
 * partner balance report computes it (account_reports, aged_partner_balance): every posted
 * receivable line dated by the day, less what partials with a max_date by the day matched on its
 * debit side, plus what they matched on its credit side; summed per commercial partner, in cents.
 * A payment made before the invoice it pays is then open on the payment's line until the invoice's
 * date (the partial's max_date).
 */
export function agedReceivableOn(store: OdooStore, day: string): Map<string, number> {
  const partials = store.table('account.partial.reconcile').filter((partial) => String(partial.max_date) <= day);
  const totals = new Map<string, number>();
  for (const line of store.table('account.move.line')) {
    if (line.account_type !== 'asset_receivable' || line.parent_state !== 'posted' || String(line.date) > day) continue;
    const paid = partials.filter((p) => p.debit_move_id === line.id).reduce((sum, p) => sum + cents(p.amount), 0);
    const received = partials.filter((p) => p.credit_move_id === line.id).reduce((sum, p) => sum + cents(p.amount), 0);
    const partner = String(commercialPartner(store, line.partner_id)!.id);
    totals.set(partner, (totals.get(partner) ?? 0) + cents(line.balance) - paid + received);
  }
  return new Map([...totals].filter(([, total]) => total !== 0));
}
