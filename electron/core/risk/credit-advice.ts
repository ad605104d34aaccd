import type { CreditAdvice, RiskSegment } from '../../../shared/risk';
import { formatMoney } from '../../../shared/money';
import { NEW_BELOW_PAID } from './risk-segment';

export interface CreditTerms {
  currency: string;
  termsDays: number;
  creditLimitMinor: number | null;
  /** A typical invoice of the customer (its median), for sizing a first limit. */
  usualInvoiceMinor: number;
}

/** P(late) from which a habitually late customer is also asked for a deposit. */
const DEPOSIT_FROM = 0.8;
const SHORTEN_BY_DAYS = 15;

/**
 * What credit control would do for a risky or new customer: secure the first orders of a new one,
 * and shorten the exposure of a habitually late one. Reliable and occasionally late customers get none.
 */
export function creditAdvice(segment: RiskSegment, pLate: number, terms: CreditTerms): CreditAdvice[] {
  const money = (minor: number): string => formatMoney(minor, terms.currency, 'en-US');
  if (segment === 'new') {
    return [
      { code: 'deposit', text: `Ask for a deposit or prepayment until ${NEW_BELOW_PAID} invoices are paid` },
      { code: 'lower_limit', text: `Start with a limit of about ${money(terms.usualInvoiceMinor * 2)} (two typical invoices)` },
    ];
  }
  if (segment !== 'habitually_late') return [];
  const advice: CreditAdvice[] = [
    terms.termsDays > SHORTEN_BY_DAYS
      ? { code: 'shorter_terms', text: `Shorten terms from Net ${terms.termsDays} to Net ${terms.termsDays - SHORTEN_BY_DAYS}` }
      : { code: 'shorter_terms', text: 'Ask for payment on delivery' },
  ];
  if (terms.creditLimitMinor !== null && terms.creditLimitMinor > 0) {
    advice.push({ code: 'lower_limit', text: `Lower the limit from ${money(terms.creditLimitMinor)} to ${money(Math.round(terms.creditLimitMinor / 2))}` });
  }
  if (pLate >= DEPOSIT_FROM) advice.push({ code: 'deposit', text: 'Ask for a deposit on new orders' });
  return advice;
}
