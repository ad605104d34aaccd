import { addDays, daysBetween, type IsoDate } from '../../../shared/dates';
import type { CustomerRisk } from '../../../shared/risk';
import { creditAdvice } from './credit-advice';
import { historyFacts } from './history-facts';
import { riskFacts, type RiskFacts } from './risk-features';
import { topReasons } from './risk-reasons';
import { balanceBefore, type CustomerHistory } from './risk-history';
import { scoreFacts, type RiskModel } from './risk-model';
import { riskSegment } from './risk-segment';

export interface CustomerCredit {
  creditLimitMinor: number | null;
}

/** An invoice issued by today and still owed at its end, with the facts of its issue date. */
export interface OwedInvoice {
  facts: RiskFacts;
  balanceMinor: number;
}

/**
 * The invoices a customer's risk is judged on, in history order. `facts`: all its invoices' facts
 * when already computed; only these few are needed to score it, so a retrain keeps just them.
 */
export function owedInvoices(history: CustomerHistory, today: IsoDate, facts = historyFacts(history)): OwedInvoice[] {
  const tomorrow = addDays(today, 1);
  return history.invoices.flatMap((invoice, k) => {
    const balanceMinor = invoice.issueDate <= today ? balanceBefore(invoice, tomorrow) : 0;
    return balanceMinor > 0 ? [{ facts: facts[k]!, balanceMinor }] : [];
  });
}

/**
 * A customer's risk: P(late) and expected days late of its open invoices, amount-weighted (each
 * invoice judged on the facts of its own issue date, as in training). A customer with nothing open
 * is judged on a next invoice like its usual one, issued tomorrow. Reasons are ranked by the same
 * weighted contributions and worded with what is known today, as are the segment and the advice.
 */
export function customerRisk(
  model: RiskModel,
  history: CustomerHistory,
  today: IsoDate,
  credit: CustomerCredit,
  owed = owedInvoices(history, today),
): Omit<CustomerRisk, 'trainedAt'> | null {
  const latest = history.invoices.at(-1);
  if (!latest) return null;
  const tomorrow = addDays(today, 1);
  const sameCurrency = history.invoices
    .filter((i) => i.currency === latest.currency)
    .map((i) => i.amountMinor)
    .sort((a, b) => a - b);
  // The upper middle, not the mean of the two: an amount in minor units stays a whole number.
  const usualMinor = sameCurrency[sameCurrency.length >> 1]!;
  const termsDays = daysBetween(latest.issueDate, latest.dueDate);
  const next = { issueDate: tomorrow, dueDate: addDays(tomorrow, termsDays), amountMinor: usualMinor, currency: latest.currency, billing: latest.billing };
  const profile = scoreFacts(model, riskFacts(history, next));
  const open = owed.map((invoice) => ({ risk: scoreFacts(model, invoice.facts), weight: invoice.balanceMinor }));
  const scored = open.length > 0 ? open : [{ risk: profile, weight: 1 }];
  const total = scored.reduce((sum, s) => sum + s.weight, 0);
  const weighted = (pick: (s: (typeof scored)[number]) => number): number => scored.reduce((sum, s) => sum + pick(s) * s.weight, 0) / total;
  const pLate = weighted((s) => s.risk.pLate);
  const contributions = profile.contributions.map((_, k) => weighted((s) => s.risk.contributions[k]!));
  const segment = riskSegment(pLate, profile.facts);
  return {
    customerId: history.customerId,
    pLate,
    expectedDaysLate: weighted((s) => s.risk.expectedDaysLate),
    segment,
    reasons: topReasons(contributions, profile.facts),
    advice: creditAdvice(segment, pLate, { currency: latest.currency, termsDays, creditLimitMinor: credit.creditLimitMinor, usualInvoiceMinor: usualMinor }),
  };
}
