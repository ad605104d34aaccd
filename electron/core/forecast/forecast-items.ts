import { addDays, type IsoDate } from '../../../shared/dates';
import { historyFacts } from '../risk/history-facts';
import { percentile } from '../risk/percentile';
import { payDelaysBefore } from '../risk/risk-features';
import { balanceBefore, type CustomerHistory } from '../risk/risk-history';
import { scoreFacts, type RiskModel } from '../risk/risk-model';
import type { OpenItem } from './cash-forecast';

/** Below this many paid invoices a customer's own spread says little; the book's is used instead. */
const OWN_BAND_FROM = 3;

/** Every invoice open at the end of `asOf`, with its expected days late and its customer's band as known then. */
export function openItemsAt(histories: Iterable<CustomerHistory>, model: RiskModel, asOf: IsoDate): OpenItem[] {
  const dayAfter = addDays(asOf, 1);
  const items: OpenItem[] = [];
  for (const history of histories) {
    const delays = payDelaysBefore(history, dayAfter);
    const band = delays.length >= OWN_BAND_FROM ? { p10: percentile(delays, 0.1), p90: percentile(delays, 0.9) } : model.delayBand;
    let facts: ReturnType<typeof historyFacts> | undefined;
    for (const [k, invoice] of history.invoices.entries()) {
      if (invoice.issueDate > asOf) continue;
      const balanceMinor = balanceBefore(invoice, dayAfter);
      if (balanceMinor <= 0) continue;
      facts ??= historyFacts(history);
      items.push({
        invoiceId: invoice.id,
        currency: invoice.currency,
        balanceMinor,
        dueDate: invoice.dueDate,
        expectedDaysLate: scoreFacts(model, facts[k]!).expectedDaysLate,
        band,
      });
    }
  }
  return items;
}
