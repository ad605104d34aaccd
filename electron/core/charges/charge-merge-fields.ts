import { chargeKindLabel } from '../../../shared/charges';
import type { IsoDate } from '../../../shared/dates';
import type { SqliteDb } from '../../db/sqlite';
import { chargesDue, chargesReport } from './charges-report';

/**
 * The late-payment charges of a customer's own currency as merge fields for emails and letters
 * (empty when its policy charges none, so a template's {{#charges.total}} section stays out).
 */
export function chargeMergeFields(
  sqlite: SqliteDb,
  customerId: number,
  currency: string,
  today: IsoDate,
  format: { money: (minor: number, currency: string) => string; percent: (fraction: number) => string; language: string },
): Record<string, string> {
  const charges = chargesReport(sqlite, today, customerId).customers.find((c) => c.currency === currency);
  if (!charges) return { 'charges.interest': '', 'charges.fixedFees': '', 'charges.total': '', 'charges.rate': '', 'charges.basis': '' };
  const rate = Math.max(...charges.invoices.map((i) => i.rateBp));
  return {
    'charges.interest': format.money(
      charges.interest - charges.invoices.reduce((sum, i) => sum + (i.waivedComponents.includes('interest') ? i.interest : 0), 0),
      currency,
    ),
    'charges.fixedFees': format.money(
      charges.fixedFees - charges.invoices.reduce((sum, i) => sum + (i.waivedComponents.includes('fixed_fee') ? i.fixedFee : 0), 0),
      currency,
    ),
    'charges.total': chargesDue(charges) > 0 ? format.money(chargesDue(charges), currency) : '',
    // Basis points to a fraction for display only.
    'charges.rate': format.percent(rate / 10_000),
    'charges.basis': chargeKindLabel(charges.kind, format.language),
  };
}
