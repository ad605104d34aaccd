import { formatMoney } from '../../../shared/money';
import type { RoleLimits, TeamAuthority } from '../../../shared/team-authority';

/** What an action amounts to, for its limit; amounts in minor units of `currency`. */
export type ActionFacts =
  | { kind: 'plan'; currency: string; installments: number; totalMinor: number }
  | { kind: 'discount'; percentBp: number }
  | { kind: 'promise'; daysOut: number }
  | { kind: 'waiver'; currency: string; amountMinor: number }
  | { kind: 'write_off'; currency: string; amountMinor: number };

export const percentOf = (bp: number): string => `${(bp / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} %`;

/**
 * Why an action is above the actor's authority, in words; empty when it is within it. A manager,
 * and a team without limits, has none. An amount in another currency than the limits' is held
 * whenever that amount has a limit: no rate is guessed to let it through.
 */
export function beyondAuthority(authority: TeamAuthority, facts: ActionFacts): string[] {
  if (authority.role === 'manager' || !authority.limits) return [];
  const { currency } = authority.limits;
  const limits: RoleLimits = authority.limits[authority.role];
  const over = (cap: number | null, value: number): cap is number => cap !== null && value > cap;
  const amountOver = (cap: number | null, value: number, valueCurrency: string): cap is number => cap !== null && (valueCurrency !== currency || value > cap);
  const reasons: string[] = [];
  switch (facts.kind) {
    case 'plan':
      if (over(limits.planInstallments, facts.installments)) reasons.push(`${facts.installments} installments (your limit is ${limits.planInstallments})`);
      if (amountOver(limits.planAmountMinor, facts.totalMinor, facts.currency)) {
        reasons.push(
          `${formatMoney(facts.totalMinor, facts.currency, 'en-US')} in all (your limit is ${formatMoney(limits.planAmountMinor, currency, 'en-US')})`,
        );
      }
      break;
    case 'discount':
      if (over(limits.discountBp, facts.percentBp)) reasons.push(`a discount of ${percentOf(facts.percentBp)} (your limit is ${percentOf(limits.discountBp)})`);
      break;
    case 'promise':
      if (over(limits.promiseDays, facts.daysOut)) reasons.push(`a date ${facts.daysOut} days out (your limit is ${limits.promiseDays})`);
      break;
    case 'waiver':
      if (amountOver(limits.waiverMinor, facts.amountMinor, facts.currency)) {
        reasons.push(
          `a waiver of ${formatMoney(facts.amountMinor, facts.currency, 'en-US')} (your limit is ${formatMoney(limits.waiverMinor, currency, 'en-US')})`,
        );
      }
      break;
    case 'write_off':
      if (amountOver(limits.writeOffMinor, facts.amountMinor, facts.currency)) {
        reasons.push(
          `a write-off of ${formatMoney(facts.amountMinor, facts.currency, 'en-US')} (your limit is ${formatMoney(limits.writeOffMinor, currency, 'en-US')})`,
        );
      }
      break;
  }
  return reasons;
}
